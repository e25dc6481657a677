import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The library entry: every dependency stays external, so a program uses its own client, SDK and zod.
    entry: ["src/index.ts"],
    format: ["esm"],
    dts: { entry: "src/index.ts" },
    sourcemap: true,
    // dist/cli is the other build's.
    clean: ["!cli/**"],
    target: "node20",
    platform: "node",
  },
  {
    // The command: the SDK and zod (both pinned exactly) bundled in, so that it starts about as fast as
    // a bare SDK server instead of loading a few hundred modules first. The Eloverblik client (a ^ range)
    // and the simulator stay external, so a client release reaches the command without one of this package.
    entry: { bin: "src/bin.ts" },
    outDir: "dist/cli",
    format: ["esm"],
    noExternal: [/^@modelcontextprotocol\/sdk(\/|$)/, /^zod(\/|$)/],
    // The SDK's CommonJS dependencies (ajv) require Node built-ins.
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
    },
    clean: true,
    target: "node20",
    platform: "node",
  },
]);
