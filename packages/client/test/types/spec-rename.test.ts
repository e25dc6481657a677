// Generated types end to end: a response property renamed in spec/ must break the compile of the
// operation that reads it (a hand-written `as T` would hide it, and the operation would return []).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const pkgRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const repoRoot = join(pkgRoot, "..", "..");
const contractDir = join(repoRoot, "packages", "contract", "src");
const generatedFile = join(contractDir, "generated", "customer-api.gen.ts");

async function customerTypes(spec: string): Promise<string> {
  const ast = await openapiTS(spec, { alphabetize: false, exportType: false, defaultNonNullable: true });
  return astToString(ast);
}

/** Type-checks the client's sources with the customer types generated from `spec` instead of the committed ones. */
function typeErrors(generated: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(pkgRoot, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => undefined,
    },
  );
  if (!config) throw new Error("no tsconfig");
  const roots = config.fileNames.filter((f) => f.includes(`${join(pkgRoot, "src")}`));
  const host = ts.createCompilerHost(config.options);
  const read = host.readFile.bind(host);
  host.readFile = (file) => (file === generatedFile ? generated : read(file));
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError, create) =>
    file === generatedFile
      ? ts.createSourceFile(file, generated, language, true)
      : getSource(file, language, onError, create);
  // The contract is read from its source, so the replaced generated file is the one the client sees.
  const options = {
    ...config.options,
    noEmit: true,
    paths: { "@eloverblik-kit/contract": [join(contractDir, "index.ts")] },
  };
  const program = ts.createProgram({ rootNames: roots, options, host });
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file ? d.file.fileName.slice(pkgRoot.length + 1) : "?"}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`,
    );
}

describe("generated types reach every operation", () => {
  const spec = readFileSync(join(repoRoot, "spec", "customer-api.openapi.yaml"), "utf8");

  it("renaming `result` of the metering-point list in spec/ breaks listMeteringPoints", {
    timeout: 120_000,
  }, async () => {
    const block = /( {4}MeteringPointApiDtoListApiResponse:\n(?: {6}.*\n)*? {6}properties:\n {8})result:/;
    expect(spec).toMatch(block);
    const renamed = spec.replace(block, "$1results:");
    const [unchanged, broken] = await Promise.all([customerTypes(spec), customerTypes(renamed)]);
    // The committed file is what the unchanged spec generates (the staleness check keeps it so).
    expect(readFileSync(generatedFile, "utf8")).toContain(unchanged.slice(0, 2000));
    const errors = typeErrors(broken);
    expect(errors.some((e) => e.startsWith("src/operations/customer/list-metering-points.ts"))).toBe(true);
    expect(errors.join("\n")).toMatch(/Property 'result' does not exist/);
  });
});
