#!/usr/bin/env node
// `npm run demo` / `npm test` on a machine that has only Node.js and npm: makes sure the pinned pnpm
// is available (the one on PATH, else through npx), installs the workspace from the lockfile, then
// runs the given pnpm script.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const script = process.argv[2];
if (!script) {
  process.stderr.write("usage: node scripts/run.mjs <pnpm script> [args…]\n");
  process.exit(2);
}
const root = new URL("..", import.meta.url);
const { packageManager } = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
const version = packageManager.split("@")[1];
const shell = process.platform === "win32";

const onPath = spawnSync("pnpm", ["--version"], { encoding: "utf8", shell });
const pnpm =
  onPath.status === 0 && onPath.stdout.trim() === version ? ["pnpm"] : ["npx", "--yes", `pnpm@${version}`];
if (pnpm[0] !== "pnpm") process.stderr.write(`pnpm ${version} is not on PATH; using it through npx.\n`);

function run(args) {
  const result = spawnSync(pnpm[0], [...pnpm.slice(1), ...args], { stdio: "inherit", cwd: root, shell });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(["install", "--frozen-lockfile"]);
run([script, ...process.argv.slice(3)]);
