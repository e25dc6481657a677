#!/usr/bin/env node
// The package as n8n installs it, checked file by file (run by `check:package`, and so by `pnpm check`).
//
// n8n's scanner lints only the `.js` files of a tarball and treats every devDependency as bundled;
// a dist/ that still requires one passes it and then fails to load in n8n, and `.cjs` files are
// not looked at. So this packs the package, unpacks it, and:
//   1. walks every file: JavaScript in any form (.js, .cjs, .mjs) may require or import only
//      `n8n-workflow` and relative paths, and may not name a global n8n forbids (timers, process,
//      global, globalThis, __dirname, __filename, console; eval and Function called or constructed) — found by parsing, so
//      words in strings and comments do not count;
//   2. checks package.json against n8n's rules for a verified package;
//   3. runs the scanner's own rules (`analyzePackage()` of @n8n/scan-community-package) over it.
//
//   node scripts/check-tarball.mjs            check the packed package
//   node scripts/check-tarball.mjs --dir DIR  check an unpacked package (the tests plant faults)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "acorn";
import { ancestor } from "acorn-walk";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");

const FORBIDDEN_GLOBALS = new Set([
  "setTimeout",
  "setInterval",
  "setImmediate",
  "clearTimeout",
  "clearInterval",
  "clearImmediate",
  "process",
  "global",
  "globalThis",
  "__dirname",
  "__filename",
  "eval",
  "Function",
  "console",
]);
const LIFECYCLE = ["prepare", "preinstall", "install", "postinstall", "prepublish"];

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Names declared anywhere in a program (a shadowing declaration makes a name local). */
function declaredNames(ast) {
  const names = new Set();
  const addPattern = (p) => {
    if (!p) return;
    if (p.type === "Identifier") names.add(p.name);
    else if (p.type === "ObjectPattern")
      for (const prop of p.properties) addPattern(prop.value ?? prop.argument);
    else if (p.type === "ArrayPattern") for (const el of p.elements) addPattern(el);
    else if (p.type === "RestElement") addPattern(p.argument);
    else if (p.type === "AssignmentPattern") addPattern(p.left);
  };
  ancestor(ast, {
    VariableDeclarator: (n) => addPattern(n.id),
    FunctionDeclaration: (n) => {
      addPattern(n.id);
      for (const p of n.params) addPattern(p);
    },
    FunctionExpression: (n) => {
      addPattern(n.id);
      for (const p of n.params) addPattern(p);
    },
    ArrowFunctionExpression: (n) => {
      for (const p of n.params) addPattern(p);
    },
    ClassDeclaration: (n) => addPattern(n.id),
    CatchClause: (n) => addPattern(n.param),
    ImportSpecifier: (n) => addPattern(n.local),
    ImportDefaultSpecifier: (n) => addPattern(n.local),
    ImportNamespaceSpecifier: (n) => addPattern(n.local),
  });
  return names;
}

/** Problems of one JavaScript file: modules it loads and forbidden globals it names. */
export function checkScript(code, file) {
  const problems = [];
  let ast;
  try {
    ast = parse(code, {
      ecmaVersion: "latest",
      sourceType: extname(file) === ".mjs" ? "module" : "script",
      allowHashBang: true,
      allowReturnOutsideFunction: true,
    });
  } catch {
    ast = parse(code, { ecmaVersion: "latest", sourceType: "module", allowHashBang: true });
  }
  const allowed = (spec) => spec === "n8n-workflow" || spec.startsWith("./") || spec.startsWith("../");
  const loads = (spec, node) => {
    if (typeof spec !== "string")
      problems.push(`${file}: a module is loaded by a computed name (offset ${node.start})`);
    else if (!allowed(spec))
      problems.push(`${file}: loads "${spec}" (only n8n-workflow and relative paths may be)`);
  };
  const declared = declaredNames(ast);
  ancestor(ast, {
    CallExpression(node) {
      if (node.callee.type === "Identifier" && node.callee.name === "require" && !declared.has("require")) {
        const [arg] = node.arguments;
        loads(arg?.type === "Literal" ? arg.value : undefined, node);
      }
    },
    ImportExpression(node) {
      loads(node.source.type === "Literal" ? node.source.value : undefined, node);
    },
    ImportDeclaration(node) {
      loads(node.source.value, node);
    },
    ExportNamedDeclaration(node) {
      if (node.source) loads(node.source.value, node);
    },
    ExportAllDeclaration(node) {
      loads(node.source.value, node);
    },
    Identifier(node, _state, ancestors) {
      if (!FORBIDDEN_GLOBALS.has(node.name) || declared.has(node.name)) return;
      const parent = ancestors[ancestors.length - 2];
      if (parent?.type === "MemberExpression" && parent.property === node && !parent.computed) return;
      if (
        (parent?.type === "Property" ||
          parent?.type === "MethodDefinition" ||
          parent?.type === "PropertyDefinition") &&
        parent.key === node &&
        !parent.computed
      )
        return;
      // Code from text is what n8n forbids: calling or constructing eval and Function
      // (`x instanceof Function` is only a type test).
      const called =
        (parent?.type === "CallExpression" || parent?.type === "NewExpression") && parent.callee === node;
      if ((node.name === "Function" || node.name === "eval") && !called) return;
      problems.push(`${file}: names the global "${node.name}" (offset ${node.start})`);
    },
  });
  return problems;
}

