#!/usr/bin/env node
// Builds dist/ as n8n loads it. n8n's own build (tsc) does not bundle, and a community package may
// have no runtime dependencies, so the client goes into the bundle:
// - dist/eloverblik.js: index.ts with the client and openapi-fetch bundled (CommonJS, only
//   `n8n-workflow` left to require), the ports n8n forbids (timers, process, globalThis) replaced;
// - one small file per node and credential at the path package.json's "n8n" block names, which
//   re-exports its class from the bundle, with its icons (and the node's codex file) beside it.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints: [join(root, "index.ts")],
  outfile: join(dist, "eloverblik.js"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  external: ["n8n-workflow"],
  // The client's Node entry is never imported; openapi-fetch's defaults name globals the client
  // always passes in.
  define: { "globalThis.fetch": "fetch", "globalThis.Request": "Request", process: "undefined" },
  conditions: ["import"],
  mainFields: ["module", "main"],
  legalComments: "none",
  logLevel: "warning",
});

for (const entry of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
  const file = join(root, entry);
  const name = entry
    .split("/")
    .pop()
    .replace(/\.(node|credentials)\.js$/, "");
  mkdirSync(dirname(file), { recursive: true });
  const bundle = relative(dirname(file), join(dist, "eloverblik.js")).replace(/\\/g, "/");
  writeFileSync(
    file,
    `"use strict";\n// n8n loads ${name} from here; the code is in the package's one bundle.\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.${name} = require("./${bundle}").${name};\n`,
  );
  const source = join(root, dirname(entry).replace(/^dist\//, ""));
  for (const icon of ["eloverblik.svg", "eloverblik.dark.svg"])
    copyFileSync(join(source, icon), join(dirname(file), icon));
  if (entry.endsWith(".node.js")) {
    const codex = `${name}.node.json`;
    copyFileSync(join(source, codex), join(dirname(file), codex));
  }
}
console.log(
  `built ${relative(root, dist)}/ (${manifest.n8n.nodes.length} nodes, ${manifest.n8n.credentials.length} credentials)`,
);
