import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Tests that need Node modules (files, processes) are .mjs: strict lint checks every .ts.
    include: ["test/**/*.test.ts", "test/**/*.test.mjs"],
    // Tests talk to the simulator's HTTP server on loopback while turbo runs lint, builds and the
    // other suites beside them on a small machine: 30 s per test instead of vitest's 5 s.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    maxWorkers: "50%",
  },
});
