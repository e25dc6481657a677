// The package guard itself: it must pass the real tarball and catch what n8n's scanner misses.
// (A .mjs file: it needs node:fs, which n8n's strict lint forbids in every .ts of the package.)
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkPackageDir, checkScript, packed } from "../scripts/check-tarball.mjs";

const goodManifest = {
  name: "n8n-nodes-fixture",
  version: "1.0.0",
  description: "fixture",
  license: "MIT",
  homepage: "https://example.org",
  author: { name: "a", email: "a@example.org" },
  repository: { type: "git", url: "https://example.org/r.git", directory: "packages/x" },
  keywords: ["n8n-community-node-package"],
  peerDependencies: { "n8n-workflow": "*" },
  n8n: { n8nNodesApiVersion: 1, strict: true, nodes: ["dist/nodes/X.node.js"], credentials: [] },
};

function fixture(files, manifest = goodManifest) {
  const dir = mkdtempSync(join(tmpdir(), "n8n-guard-"));
  mkdirSync(join(dir, "dist/nodes"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify(manifest));
  for (const [name, code] of Object.entries(files)) writeFileSync(join(dir, name), code);
  return dir;
}

describe("the tarball guard", () => {
  it("passes the package as packed", { timeout: 60_000 }, async () => {
    const target = packed();
    try {
      const { files, problems } = await checkPackageDir(target.dir);
      expect(problems).toEqual([]);
      expect(files).toEqual(
        expect.arrayContaining([
          "dist/eloverblik.js",
          "dist/nodes/Eloverblik/Eloverblik.node.js",
          "package.json",
        ]),
      );
      expect(files.filter((f) => f.endsWith(".map") || f.endsWith(".ts"))).toEqual([]);
    } finally {
      target.cleanup();
    }
  });

  it("catches an unbundled dependency and forbidden globals, in .cjs and .mjs files too", async () => {
    const dir = fixture({
      "dist/nodes/X.node.js": 'exports.X = require("./helper.cjs");',
      "dist/nodes/helper.cjs":
        'const c = require("@eloverblik-kit/client/core"); setTimeout(() => process.exit(1), 1);',
      "dist/nodes/extra.mjs": 'import fs from "node:fs"; console.log(globalThis, fs);',
    });
    const { problems } = await checkPackageDir(dir);
    const text = problems.join("\n");
    expect(text).toContain('loads "@eloverblik-kit/client/core"');
    expect(text).toContain('names the global "setTimeout"');
    expect(text).toContain('names the global "process"');
    expect(text).toContain('loads "node:fs"');
    expect(text).toContain('names the global "globalThis"');
  });

  it("ignores the words in strings, comments, properties and shadowing names, and flags code from text", () => {
    const quiet = checkScript(
      `// setTimeout here is a comment\nconst s = "process"; const o = { console: 1 }; o.process = 2; function f(setTimeout) { return setTimeout; } if (x instanceof Function) {}`,
      "a.js",
    );
    expect(quiet).toEqual([]);
    expect(checkScript('new Function("return 1")', "b.js")).toEqual([expect.stringContaining('"Function"')]);
    expect(checkScript('eval("1")', "c.js")).toEqual([expect.stringContaining('"eval"')]);
    expect(checkScript("require(name)", "d.js")).toEqual([expect.stringContaining("computed name")]);
  });

  it("checks package.json as n8n does", async () => {
    const dir = fixture(
      { "dist/nodes/X.node.js": "exports.X = 1;" },
      {
        ...goodManifest,
        dependencies: { lodash: "4" },
        peerDependencies: { "n8n-workflow": "^2" },
        scripts: { postinstall: "x" },
        overrides: { a: "1" },
      },
    );
    const { problems } = await checkPackageDir(dir);
    const text = problems.join("\n");
    for (const expected of [
      "dependencies must be empty",
      "peerDependencies must be exactly",
      "no overrides",
      'no "postinstall" script',
    ]) {
      expect(text).toContain(expected);
    }
  });
});
