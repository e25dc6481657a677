// The release dry run on a made-up workspace (no registry needed: its packages have no dependencies
// outside it), and its reading of package manifests. `.ci/run` runs it on the real workspace.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { entryPoints, shipsTypes, workspaceClosure } from "../release-dry-run.mjs";

const script = fileURLToPath(new URL("../release-dry-run.mjs", import.meta.url));
const packScript = fileURLToPath(new URL("../pack.mjs", import.meta.url));

describe("what the dry run loads from a manifest", () => {
  it("each export under each of its conditions, then the files a host loads", () => {
    const pkg = {
      name: "@x/a",
      type: "module",
      exports: {
        ".": { import: { types: "./i.d.ts", default: "./i.js" }, require: "./i.cjs" },
        "./server": { types: "./s.d.ts", default: "./s.js" },
        "./data/*": "./data/*.json",
        "./package.json": "./package.json",
      },
      "node-red": { nodes: { a: "nodes/a.js" } },
      n8n: { nodes: ["dist/n.node.js"], credentials: ["dist/c.credentials.js"] },
    };
    expect(entryPoints(pkg)).toEqual([
      { specifier: "@x/a", how: "import" },
      { specifier: "@x/a", how: "require" },
      { specifier: "@x/a/server", how: "import" },
      { specifier: "@x/a/nodes/a.js", how: "require", host: true },
      { specifier: "@x/a/dist/n.node.js", how: "require", host: true },
      { specifier: "@x/a/dist/c.credentials.js", how: "require", host: true },
    ]);
    expect(entryPoints({ name: "b", main: "./index.cjs" })).toEqual([{ specifier: "b", how: "require" }]);
  });

  it("types shipped, and the workspace packages needed at run time", () => {
    expect(shipsTypes({ exports: { ".": { types: "./a.d.ts" } } })).toBe(true);
    expect(shipsTypes({ bin: { a: "a.js" }, exports: { "./package.json": "./package.json" } })).toBe(false);
    const manifests = new Map([
      ["cli", { dependencies: { client: "workspace:^", commander: "1" }, devDependencies: { sim: "x" } }],
      ["client", { dependencies: { contract: "workspace:^" } }],
      ["contract", {}],
      ["sim", {}],
    ]);
    expect(workspaceClosure("cli", manifests)).toEqual(["client", "contract"]);
  });
});

describe("the dry run on a made-up workspace", () => {
  const root = mkdtempSync(join(tmpdir(), "dry-run-fixture-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path, content) => {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), typeof content === "string" ? content : JSON.stringify(content, null, 2));
  };
  write("package.json", { name: "fixture", private: true });
  write("pnpm-workspace.yaml", 'packages:\n  - "packages/*"\n');
  write(".changeset/config.json", { changelog: false, commit: false, access: "public", baseBranch: "main" });
  write(".changeset/one.md", '---\n"@f/lib": minor\n---\n\nA new function.\n');
  const base = { version: "1.0.0", license: "MIT", type: "module", engines: { node: ">=20.19" } };
  write("packages/lib/package.json", {
    ...base,
    name: "@f/lib",
    files: ["dist"],
    exports: { ".": "./dist/index.js", "./broken": "./dist/missing.js" },
  });
  write("packages/lib/dist/index.js", "export const answer = 42;\n");
  write("packages/tool/package.json", {
    ...base,
    name: "@f/tool",
    files: ["bin"],
    bin: { "f-tool": "./bin/tool.js" },
    dependencies: { "@f/lib": "workspace:^" },
  });
  write(
    "packages/tool/bin/tool.js",
    '#!/usr/bin/env node\nimport { answer } from "@f/lib";\nconsole.log("usage: f-tool", answer);\n',
  );

  // What `pnpm install` would have linked (pnpm pack reads the dependency's version there).
  mkdirSync(join(root, "packages/tool/node_modules/@f"), { recursive: true });
  symlinkSync(join(root, "packages/lib"), join(root, "packages/tool/node_modules/@f/lib"), "dir");

  it("versions, packs, installs with the workspace dependency from its tarball, and names what fails", () => {
    const r = spawnSync(process.execPath, [script, "--root", root, "--no-build"], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(r.stdout).toMatch(/@f\/lib 1\.0\.0 -> 1\.1\.0/);
    // 1.1.0 is in the tool's ^1.0.0: not released again, but installed with the new lib's tarball.
    expect(r.stdout).toMatch(/@f\/tool 1\.0\.0 -> 1\.0\.0 \(no pending change\)/);
    expect(r.stdout).toMatch(/installed with @f\/lib from tarballs/);
    expect(r.stdout).toMatch(/ok import\(@f\/lib\): 1 export/);
    expect(r.stdout).toMatch(/ok f-tool --help/);
    expect(r.stderr).toMatch(/@f\/lib: import @f\/lib\/broken: .*Cannot find module/);
    expect(r.stderr).toMatch(/@f\/lib: publint: [\s\S]*exports\["\.\/broken"\] is \.\/dist\/missing\.js/);
    expect(r.stderr).toMatch(/release dry run: 2 problem/);
    expect(r.status).toBe(1);
  });

  it("pack.mjs packs each package and prints an npm install line that works in a fresh project", () => {
    const dest = join(root, "out");
    const r = spawnSync(process.execPath, [packScript, dest, "--root", root, "--no-build"], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    const line = r.stdout.split("\n").find((_line, i, all) => all[i - 1] === "# @f/tool");
    expect(line).toBe(`npm install ${join(dest, "f-tool-1.0.0.tgz")} ${join(dest, "f-lib-1.0.0.tgz")}`);
    const project = join(root, "project");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), '{"private":true}');
    const argv = line.split(" ").slice(1);
    const install = spawnSync("npm", [...argv, "--no-audit", "--no-fund"], {
      cwd: project,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(install.status, install.stderr).toBe(0);
    const tool = spawnSync(join(project, "node_modules", ".bin", "f-tool"), [], { encoding: "utf8" });
    expect(tool.stdout.trim()).toBe("usage: f-tool 42");
  });
});
