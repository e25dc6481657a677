import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const simulatorSource = (file: string) => fileURLToPath(new URL(`../simulator/src/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    // test/against-simulator/ runs the client against the simulator's source, so the tests need no
    // simulator build. (The simulator does not depend on the client: it is the fake the client is tested
    // against and shares none of its code.)
    alias: [
      { find: /^@eloverblik-kit\/simulator$/, replacement: simulatorSource("index.ts") },
      { find: /^@eloverblik-kit\/simulator\/server$/, replacement: simulatorSource("server.ts") },
    ],
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
