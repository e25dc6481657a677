#!/usr/bin/env node
// pnpm spec:check: compares our OpenAPI contracts (spec/*.openapi.yaml) with Energinet's published
// documents and fails on any structural difference that spec/DEVIATIONS.md does not accept.
// Exit codes: 0 clean (or nothing to compare against), 1 unexpected differences or unreadable input,
// 2 bad command line.

import { existsSync, readFileSync } from "node:fs";
import { basename, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ANSI, PLAIN, renderSection, renderSummary } from "./lib/check-report.mjs";
import { classifyDifferences, parseDeviations } from "./lib/deviations.mjs";
import { loadOpenApiFile, SpecError } from "./lib/load-document.mjs";
import { diffOpenApi } from "./lib/openapi-diff.mjs";
import { API_FILES, APIS, findUpstream, isApi, REPO_ROOT } from "./lib/spec-sources.mjs";

const USAGE = `Usage: node scripts/spec-check.mjs [options]

Compares our OpenAPI contracts with Energinet's published documents, structurally.
Without options both APIs are checked: spec/<api>-api.openapi.yaml against
spec/upstream/<api>-api.json (from pnpm spec:pull), else ../shared/spec/, else the check is skipped.

Options:
  --api <customer|thirdparty>  check one API only (needed with --ours/--upstream unless the
                               file names say which API they are)
  --ours <file>                our contract (.yaml/.yml/.json)
  --upstream <file>            the published document to compare with (.json/.yaml)
  --deviations <file>          accepted deviations (default spec/DEVIATIONS.md)
  -h, --help                   show this help`;

/** @typedef {import("./lib/spec-sources.mjs").Api} Api */

// biome-ignore lint/suspicious/noUndeclaredEnvVars: spec:check is not a turbo task; NO_COLOR only styles output.
const style = process.stdout.isTTY && !process.env.NO_COLOR ? ANSI : PLAIN;

/** @param {string} file */
const show = (file) => {
  const rel = relative(process.cwd(), file);
  return rel === "" ? "." : rel;
};

