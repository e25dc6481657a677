#!/usr/bin/env node
// The pending changesets, checked before they can reach a release:
// 1. every one has valid front matter naming existing, published packages with a bump type (a
//    formatter once turned the front matter into a heading, which changesets ignores);
// 2. a package that bundles another workspace package (it is a devDependency, imported by the code
//    the package ships, so its code is inside the package's build) is released whenever anything in
//    its bundle is. Changesets bumps dependents for `dependencies` only; n8n-nodes-eloverblik, which
//    bundles the client, would otherwise ship the old client in a release that claims the new one.
// Generic over packages/*: a new package is covered without editing this file.
//   node scripts/check-changesets.mjs [--root DIR]
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL("..", import.meta.url));
const rootArg = process.argv.indexOf("--root");
const root = rootArg > 0 ? process.argv[rootArg + 1] : here;

/** The workspace's packages by name: { dir, pkg }. */
export function workspacePackages(rootDir) {
  const packages = new Map();
  const base = join(rootDir, "packages");
  for (const dir of existsSync(base) ? readdirSync(base) : []) {
    const file = join(base, dir, "package.json");
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8"));
    packages.set(pkg.name, { dir: join(base, dir), pkg });
  }
  return packages;
}

// Folders and files of a package that are not shipped code: tests, tools, builds, examples.
const NOT_SHIPPED = new Set([
  "node_modules",
  "dist",
  "coverage",
  "test",
  "tests",
  "__tests__",
  "e2e",
  "fixtures",
  "scripts",
  "bench",
  "benchmarks",
  "examples",
  "docs",
]);
const SOURCE = /\.(c|m)?(t|j)sx?$/;
const NOT_SOURCE = /\.(test|spec|e2e|bench|config)\.(c|m)?(t|j)sx?$|\.d\.(c|m)?ts$/;

function sourceFiles(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (NOT_SHIPPED.has(name) || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (SOURCE.test(name) && !NOT_SOURCE.test(name)) out.push(path);
  }
  return out;
}

function imports(file, name) {
  const text = readFileSync(file, "utf8");
  const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return new RegExp(
    `(from\\s*|import\\s*\\(\\s*|require\\s*\\(\\s*|import\\s+)["']${escaped}(/[^"']*)?["']`,
  ).test(text);
}

/**
 * Published packages that bundle workspace packages: name → the workspace packages whose code ends
 * up in its build (the devDependencies its shipped code imports, and their workspace dependencies).
 */
export function bundles(packages) {
  const result = new Map();
  for (const [name, { dir, pkg }] of packages) {
    if (pkg.private) continue;
    const runtime = new Set(
      ["dependencies", "peerDependencies", "optionalDependencies"].flatMap((f) => Object.keys(pkg[f] ?? {})),
    );
    const candidates = Object.keys(pkg.devDependencies ?? {}).filter(
      (dep) => packages.has(dep) && !runtime.has(dep),
    );
    if (candidates.length === 0) continue;
    const files = sourceFiles(dir);
    const bundled = new Set();
    const queue = candidates.filter((dep) => files.some((file) => imports(file, dep)));
    while (queue.length > 0) {
      const dep = queue.shift();
      if (bundled.has(dep) || dep === name) continue;
      bundled.add(dep);
      // A bundled package's own workspace dependencies are inside the bundle too.
      const inner = packages.get(dep).pkg;
      for (const f of ["dependencies", "optionalDependencies"])
        for (const d of Object.keys(inner[f] ?? {})) if (packages.has(d)) queue.push(d);
    }
    if (bundled.size > 0) result.set(name, [...bundled].sort());
  }
  return result;
}

/** The release plan of the pending changesets as `changeset version` would apply it (dependents included). */
async function releasePlan(rootDir) {
  const { default: getReleasePlan } = await import("@changesets/get-release-plan");
  const plan = await (getReleasePlan.default ?? getReleasePlan)(rootDir);
  return plan.releases.filter((r) => r.type !== "none");
}

async function main() {
  const packages = workspacePackages(root);
  const problems = [];
  const dir = join(root, ".changeset");
  const files = readdirSync(dir).filter((f) => f.endsWith(".md") && f !== "README.md");
  for (const file of files) {
    const text = readFileSync(join(dir, file), "utf8");
    const match = /^---\n([\s\S]*?)\n---\n\s*\S/.exec(text);
    if (!match) {
      problems.push(`${file}: no front matter (--- "package": patch|minor|major --- then a summary)`);
      continue;
    }
    for (const line of match[1].split("\n").filter((l) => l.trim())) {
      const entry = /^"([^"]+)":\s*(patch|minor|major)$/.exec(line.trim());
      if (!entry) problems.push(`${file}: cannot read "${line}"`);
      else if (!packages.has(entry[1])) problems.push(`${file}: unknown package ${entry[1]}`);
      else if (packages.get(entry[1]).pkg.private)
        problems.push(`${file}: ${entry[1]} is private and never released`);
    }
  }

  const bundlers = bundles(packages);
  let planned = 0;
  if (problems.length === 0 && files.length > 0) {
    const releases = new Map((await releasePlan(root)).map((r) => [r.name, r]));
    planned = releases.size;
    for (const [bundler, inside] of bundlers) {
      if (releases.has(bundler)) continue;
      const released = inside.filter((dep) => releases.has(dep));
      if (released.length === 0) continue;
      const where = relative(root, packages.get(bundler).dir);
      problems.push(
        `${bundler} (${where}) bundles ${released.map((d) => `${d} ${releases.get(d).newVersion}`).join(", ")} but is not released with it: add "${bundler}": patch to a changeset`,
      );
    }
  }

  if (problems.length > 0) {
    process.stderr.write(`Changesets with problems:\n${problems.map((p) => `  ${p}`).join("\n")}\n`);
    process.exit(1);
  }
  const bundled = [...bundlers].map(([b, inside]) => `${b} bundles ${inside.join(", ")}`).join("; ");
  process.stdout.write(
    `${files.length} changeset(s) OK, ${planned} package(s) to release${bundled ? `; ${bundled}, released together` : ""}\n`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
