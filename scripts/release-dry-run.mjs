#!/usr/bin/env node
// The release, rehearsed without publishing: what `.github/workflows/release.yml` does, checked here.
// 1. `changeset version` on a scratch copy of the workspace (this clone is left alone);
// 2. `pnpm pack` of every published package in it (pnpm turns `workspace:` ranges into versions);
// 3. each tarball's manifest: the planned version, no `workspace:` range left, `engines.node`;
// 4. publint on each tarball's files, Are the Types Wrong? on each tarball that ships types;
// 5. each tarball installed with npm into a fresh project of its own, its workspace dependencies from
//    their tarballs too (they are not on the npm registry yet) and the rest from the registry; then
//    every entry point imported and required as its conditions say, every file a host loads (Node-RED
//    nodes, n8n nodes and credentials) required, and every bin run with --help.
// Generic over packages/*: a new package is covered without editing this file.
//   node scripts/release-dry-run.mjs [--no-build] [--keep] [--jobs N] [--root DIR]
import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
// --root DIR rehearses another checkout of the workspace with this clone's tools.
const root = args.includes("--root") ? args[args.indexOf("--root") + 1] : here;
const keep = args.includes("--keep");
const jobs = Number(args[args.indexOf("--jobs") + 1]) > 0 ? Number(args[args.indexOf("--jobs") + 1]) : 2;
const started = Date.now();
const shell = process.platform === "win32";

const log = (line) => process.stdout.write(`${line}\n`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** The line of a Node.js failure that says what went wrong (not the source excerpt above it). */
function errorLine(stderr) {
  const lines = stderr.trim().split("\n");
  return (
    lines.find((l) => /^\w*Error\b|^Error \[|Error:/.test(l.trim())) ?? lines.slice(0, 3).join(" / ")
  ).trim();
}

/** Runs a command to completion; never throws. */
function run(command, argv, options = {}) {
  return new Promise((resolve) => {
    // Output is read, not shown: no colours, even where CI=1 makes the tools colour by default.
    const { FORCE_COLOR: _forced, ...inherited } = options.env ?? process.env;
    const env = { ...inherited, NO_COLOR: "1" };
    const child = spawn(command, argv, { shell, ...options, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status: signal ? `killed (${signal})` : status, stdout, stderr });
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ status: "not started", stdout, stderr: String(error) });
    });
  });
}

async function pool(items, size, work) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]);
      }
    }),
  );
  return results;
}

/** Every package under dir/packages: { dir, pkg }. */
function packagesIn(dir) {
  return readdirSync(join(dir, "packages"))
    .filter((d) => existsSync(join(dir, "packages", d, "package.json")))
    .map((d) => ({
      dir: join(dir, "packages", d),
      pkg: JSON.parse(readFileSync(join(dir, "packages", d, "package.json"), "utf8")),
    }));
}

/**
 * What a user can load from a package: [{ specifier, how: "import" | "require", expect? }].
 * exports (each subpath under each of its conditions), else main; plus the files a host loads.
 */
export function entryPoints(pkg) {
  const out = [];
  const esm = pkg.type === "module";
  const byFile = (file) =>
    /\.mjs$/.test(file) ? "import" : /\.cjs$/.test(file) ? "require" : esm ? "import" : "require";
  const exportsField = typeof pkg.exports === "string" ? { ".": pkg.exports } : pkg.exports;
  if (exportsField && typeof exportsField === "object") {
    for (const [subpath, target] of Object.entries(exportsField)) {
      if (subpath === "./package.json" || subpath.includes("*")) continue;
      const specifier = subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
      if (typeof target === "string") {
        out.push({ specifier, how: byFile(target) });
        continue;
      }
      const conditions = Object.keys(target ?? {});
      const hows = new Set();
      if (conditions.includes("import")) hows.add("import");
      if (conditions.includes("require")) hows.add("require");
      if (hows.size === 0 && (conditions.includes("default") || conditions.includes("node"))) {
        const t = target.node ?? target.default;
        hows.add(typeof t === "string" ? byFile(t) : esm ? "import" : "require");
      }
      for (const how of hows) out.push({ specifier, how });
    }
  } else if (pkg.main) {
    out.push({ specifier: pkg.name, how: byFile(pkg.main) });
  }
  // Files a host application requires by path from package.json.
  const hostFiles = [
    ...Object.values(pkg["node-red"]?.nodes ?? {}),
    ...(pkg.n8n?.nodes ?? []),
    ...(pkg.n8n?.credentials ?? []),
  ];
  for (const file of hostFiles) {
    out.push({ specifier: `${pkg.name}/${file.replace(/^\.\//, "")}`, how: "require", host: true });
  }
  return out;
}

