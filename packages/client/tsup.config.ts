import { mkdirSync, writeFileSync } from "node:fs";
import { defineConfig, type Options } from "tsup";

// dist/ layout:
// - dist/esm/ and dist/cjs/: one file per source module, each tree mirroring src/, so that a bundler
//   keeps only the modules an app uses (the package has no side effects) and both entries of one
//   format share every module (one token store, one limiter registry, one EloverblikError).
// - dist/{index,core,insights}.d.ts and .d.cts: the declarations, bundled per entry.
// - No source maps in the package.
// The build script empties dist/ first: the builds run at once, so none of them may clean.

const common: Options = {
  entry: ["src/**/*.ts"],
  target: "node20",
  platform: "neutral",
  bundle: false,
  sourcemap: false,
  dts: false,
};

export default defineConfig([
  { ...common, format: ["esm"], outDir: "dist/esm" },
  {
    ...common,
    format: ["cjs"],
    outDir: "dist/cjs",
    // The sources import "./x.js"; in dist/cjs those files are CommonJS.
    outExtension: () => ({ js: ".js" }),
    onSuccess: async () => {
      mkdirSync("dist/cjs", { recursive: true });
      writeFileSync("dist/cjs/package.json", `${JSON.stringify({ type: "commonjs" })}\n`);
    },
  },
  {
    entry: {
      index: "src/index.ts",
      core: "src/core.ts",
      node: "src/node.ts",
      "energi-data-service": "src/energi-data-service.ts",
    },
    format: ["esm", "cjs"],
    target: "node20",
    dts: { only: true },
  },
  // The insights entry's declarations on their own, so that dist/insights.d.ts stands alone.
  {
    entry: { insights: "src/insights/index.ts" },
    format: ["esm", "cjs"],
    target: "node20",
    dts: { only: true },
  },
]);
