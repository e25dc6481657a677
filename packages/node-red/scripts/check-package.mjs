#!/usr/bin/env node
// The offline part of the Node-RED flow library's scorecard (`node-red-dev validate` cannot run
// without the network): P01 licence, P03 repository and bugs, P04 scoped name, P05 keyword, P06
// node-red.version accepting the current Node-RED lines, P07 engines, N02 an example per non-config
// node, D01 at most 6 dependencies; plus what Node-RED itself needs to load and show the nodes.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import semver from "semver";

const root = new URL("..", import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const problems = [];
const check = (ok, message) => {
  if (!ok) problems.push(message);
};

// Node-RED lines a new user may run; the minimum Node.js of each (Node-RED 4: >=18.5, 5: >=22.9).
const NODE_RED_LINES = ["4.1.15", "5.0.7"];
const NODE_RED_ENGINES = [">=18.5", ">=22.9"];

check(pkg.license === "MIT" && existsSync(join(root, "LICENSE")), "P01: licence MIT with a LICENSE file");
check(
  pkg.repository?.url && pkg.repository?.directory === "packages/node-red",
  "P03: repository with directory",
);
check(pkg.bugs?.url, "P03: bugs url");
check(/^@[^/]+\/node-red$|^@[^/]+\/node-red-/.test(pkg.name), `P04: scoped name (${pkg.name})`);
check(pkg.keywords?.includes("node-red"), "P05: keyword node-red");
const range = pkg["node-red"]?.version;
for (const v of NODE_RED_LINES) {
  check(range && semver.satisfies(v, range), `P06: node-red.version ${range} does not accept Node-RED ${v}`);
}
for (const e of NODE_RED_ENGINES) {
  check(semver.intersects(pkg.engines?.node ?? "*", e), `P07: engines.node does not meet Node-RED's ${e}`);
}
const deps = Object.keys(pkg.dependencies ?? {});
check(deps.length <= 6, `D01: ${deps.length} dependencies (at most 6)`);
for (const f of ["nodes", "examples", "dist"]) check(pkg.files?.includes(f), `files must include ${f}`);

// Every node file loads from the package and has its editor file and both locales beside it.
const types = new Map(); // type -> is config
for (const file of Object.values(pkg["node-red"]?.nodes ?? {})) {
  const js = join(root, file);
  check(existsSync(js), `node file ${file} missing`);
  const html = js.replace(/\.c?js$/, ".html");
  check(existsSync(html), `editor file beside ${file} missing`);
  const text = existsSync(html) ? readFileSync(html, "utf8") : "";
  for (const m of text.matchAll(/registerType\(\s*"([^"]+)",\s*\{\s*category:\s*"?([\w.]+)/g)) {
    types.set(m[1], m[2] === "config");
  }
  const base = file
    .split("/")
    .pop()
    .replace(/\.c?js$/, "");
  const keys = (lang) => {
    const p = join(dirname(js), "locales", lang, `${base}.json`);
    if (!existsSync(p)) return null;
    const flat = [];
    const walk = (o, prefix) => {
      for (const [k, v] of Object.entries(o)) {
        if (v && typeof v === "object") walk(v, `${prefix}${k}.`);
        else flat.push(`${prefix}${k}`);
      }
    };
    walk(JSON.parse(readFileSync(p, "utf8")), "");
    return flat.sort();
  };
  const en = keys("en-US");
  const da = keys("da");
  check(en && da, `locales/en-US and locales/da ${base}.json needed`);
  if (en && da) {
    const missing = en.filter((k) => !da.includes(k)).concat(da.filter((k) => !en.includes(k)));
    check(missing.length === 0, `locales differ: ${missing.join(", ")}`);
  }
  // Every data-i18n key of the editor is in the English catalogue.
  for (const m of text.matchAll(/data-i18n="(?:\[[a-z]+\])?eloverblik\.([\w.]+)"/g)) {
    check(en?.includes(`eloverblik.${m[1]}`), `editor key eloverblik.${m[1]} missing from en-US`);
  }
  for (const lang of ["en-US", "da"]) {
    const help = join(dirname(js), "locales", lang, `${base}.html`);
    const helpText = existsSync(help) ? readFileSync(help, "utf8") : "";
    for (const type of types.keys()) {
      check(helpText.includes(`data-help-name="${type}"`), `${lang} help for ${type} missing`);
    }
  }
}
check(types.size > 1, "no node types found in the editor file");

// N02: every non-config node appears in an example flow; examples are valid flow JSON.
const used = new Set();
const examples = join(root, "examples");
for (const file of existsSync(examples) ? readdirSync(examples) : []) {
  if (!file.endsWith(".json")) continue;
  let flow;
  try {
    flow = JSON.parse(readFileSync(join(examples, file), "utf8"));
  } catch (error) {
    problems.push(`examples/${file}: ${error.message}`);
    continue;
  }
  check(Array.isArray(flow), `examples/${file} is not a flow (an array of nodes)`);
  for (const n of flow) {
    used.add(n.type);
    check(!("credentials" in n), `examples/${file}: node ${n.id} carries credentials`);
  }
}
for (const [type, isConfig] of types) {
  if (!isConfig) check(used.has(type), `N02: no example flow uses ${type}`);
}

if (problems.length > 0) {
  process.stderr.write(`check-package: ${problems.length} problem(s)\n  ${problems.join("\n  ")}\n`);
  process.exit(1);
}
process.stdout.write(
  `check-package: ${types.size} node types, ${used.size} types in examples, all checks passed\n`,
);
