#!/usr/bin/env node
// Until the first release, the way to install a package outside this repository: `pnpm pack` of every
// published package (pnpm turns `workspace:` ranges into versions; `npm pack` would leave them), then
// the npm install command for each, with the tarballs of the workspace packages it needs (they are
// not on the npm registry yet; the other dependencies come from it as usual).
//   pnpm pack:tarballs [DIR]          (builds first; DIR defaults to ./tarballs)
//   node scripts/pack.mjs [DIR] [--root DIR] [--no-build]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { workspaceClosure } from "./release-dry-run.mjs";

const here = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const root = option("--root") ?? here;
const positional = args.filter((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--root"));
const dest = resolve(positional[0] ?? join(root, "tarballs"));
const shell = process.platform === "win32";

if (!args.includes("--no-build")) {
  const build = spawnSync("pnpm", ["-s", "build", "--output-logs=errors-only"], {
    cwd: root,
    stdio: "inherit",
    shell,
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

mkdirSync(dest, { recursive: true });
const published = readdirSync(join(root, "packages"))
  .map((d) => join(root, "packages", d))
  .filter((dir) => existsSync(join(dir, "package.json")))
  .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
  .filter(({ pkg }) => !pkg.private);
const manifests = new Map(published.map(({ pkg }) => [pkg.name, pkg]));
const tarballs = new Map();
for (const { dir, pkg } of published) {
  const r = spawnSync("pnpm", ["pack", "--pack-destination", dest], { cwd: dir, encoding: "utf8", shell });
  const file = join(dest, `${pkg.name.replace(/^@/, "").replace("/", "-")}-${pkg.version}.tgz`);
  if (r.status !== 0 || !existsSync(file)) {
    process.stderr.write(`pnpm pack failed for ${pkg.name}:\n${r.stdout}${r.stderr}\n`);
    process.exit(1);
  }
  tarballs.set(pkg.name, file);
}
const quote = (path) => (/[\s"'$]/.test(path) ? JSON.stringify(path) : path);
process.stdout.write(
  `Packed ${tarballs.size} package(s) into ${dest}. To install one into your project:\n\n`,
);
for (const [name, file] of tarballs) {
  const needs = workspaceClosure(name, manifests).map((dep) => tarballs.get(dep));
  process.stdout.write(`# ${name}\nnpm install ${[file, ...needs].map(quote).join(" ")}\n\n`);
}
