import { defineConfig } from "tsup";

// Types only: the JavaScript entry is empty, the declarations carry the contract.
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "node20",
  platform: "neutral",
});
