import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The tests run the built command as a child process (in a pipe and in a pseudo-terminal) and a
    // headless browser, beside the other suites of `pnpm check` on a small, busy machine: 30 s per test
    // and hook, and at most half the cores.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    maxWorkers: "50%",
  },
});