/** Problems of package.json against the rules for a verified community package. */
export function checkManifest(manifest, present) {
  const problems = [];
  if (Object.keys(manifest.dependencies ?? {}).length > 0)
    problems.push("package.json: dependencies must be empty (bundle them)");
  if (JSON.stringify(manifest.peerDependencies) !== JSON.stringify({ "n8n-workflow": "*" }))
    problems.push('package.json: peerDependencies must be exactly {"n8n-workflow": "*"}');
  if (manifest.overrides) problems.push("package.json: no overrides");
  for (const script of LIFECYCLE)
    if (manifest.scripts?.[script]) problems.push(`package.json: no "${script}" script`);
  if (!manifest.name?.startsWith("n8n-nodes-"))
    problems.push("package.json: the name must start with n8n-nodes-");
  if (!manifest.keywords?.includes("n8n-community-node-package"))
    problems.push("package.json: keyword n8n-community-node-package");
  if (manifest.license !== "MIT") problems.push("package.json: license MIT");
  if (!manifest.author?.name || !manifest.author?.email)
    problems.push("package.json: author with name and email");
  if (!manifest.description || !manifest.homepage) problems.push("package.json: description and homepage");
  if (!manifest.repository?.directory)
    problems.push("package.json: repository.directory (a package published from a monorepo)");
  const n8n = manifest.n8n ?? {};
  if (n8n.n8nNodesApiVersion !== 1 || n8n.strict !== true)
    problems.push("package.json: n8n.n8nNodesApiVersion 1 and n8n.strict true");
  for (const entry of [...(n8n.nodes ?? []), ...(n8n.credentials ?? [])]) {
    if (!entry.startsWith("dist/")) problems.push(`package.json: ${entry} must start with dist/`);
    if (!present.has(entry)) problems.push(`package.json: ${entry} is not in the package`);
  }
  return problems;
}

export async function checkPackageDir(dir) {
  const all = files(dir).map((f) => relative(dir, f).replace(/\\/g, "/"));
  const present = new Set(all);
  const problems = [];
  for (const file of all) {
    if (/\.(c|m)?js$/.test(file)) problems.push(...checkScript(readFileSync(join(dir, file), "utf8"), file));
    else if (/\.(ts|cts|mts|map)$/.test(file) && !file.endsWith(".d.ts"))
      problems.push(`${file}: sources and maps do not belong in the package`);
  }
  problems.push(...checkManifest(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")), present));
  const { analyzePackage } = await import("@n8n/scan-community-package/scanner/scanner.mjs");
  const scan = await analyzePackage(dir, ["**/*.js", "package.json"]);
  if (!scan.passed) problems.push(`n8n's scanner: ${scan.message}\n${scan.details ?? ""}`);
  return { files: all, problems };
}

/** Packs the package as it would be published and unpacks it into a temporary folder. */
export function packed() {
  const out = mkdtempSync(join(tmpdir(), "n8n-nodes-eloverblik-"));
  execFileSync("pnpm", ["pack", "--pack-destination", out], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const tarball = readdirSync(out).find((f) => f.endsWith(".tgz"));
  execFileSync("tar", ["-xzf", join(out, tarball), "-C", out]);
  return {
    dir: join(out, "package"),
    tarball: join(out, tarball),
    cleanup: () => rmSync(out, { recursive: true, force: true }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dirFlag = process.argv.indexOf("--dir");
  const target = dirFlag > 0 ? { dir: process.argv[dirFlag + 1], cleanup: () => {} } : packed();
  try {
    const { files: checked, problems } = await checkPackageDir(target.dir);
    if (problems.length > 0) {
      console.error(
        `n8n package check: ${problems.length} problem(s)\n${problems.map((p) => `  ✗ ${p}`).join("\n")}`,
      );
      process.exitCode = 1;
    } else {
      console.log(
        `n8n package check: ${checked.length} files, every script loads only n8n-workflow and relative paths, no forbidden global, package.json as n8n wants it, the scanner's rules pass`,
      );
    }
  } finally {
    target.cleanup();
  }
}
