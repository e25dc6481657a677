#!/usr/bin/env node
// Size budget of the built package, run by `check:package` (and so by `pnpm check`).
//
// Each entry of "sizeBudget" in package.json is bundled the way an app would take it in: esbuild
// (bundle, minify, ESM, platform node) imports the named exports from the package as published
// (its `exports`, so dist/ must be built) with openapi-fetch included; the result is gzipped
// (level 9) and compared with the entry's `limit`. An entry's `goal`, where one is set, is printed
// beside it without failing. Exits 1 when an entry is over its limit.
//
//   node scripts/size.mjs             check
//   node scripts/size.mjs --scale 0.5 check against half of every limit (shows the check failing)
//   node scripts/size.mjs --why       also list the largest modules of each bundle
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

function parseSize(text) {
  const m = /^\s*([\d.]+)\s*(B|kB)\s*$/.exec(String(text));
  if (!m) throw new Error(`sizeBudget: cannot read size ${JSON.stringify(text)}; write e.g. "12 kB"`);
  return Number(m[1]) * (m[2] === "kB" ? 1000 : 1);
}

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

/** Bundles `import { names } from "<package><subpath>"` and measures it. */
export async function measure({ import: names = "*", from = "." }) {
  const specifier = from === "." ? manifest.name : `${manifest.name}/${from.replace(/^\.\//, "")}`;
  const contents = names === "*" ? `export * from "${specifier}";` : `export ${names} from "${specifier}";`;
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node20",
    legalComments: "none",
    absWorkingDir: root,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  const modules = Object.entries(inputs)
    .map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, modules };
}

/** Checks every budget entry; returns the rows and whether all are within their limits. */
export async function checkSizes(entries, { scale = 1 } = {}) {
  const rows = [];
  for (const entry of entries) {
    const limit = parseSize(entry.limit) * scale;
    const size = await measure(entry);
    rows.push({ entry, limit, size, pass: size.gzip <= limit });
  }
  return { rows, pass: rows.every((r) => r.pass) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const scaleAt = args.indexOf("--scale");
  const scale = scaleAt >= 0 ? Number(args[scaleAt + 1]) : 1;
  if (!(scale > 0)) throw new Error("--scale needs a positive number");
  const entries = manifest.sizeBudget;
  if (!Array.isArray(entries) || entries.length === 0) throw new Error("package.json has no sizeBudget");
  const { rows, pass } = await checkSizes(entries, { scale });
  for (const { entry, limit, size, pass: ok } of rows) {
    const goal = entry.goal ? parseSize(entry.goal) : undefined;
    const goalNote =
      goal === undefined
        ? ""
        : size.gzip <= goal
          ? `, goal ${entry.goal} met`
          : `, goal ${entry.goal} not yet met`;
    console.log(
      `${ok ? "ok  " : "OVER"} ${entry.name}: ${kB(size.gzip)} min+gzip (${kB(size.minified)} min), limit ${kB(limit)}${goalNote}`,
    );
    if (args.includes("--why") || !ok) {
      for (const m of size.modules.slice(0, 8))
        console.log(`       ${kB(m.bytes).padStart(9)} min  ${m.path}`);
    }
  }
  if (!pass) {
    console.error(
      "size: over budget (package.json sizeBudget); make the bundle smaller or, with a reason, raise the limit",
    );
    process.exitCode = 1;
  }
}
