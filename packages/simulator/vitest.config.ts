import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Test against the client's source, so the simulator's tests never need a client build.
    alias: { "@eloverblik-kit/client": fileURLToPath(new URL("../client/src/index.ts", import.meta.url)) },
  },
  test: {
    include: ["test/**/*.test.ts"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
    // `pnpm check` runs this suite beside lint, builds, type checks and the other suites, often on a small,
    // busy CI machine: every test and hook gets 20 s instead of vitest's 5 s (heavy tests set their own
    // budget), and test files use at most half the cores so the suites running side by side all progress.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    maxWorkers: "50%",
  },
});
