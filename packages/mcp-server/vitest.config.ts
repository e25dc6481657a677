import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@eloverblik-kit/simulator/server": fileURLToPath(
        new URL("../simulator/src/server.ts", import.meta.url),
      ),
      // Before the package name itself, which would otherwise swallow the subpath.
      "@eloverblik-kit/client/insights": fileURLToPath(
        new URL("../client/src/insights/index.ts", import.meta.url),
      ),
      "@eloverblik-kit/client/energi-data-service": fileURLToPath(
        new URL("../client/src/energi-data-service.ts", import.meta.url),
      ),
      "@eloverblik-kit/redis": fileURLToPath(new URL("../redis/src/index.ts", import.meta.url)),
      "@eloverblik-kit/client": fileURLToPath(new URL("../client/src/index.ts", import.meta.url)),
      "@eloverblik-kit/simulator": fileURLToPath(new URL("../simulator/src/index.ts", import.meta.url)),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    // `pnpm check` runs this suite beside lint, builds, type checks and the other suites, often on a small,
    // busy CI machine, and several tests start the built server as a child process: every test and hook
    // gets 30 s instead of vitest's 5 s, and test files use at most half the cores.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    maxWorkers: "50%",
  },
});
