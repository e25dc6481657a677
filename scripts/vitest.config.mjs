// Tests for the repository scripts (spec:pull, spec:check). Run from the repository root:
//   pnpm exec vitest run --config scripts/vitest.config.mjs
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: ["scripts/test/**/*.test.mjs"],
    // Several tests start the CLIs as child processes.
    testTimeout: 30_000,
  },
});