/** Whether a manifest ships type declarations (what attw can check). */
export function shipsTypes(pkg) {
  if (pkg.types || pkg.typings) return true;
  return JSON.stringify(pkg.exports ?? {}).includes('"types"');
}

/** The workspace packages a package needs at run time, transitively (their tarballs are installed too). */
export function workspaceClosure(name, manifests) {
  const seen = new Set();
  const queue = [name];
  while (queue.length > 0) {
    const current = manifests.get(queue.shift());
    for (const field of ["dependencies", "optionalDependencies", "peerDependencies"]) {
      for (const dep of Object.keys(current?.[field] ?? {})) {
        if (manifests.has(dep) && !seen.has(dep) && dep !== name) {
          seen.add(dep);
          queue.push(dep);
        }
      }
    }
  }
  return [...seen].sort();
}

/** Extra commands worth running from an installed bin, beyond --help (they must exit 0). */
const SMOKE = {
  eloverblik: [["--simulator", "metering-points", "--format", "json"]],
};

function tarballManifest(tarball) {
  const r = spawnSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`cannot read package.json in ${tarball}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

async function main() {
  const problems = [];
  const timings = [];
  const step = async (name, fn) => {
    const t = Date.now();
    const value = await fn();
    timings.push(`${name} ${seconds(Date.now() - t)}`);
    return value;
  };

  if (!args.includes("--no-build")) {
    await step("build", async () => {
      const r = await run("pnpm", ["-s", "build", "--output-logs=errors-only"], {
        cwd: root,
        timeoutMs: 600_000,
      });
      if (r.status !== 0) throw new Error(`pnpm build failed:\n${r.stdout}${r.stderr}`);
    });
  }

  const scratch = mkdtempSync(join(tmpdir(), "eloverblik-release-"));
  try {
    // 1. A scratch copy of the workspace, versioned by the pending changesets.
    const before = new Map(packagesIn(root).map(({ pkg }) => [pkg.name, pkg.version]));
    await step("changeset version", async () => {
      for (const file of ["package.json", "pnpm-workspace.yaml", ".npmrc"]) {
        if (existsSync(join(root, file))) cpSync(join(root, file), join(scratch, file));
      }
      cpSync(join(root, ".changeset"), join(scratch, ".changeset"), { recursive: true });
      const skip = new Set(["node_modules", ".turbo", "test-output", "coverage"]);
      cpSync(join(root, "packages"), join(scratch, "packages"), {
        recursive: true,
        filter: (src) => !skip.has(basename(src)),
      });
      // The changelog generator and the CLI itself come from this clone's install.
      symlinkSync(join(here, "node_modules"), join(scratch, "node_modules"), "dir");
      const bin = join(here, "node_modules", "@changesets", "cli", "bin.js");
      const r = await run(process.execPath, [bin, "version"], { cwd: scratch });
      if (r.status !== 0) throw new Error(`changeset version failed:\n${r.stdout}${r.stderr}`);
    });
    // pnpm pack reads each workspace dependency's version from node_modules: link them as pnpm would.
    const all = packagesIn(scratch);
    const dirs = new Map(all.map(({ dir, pkg }) => [pkg.name, dir]));
    for (const { dir, pkg } of all) {
      const fields = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"];
      for (const dep of new Set(fields.flatMap((f) => Object.keys(pkg[f] ?? {})))) {
        if (!dirs.has(dep)) continue;
        const link = join(dir, "node_modules", ...dep.split("/"));
        mkdirSync(join(link, ".."), { recursive: true });
        if (!existsSync(link)) symlinkSync(dirs.get(dep), link, "dir");
      }
    }
    const published = all.filter(({ pkg }) => !pkg.private);
    const manifests = new Map(published.map(({ pkg }) => [pkg.name, pkg]));
    log("Versions after `changeset version`:");
    for (const { pkg } of published) {
      const changed = before.get(pkg.name) !== pkg.version;
      log(`  ${pkg.name} ${before.get(pkg.name)} -> ${pkg.version}${changed ? "" : " (no pending change)"}`);
    }

    // 2. pnpm pack of every published package.
    const tarballs = join(scratch, "tarballs");
    mkdirSync(tarballs);
    const packed = new Map();
    await step("pnpm pack", () =>
      pool(published, jobs, async ({ dir, pkg }) => {
        const r = await run("pnpm", ["pack", "--pack-destination", tarballs], { cwd: dir });
        const file = readdirSync(tarballs).find(
          (f) => f === `${pkg.name.replace(/^@/, "").replace("/", "-")}-${pkg.version}.tgz`,
        );
        if (r.status !== 0 || !file) problems.push(`${pkg.name}: pnpm pack failed: ${r.stderr || r.stdout}`);
        else packed.set(pkg.name, join(tarballs, file));
      }),
    );

    // 3. The packed manifests.
    for (const [name, tarball] of packed) {
      const m = tarballManifest(tarball);
      const text = JSON.stringify(m);
      if (m.version !== manifests.get(name).version)
        problems.push(`${name}: tarball has version ${m.version}, planned ${manifests.get(name).version}`);
      if (text.includes('"workspace:')) problems.push(`${name}: a workspace: range is left in the tarball`);
      if (!m.engines?.node) problems.push(`${name}: no engines.node`);
      for (const field of ["dependencies", "optionalDependencies", "peerDependencies"]) {
        for (const [dep, range] of Object.entries(m[field] ?? {})) {
          const v = manifests.get(dep)?.version;
          if (v && !range.replace(/^[\^~]/, "").startsWith(v))
            problems.push(`${name}: ${field}.${dep} is ${range}, the release has ${v}`);
        }
      }
    }

    // 4 and 5. One fresh project per tarball.
    const toolBin = (pkgName, binName) => {
      const manifest = join(here, "node_modules", pkgName, "package.json");
      const { bin } = JSON.parse(readFileSync(manifest, "utf8"));
      return join(here, "node_modules", pkgName, typeof bin === "string" ? bin : bin[binName]);
    };
    const publint = toolBin("publint", "publint");
    const attw = toolBin("@arethetypeswrong/cli", "attw");
    const report = [];
    await step("install and run each tarball", () =>
      pool([...packed], jobs, async ([name, tarball]) => {
        const t = Date.now();
        const pkg = manifests.get(name);
        const lines = [];
        const fail = (message) => {
          problems.push(`${name}: ${message}`);
          lines.push(`    FAIL ${message}`);
        };
        const project = join(scratch, "projects", name.replace("/", "+"));
        mkdirSync(project, { recursive: true });
        const closure = workspaceClosure(name, manifests);
        const dependencies = { [name]: `file:${tarball}` };
        // Required peers at the version the package is developed and tested against.
        for (const [peer, range] of Object.entries(pkg.peerDependencies ?? {})) {
          if (pkg.peerDependenciesMeta?.[peer]?.optional || manifests.has(peer)) continue;
          dependencies[peer] = pkg.devDependencies?.[peer] ?? range;
        }
        const overrides = Object.fromEntries(
          closure.filter((d) => packed.has(d)).map((d) => [d, `file:${packed.get(d)}`]),
        );
        writeFileSync(
          join(project, "package.json"),
          JSON.stringify({ name: "release-dry-run", private: true, dependencies, overrides }, null, 2),
        );
        const install = await run(
          "npm",
          ["install", "--no-audit", "--no-fund", "--loglevel=error", "--install-links"],
          { cwd: project, timeoutMs: 300_000 },
        );
        if (install.status !== 0) {
          fail(`npm install failed: ${install.stderr.trim().split("\n").slice(-5).join(" / ")}`);
          report.push({ name, lines, ms: Date.now() - t });
          return;
        }
        lines.push(
          `    installed with ${closure.length ? closure.join(", ") : "no workspace package"} from tarballs`,
        );
        const installed = join(project, "node_modules", ...name.split("/"));

        // The workspace packages it needs are the tarballs, not something else.
        for (const dep of closure) {
          const file = join(project, "node_modules", ...dep.split("/"), "package.json");
          const found = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")).version : "missing";
          if (found !== manifests.get(dep).version)
            fail(`${dep} resolved to ${found}, not the release's tarball`);
        }

        const load = async (entry) => {
          const code =
            entry.how === "import"
              ? `const m = await import(${JSON.stringify(entry.specifier)}); console.log(Object.keys(m).length);`
              : `const m = require(${JSON.stringify(entry.specifier)}); console.log(typeof m === "function" ? 1 : Object.keys(m).length);`;
          const r = await run(
            process.execPath,
            [...(entry.how === "import" ? ["--input-type=module"] : []), "-e", code],
            { cwd: project, timeoutMs: 60_000 },
          );
          return { ...r, names: Number(r.stdout.trim()) };
        };
        // An entry may need an optional peer (the simulator's msw handlers need msw): it must say so
        // by failing on that package alone, and load once the peer is installed.
        const optionalPeers = Object.keys(pkg.peerDependencies ?? {}).filter(
          (p) => pkg.peerDependenciesMeta?.[p]?.optional,
        );
        let peersInstalled = false;
        for (const entry of entryPoints(pkg)) {
          let r = await load(entry);
          const missing = optionalPeers.find((p) => r.status !== 0 && r.stderr.includes(`'${p}'`));
          if (missing) {
            if (!peersInstalled) {
              const peers = optionalPeers.map(
                (p) => `${p}@${pkg.devDependencies?.[p] ?? pkg.peerDependencies[p]}`,
              );
              const i = await run(
                "npm",
                ["install", "--no-audit", "--no-fund", "--loglevel=error", "--no-save", ...peers],
                {
                  cwd: project,
                  timeoutMs: 300_000,
                },
              );
              if (i.status !== 0)
                fail(`npm install ${peers.join(" ")} failed: ${i.stderr.trim().slice(0, 300)}`);
              peersInstalled = true;
            }
            lines.push(
              `    ok ${entry.how}(${entry.specifier}) without ${missing} fails on ${missing} alone`,
            );
            r = await load(entry);
          }
          const { names } = r;
          if (r.status !== 0) fail(`${entry.how} ${entry.specifier}: ${errorLine(r.stderr)}`);
          else if (entry.host && !(names > 0)) fail(`${entry.specifier}: a host file that exports nothing`);
          else lines.push(`    ok ${entry.how}(${entry.specifier}): ${names} export(s)`);
        }

        const bins = typeof pkg.bin === "string" ? { [name.split("/").pop()]: pkg.bin } : (pkg.bin ?? {});
        for (const bin of Object.keys(bins)) {
          const file = join(project, "node_modules", ".bin", bin);
          for (const argv of [["--help"], ...(SMOKE[bin] ?? [])]) {
            const r = await run(file, argv, {
              cwd: project,
              timeoutMs: 60_000,
              env: { ...process.env, ELOVERBLIK_REFRESH_TOKEN: "" },
            });
            if (r.status !== 0 || !(r.stdout + r.stderr).trim())
              fail(
                `${bin} ${argv.join(" ")} exited ${r.status}: ${(r.stderr || r.stdout).trim().slice(0, 300)}`,
              );
            else lines.push(`    ok ${bin} ${argv.join(" ")}`);
          }
        }

        const lint = await run(process.execPath, [publint, installed, "--strict", "--pack", "false"], {
          cwd: project,
        });
        if (lint.status !== 0) fail(`publint: ${(lint.stdout + lint.stderr).trim()}`);
        else lines.push("    ok publint --strict");
        if (shipsTypes(pkg)) {
          // An ESM-only package (no require condition) is one by design: Node >= 20.19 requires it.
          const esmOnly = pkg.type === "module" && !JSON.stringify(pkg.exports ?? {}).includes('"require"');
          const ignore = esmOnly ? ["--ignore-rules", "cjs-resolves-to-esm"] : [];
          const types = await run(
            process.execPath,
            [attw, tarball, "--profile", "node16", "--format", "ascii", ...ignore],
            {
              cwd: project,
            },
          );
          if (types.status !== 0) fail(`attw: ${types.stdout.trim()}`);
          else lines.push(`    ok attw --profile node16${esmOnly ? " (ESM only by design)" : ""}`);
        } else lines.push("    (no type declarations shipped: attw has nothing to check)");
        report.push({ name, lines, ms: Date.now() - t });
      }),
    );

    for (const { name, lines, ms } of report.sort((a, b) => a.name.localeCompare(b.name))) {
      log(`${name} (${seconds(ms)})`);
      for (const line of lines) log(line);
    }
  } finally {
    if (keep) log(`scratch kept: ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }

  log(`timings: ${timings.join(", ")}; total ${seconds(Date.now() - started)}`);
  if (problems.length > 0) {
    process.stderr.write(
      `\nrelease dry run: ${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join("\n")}\n`,
    );
    process.exit(1);
  }
  log("release dry run: every package packs, installs and runs");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
