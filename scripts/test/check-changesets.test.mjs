// The changeset check on small made-up workspaces: front matter, and the guard that a package which
// bundles a workspace package is released whenever the bundled code changes.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { bundles, workspacePackages } from "../check-changesets.mjs";

const script = fileURLToPath(new URL("../check-changesets.mjs", import.meta.url));
const roots = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

function write(root, path, content) {
  mkdirSync(join(root, path, ".."), { recursive: true });
  writeFileSync(join(root, path), typeof content === "string" ? content : JSON.stringify(content, null, 2));
}

/** contract ← client (dependency); bundler bundles client (devDependency imported by src/); node uses
 * client as a dependency; tester imports the simulator from its tests, e2e and config only; tool is
 * private. */
function workspace(changesets) {
  const root = mkdtempSync(join(tmpdir(), "changesets-fixture-"));
  roots.push(root);
  write(root, "package.json", { name: "fixture", private: true });
  write(root, "pnpm-workspace.yaml", 'packages:\n  - "packages/*"\n');
  write(root, ".changeset/config.json", {
    changelog: false,
    commit: false,
    access: "public",
    baseBranch: "main",
    updateInternalDependencies: "patch",
  });
  const pkg = (dir, manifest, files = {}) => {
    write(root, `packages/${dir}/package.json`, { version: "1.0.0", ...manifest });
    for (const [path, text] of Object.entries(files)) write(root, `packages/${dir}/${path}`, text);
  };
  pkg("contract", { name: "@x/contract" });
  pkg("client", { name: "@x/client", dependencies: { "@x/contract": "workspace:^" } });
  pkg("simulator", { name: "@x/simulator" });
  pkg(
    "bundler",
    { name: "bundler", devDependencies: { "@x/client": "workspace:^", "@x/simulator": "workspace:^" } },
    {
      "nodes/thing.ts": 'import { createClient } from "@x/client";\nexport const x = createClient;\n',
      "test/thing.test.ts": 'import { start } from "@x/simulator";\n',
    },
  );
  pkg(
    "node",
    { name: "@x/node", dependencies: { "@x/client": "workspace:^" } },
    { "src/index.ts": 'const c = require("@x/client");\n' },
  );
  pkg(
    "tester",
    { name: "@x/tester", devDependencies: { "@x/simulator": "workspace:^" } },
    {
      "src/index.ts": "export {};\n",
      "test/a.test.ts": 'import "@x/simulator/server";\n',
      "e2e/processes.mjs": 'import { start } from "@x/simulator/server";\n',
      "vitest.config.ts": 'import "@x/simulator";\n',
    },
  );
  pkg("tool", { name: "tool", private: true, devDependencies: { "@x/client": "workspace:^" } });
  for (const [name, text] of Object.entries(changesets)) write(root, `.changeset/${name}.md`, text);
  return root;
}

function check(root) {
  return spawnSync(process.execPath, [script, "--root", root], { encoding: "utf8", timeout: 20_000 });
}

describe("which packages bundle which", () => {
  it("a devDependency imported by shipped code is bundled, with its own workspace dependencies", () => {
    const found = bundles(workspacePackages(workspace({})));
    expect(Object.fromEntries(found)).toEqual({ bundler: ["@x/client", "@x/contract"] });
  });
});

describe("check-changesets", () => {
  it("refuses a client change that leaves the package bundling the client unreleased", () => {
    const r = check(workspace({ a: '---\n"@x/client": minor\n---\n\nNew operation.\n' }));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bundler \(packages\/bundler\) bundles @x\/client 1\.1\.0 but is not released/);
    expect(r.stderr).not.toMatch(/@x\/node/);
  });

  it("refuses a change to a dependency of the bundled client (it is in the bundle too)", () => {
    // Changesets itself does not even release the client here: the new contract is in its range.
    const r = check(workspace({ a: '---\n"@x/contract": patch\n---\n\nA type.\n' }));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /bundler \(packages\/bundler\) bundles @x\/contract 1\.0\.1 but is not released/,
    );
  });

  it("accepts the client change once the bundling package is released with it", () => {
    const r = check(
      workspace({
        a: '---\n"@x/client": minor\n---\n\nNew operation.\n',
        b: '---\n"bundler": patch\n---\n\nThe new client inside.\n',
      }),
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /2 changeset\(s\) OK, 2 package\(s\) to release; bundler bundles @x\/client, @x\/contract/,
    );
  });

  it("does not count a devDependency the tests alone import", () => {
    const r = check(workspace({ a: '---\n"@x/simulator": minor\n---\n\nNew fault.\n' }));
    expect(r.status).toBe(0);
  });

  it("still refuses front matter it cannot read and private or unknown packages", () => {
    const r = check(
      workspace({
        a: '## "@x/client": minor\n\nA heading, not front matter.\n',
        b: '---\n"tool": patch\n---\n\nPrivate.\n',
        c: '---\n"@x/nothing": patch\n---\n\nUnknown.\n',
      }),
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/a\.md: no front matter/);
    expect(r.stderr).toMatch(/b\.md: tool is private/);
    expect(r.stderr).toMatch(/c\.md: unknown package @x\/nothing/);
  });
});
