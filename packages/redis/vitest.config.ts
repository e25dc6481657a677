import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@eloverblik-kit/simulator/server": fileURLToPath(
        new URL("../simulator/src/server.ts", import.meta.url),
      ),
      "@eloverblik-kit/client": fileURLToPath(new URL("../client/src/index.ts", import.meta.url)),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Each file starts its own redis-server and simulator; on a loaded 2-core machine give hooks room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    maxWorkers: "50%",
  },
});