function main() {
  /** @type {ReturnType<typeof readOptions>} */
  let options;
  /** @type {ReturnType<typeof planComparisons>} */
  let pairs;
  try {
    options = readOptions(process.argv.slice(2));
    pairs = planComparisons(options);
  } catch (error) {
    console.error(`spec:check: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }

  const runnable = pairs.filter((pair) => pair.upstream !== undefined);
  if (runnable.length === 0) {
    console.log(
      "spec:check: skipped. No published document to compare with: spec/upstream/ is empty (run " +
        "`pnpm spec:pull` where api.eloverblik.dk is reachable) and the reference copies in ../shared/spec/ " +
        "are not present on this machine. Nothing was checked.",
    );
    return 0;
  }

  const deviationsFile = options.deviations;
  const deviations = existsSync(deviationsFile)
    ? parseDeviations(readFileSync(deviationsFile, "utf8"))
    : { ids: [], notes: [], duplicates: [], malformed: [] };
  /** @type {string[]} */
  const warnings = [];
  if (!existsSync(deviationsFile)) {
    warnings.push(`${show(deviationsFile)} not found: no deviation is accepted`);
  }

  /** @type {string[]} */
  const output = [`spec:check: our contracts vs Energinet's published OpenAPI documents`];
  /** @type {Array<{ id: string, message: string }>} */
  const allDifferences = [];
  /** @type {Api[]} */
  const compared = [];
  const accepted = new Set(deviations.ids);
  try {
    for (const pair of pairs) {
      if (pair.upstream === undefined) {
        output.push(
          "",
          style.bold(API_FILES[pair.api].title),
          `  ${style.warn("skipped")}: no published document found`,
        );
        continue;
      }
      const ours = loadOpenApiFile(pair.ours, `our contract ${show(pair.ours)}`);
      const upstream = loadOpenApiFile(
        pair.upstream.file,
        `the published document ${show(pair.upstream.file)}`,
      );
      const differences = diffOpenApi(ours, upstream, { api: pair.api });
      allDifferences.push(...differences);
      compared.push(pair.api);
      const section = {
        title: API_FILES[pair.api].title,
        ours: show(pair.ours),
        upstream: `${show(pair.upstream.file)} (${pair.upstream.why})`,
        differences,
      };
      output.push("", ...renderSection(section, accepted, style));
    }
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    console.log(output.join("\n"));
    console.error(`\nspec:check: ${error.message}. Nothing more was compared.`);
    return 1;
  }

  const result = classifyDifferences(allDifferences, deviations.ids, compared);
  const deviationsLabel = show(deviationsFile);
  for (const id of result.stale) {
    warnings.push(
      `stale deviation: \`${id}\` is listed in ${deviationsLabel} but no longer occurs; remove it`,
    );
  }
  for (const id of deviations.duplicates)
    warnings.push(`\`${id}\` is listed more than once in ${deviationsLabel}`);
  for (const id of deviations.malformed) {
    warnings.push(
      `\`${id}\` in ${deviationsLabel} is not a difference id (prefix it with "note:" if it is prose)`,
    );
  }
  if (warnings.length > 0) {
    output.push(
      "",
      style.warn(`Warnings (${warnings.length}):`),
      ...warnings.map((w) => `  ${style.warn("warning:")} ${w}`),
    );
  }
  output.push(
    "",
    renderSummary(
      {
        total: allDifferences.length,
        accepted: result.accepted.length,
        unexpected: result.unexpected.length,
        stale: result.stale.length,
      },
      style,
    ),
  );
  if (result.unexpected.length > 0) {
    output.push(
      `Fix our contract, or if the difference is deliberate, add its id with evidence to ${deviationsLabel}.`,
    );
  }
  console.log(output.join("\n"));
  return result.unexpected.length > 0 ? 1 : 0;
}

/** @param {string[]} argv */
function readOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      api: { type: "string" },
      ours: { type: "string" },
      upstream: { type: "string" },
      deviations: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.api !== undefined && !isApi(values.api)) {
    throw new Error(`--api must be one of ${APIS.join(", ")}, got "${values.api}"`);
  }
  return {
    help: values.help === true,
    api: /** @type {Api | undefined} */ (values.api),
    ours: values.ours === undefined ? undefined : resolve(values.ours),
    upstream: values.upstream === undefined ? undefined : resolve(values.upstream),
    deviations: resolve(values.deviations ?? resolve(REPO_ROOT, "spec/DEVIATIONS.md")),
  };
}

/**
 * Which (ours, upstream) pairs to compare.
 * @param {ReturnType<typeof readOptions>} options
 * @returns {Array<{ api: Api, ours: string, upstream: { file: string, why: string } | undefined }>}
 */
function planComparisons(options) {
  const explicit = options.ours !== undefined || options.upstream !== undefined;
  const api = options.api ?? (explicit ? guessApi(options.ours ?? options.upstream ?? "") : undefined);
  const apis = api === undefined ? APIS : [api];
  return apis.map((name) => {
    const ours = options.ours ?? resolve(REPO_ROOT, API_FILES[name].ours);
    if (options.upstream !== undefined)
      return { api: name, ours, upstream: { file: options.upstream, why: "given with --upstream" } };
    const found = findUpstream(name);
    if (found === undefined) return { api: name, ours, upstream: undefined };
    const why =
      found.origin === "pulled"
        ? "pulled by pnpm spec:pull"
        : "reference copy; pnpm spec:pull fetches the live one";
    return { api: name, ours, upstream: { file: found.file, why } };
  });
}

/** @param {string} file @returns {Api} */
function guessApi(file) {
  const name = basename(file).toLowerCase();
  const matches = APIS.filter((api) => name.includes(api));
  if (matches.length !== 1 || matches[0] === undefined) {
    throw new Error(
      `cannot tell from "${basename(file)}" which API it describes; pass --api customer or --api thirdparty`,
    );
  }
  return matches[0];
}

try {
  process.exitCode = main();
} catch (error) {
  // Anything else is a bug in this script; still keep the output readable.
  const message = error instanceof Error ? error.message : String(error);
  console.error(`spec:check: unexpected failure: ${message}`);
  process.exitCode = 1;
}
