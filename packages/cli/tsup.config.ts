import { defineConfig } from "tsup";

export default defineConfig({
  // The command only: the client and the simulator (^ ranges) and the CLI libraries stay external,
  // so a client release reaches the command without a release of this package.
  entry: { bin: "src/bin.ts" },
  format: ["esm"],
  clean: true,
  sourcemap: true,
  target: "node20",
  platform: "node",
  // Optional and native: loaded at run time when it is installed.
  external: ["@napi-rs/keyring"],
});
