#!/usr/bin/env node
// A package's `check:package` types step: Are the Types Wrong? on the packed package with the node16
// profile, quiet when it passes and the full table when it does not. The node16 profile ignores node10,
// but attw still prints node10's resolution, and node10 cannot resolve subpath exports (`./core`,
// `./server`): a passing check printed 💀 lines that a newcomer reads as failures. Run from the package
// directory: `node ../../scripts/attw.mjs [more attw options]`.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

// The package's own @arethetypeswrong/cli (a devDependency), started with this Node.js.
const require = createRequire(pathToFileURL(join(process.cwd(), "package.json")));
const manifest = require.resolve("@arethetypeswrong/cli/package.json");
const { bin } = JSON.parse(readFileSync(manifest, "utf8"));
const attw = join(dirname(manifest), typeof bin === "string" ? bin : bin.attw);

const args = ["--pack", ".", "--profile", "node16", ...process.argv.slice(2)];
const result = spawnSync(process.execPath, [attw, ...args], { encoding: "utf8" });
if (result.error) {
  process.stderr.write(`attw could not be started: ${result.error.message}\n`);
  process.exit(1);
}
if (result.status === 0) {
  process.stdout.write("attw: no problems (node16 from ESM and CJS, bundler; node10 not checked)\n");
} else {
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
}
process.exit(result.status ?? 1);
