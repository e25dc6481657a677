// .github/workflows/release.yml cannot run here (scripts/release-dry-run.mjs rehearses its steps); this
// reads it as GitHub would and checks what a release with provenance depends on.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const workflow = parse(readFileSync(new URL("../../.github/workflows/release.yml", import.meta.url), "utf8"));

describe("the release workflow", () => {
  it("tests on Node 20, 22 and 24 and rehearses the release before publishing", () => {
    const test = workflow.jobs.test;
    expect(test.strategy.matrix.node).toEqual([20, 22, 24]);
    const runs = test.steps.map((s) => s.run).filter(Boolean);
    expect(runs).toContain("pnpm check");
    expect(runs.some((r) => r.startsWith("node scripts/release-dry-run.mjs"))).toBe(true);
    expect(workflow.jobs.release.needs).toBe("test");
  });

  it("publishes through the changesets action with npm provenance from GitHub's OIDC token", () => {
    const release = workflow.jobs.release;
    expect(release.permissions["id-token"]).toBe("write");
    expect(release.permissions.contents).toBe("write");
    const steps = release.steps;
    expect(steps.some((s) => s.uses?.startsWith("pnpm/action-setup@"))).toBe(true);
    const changesets = steps.find((s) => s.uses?.startsWith("changesets/action@"));
    expect(changesets.with).toMatchObject({ version: "pnpm version-packages", publish: "pnpm release" });
    expect(String(changesets.env.NPM_CONFIG_PROVENANCE)).toBe("true");
    const scripts = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).scripts;
    expect(scripts["version-packages"]).toBe("changeset version");
    expect(scripts.release).toMatch(/changeset publish$/);
  });
});
