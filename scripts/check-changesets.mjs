#!/usr/bin/env node
// Every pending changeset must have valid front matter naming existing, published packages with a
// bump type; a formatter once turned the front matter into a heading, which changesets ignores.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const packages = new Map();
for (const dir of readdirSync(join(root, "packages"))) {
  try {
    const pkg = JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8"));
    packages.set(pkg.name, pkg);
  } catch {
    // not a package folder
  }
}
const problems = [];
const files = readdirSync(join(root, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");
for (const file of files) {
  const text = readFileSync(join(root, ".changeset", file), "utf8");
  const match = /^---\n([\s\S]*?)\n---\n\s*\S/.exec(text);
  if (!match) {
    problems.push(`${file}: no front matter (--- "package": patch|minor|major --- then a summary)`);
    continue;
  }
  for (const line of match[1].split("\n").filter((l) => l.trim())) {
    const entry = /^"([^"]+)":\s*(patch|minor|major)$/.exec(line.trim());
    if (!entry) problems.push(`${file}: cannot read "${line}"`);
    else if (!packages.has(entry[1])) problems.push(`${file}: unknown package ${entry[1]}`);
    else if (packages.get(entry[1]).private)
      problems.push(`${file}: ${entry[1]} is private and never released`);
  }
}
if (problems.length > 0) {
  process.stderr.write(`Changesets with problems:\n${problems.map((p) => `  ${p}`).join("\n")}\n`);
  process.exit(1);
}
process.stdout.write(`${files.length} changeset(s) OK\n`);
