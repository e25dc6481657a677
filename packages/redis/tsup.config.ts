import { defineConfig } from "tsup";

// ESM for the CLI and the MCP server, CommonJS for Node-RED (which loads nodes with require()).
// Dependencies (the client, ioredis) stay external.
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: false,
  target: "node20",
  platform: "node",
});
