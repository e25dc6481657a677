import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@eloverblik-kit/simulator/server": fileURLToPath(
        new URL("../simulator/src/server.ts", import.meta.url),
      ),
      "@eloverblik-kit/client": fileURLToPath(new URL("../client/src/index.ts", import.meta.url)),
      "@eloverblik-kit/simulator": fileURLToPath(new URL("../simulator/src/index.ts", import.meta.url)),
    },
  },
  test: { include: ["test/**/*.test.ts"], testTimeout: 30_000 },
});
