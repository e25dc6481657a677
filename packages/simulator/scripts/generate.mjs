// Writes the simulator's wire types, src/generated/*.gen.ts, from the contract in <repo>/spec with
// openapi-typescript: only each document's `components` (the schemas the simulator builds bodies from),
// never the client's types, so the fake does not depend on the package it is the fake for.
// `--check` compares what the spec gives with the committed files and exits 1 when one is stale.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const repoDir = join(packageDir, "..", "..");
const generatedDir = join(packageDir, "src", "generated");

const documents = {
  "customer-api.gen.ts": "spec/customer-api.openapi.yaml",
  "thirdparty-api.gen.ts": "spec/thirdparty-api.openapi.yaml",
  "legacy-meterreadings.gen.ts": "spec/legacy/customer-meterreadings.openapi.yaml",
};

/** The `components` interface of one OpenAPI document, as TypeScript source with a banner. */
async function componentsOf(specPath) {
  const nodes = await openapiTS(pathToFileURL(join(repoDir, specPath)), {
    alphabetize: false,
    exportType: false,
    defaultNonNullable: true,
  });
  const kept = nodes.filter((node) => ts.isInterfaceDeclaration(node) && node.name.text === "components");
  if (kept.length !== 1)
    throw new Error(`${specPath}: expected one components interface, found ${kept.length}`);
  const banner = [
    `// Generated from ${specPath} by packages/simulator/scripts/generate.mjs (openapi-typescript); do not edit.`,
    "// Run `pnpm generate` after changing spec/ and commit the result; `pnpm generate:check` fails on stale files.",
    "// biome-ignore-all lint: generated code",
  ];
  return `${banner.join("\n")}\n${astToString(kept)}`;
}

const checkOnly = process.argv.slice(2).includes("--check");
const stale = [];
await mkdir(generatedDir, { recursive: true });
for (const [fileName, specPath] of Object.entries(documents)) {
  const file = join(generatedDir, fileName);
  const wanted = await componentsOf(specPath);
  const shown = relative(repoDir, file);
  if (!checkOnly) {
    await writeFile(file, wanted);
    console.log(`generated ${shown}`);
  } else if ((await readFile(file, "utf8").catch(() => undefined)) !== wanted) {
    stale.push(shown);
  }
}
if (stale.length > 0) {
  console.error(`Stale (the spec gives something else): ${stale.join(", ")}.`);
  console.error("Run `pnpm generate` and commit the result.");
  process.exitCode = 1;
} else if (checkOnly) {
  console.log("the simulator's generated wire types match spec/");
}
