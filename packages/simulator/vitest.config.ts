import { defineConfig } from "vitest/config";

// No alias to the client: the simulator is the fake the client is tested against and shares none of its
// code; the client's tests against it live in packages/client/test/against-simulator/.
export default defineConfig({
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
