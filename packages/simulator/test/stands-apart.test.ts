import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { AGGREGATIONS } from "../src/core/aggregations.js";
import { ERROR_CODE_NAMES } from "../src/core/error-codes.js";

/*
 * The simulator is the fake the client is tested against, so it must not share the client's code:
 * a bug in the client's time, catalogue or types would otherwise be reproduced by its own test double.
 */

const packageDir = fileURLToPath(new URL("../", import.meta.url));
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

describe("the simulator stands apart from the client", () => {
  it("declares no dependency on the client", () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as Record<
      string,
      Record<string, string> | undefined
    >;
    for (const field of ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"]) {
      expect(Object.keys(manifest[field] ?? {}), field).not.toContain("@eloverblik-kit/client");
    }
  });

  it("imports nothing of the client, not even types, in its source or its tests", () => {
    const files = [...sourceFiles(join(packageDir, "src")), ...sourceFiles(join(packageDir, "test"))];
    const offenders = files.filter((file) =>
      /from\s+["'](?:@eloverblik-kit\/client|(?:\.\.\/)+client\/)/.test(readFileSync(file, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("names the business codes as the contract's catalogue does", () => {
    const catalogue = JSON.parse(readFileSync(join(repoRoot, "spec/error-codes.json"), "utf8")) as {
      codes: Array<{ code: number; name: string }>;
    };
    const byCode = new Map(catalogue.codes.map((entry) => [entry.code, entry.name]));
    for (const [code, name] of Object.entries(ERROR_CODE_NAMES)) {
      expect(byCode.get(Number(code)), code).toBe(name);
    }
  });

  it("accepts exactly the aggregations the spec names for the time-series path", () => {
    const spec = parseYaml(readFileSync(join(repoRoot, "spec/customer-api.openapi.yaml"), "utf8")) as {
      paths: Record<string, { post: { parameters: Array<{ name: string; description: string }> } }>;
    };
    const operation =
      spec.paths["/customerapi/api/meterdata/gettimeseries/{dateFrom}/{dateTo}/{aggregation}"];
    const description = operation?.post.parameters.find((p) => p.name === "aggregation")?.description ?? "";
    const named = [...description.matchAll(/`(\w+)`/g)].map((m) => m[1]);
    expect(named).toEqual([...AGGREGATIONS]);
  });
});
