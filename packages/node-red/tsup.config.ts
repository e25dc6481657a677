import { defineConfig } from "tsup";

export default defineConfig({
  // Node-RED loads node files with require(): one CommonJS file, the client stays a dependency.
  entry: ["src/index.ts"],
  format: ["cjs"],
  sourcemap: true,
  clean: true,
  target: "node20",
  platform: "node",
});
