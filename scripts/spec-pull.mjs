#!/usr/bin/env node
// pnpm spec:pull: downloads Energinet's published OpenAPI documents for both APIs into spec/upstream/
// (git-ignored) so that spec:check compares against what is live today. Both documents are fetched
// and validated before either is written, so a failed pull never leaves a half-updated pair.
// Exit codes: 0 written, 1 download or validation failed, 2 bad command line.

import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { API_FILES, APIS, DEFAULT_BASE_URL, REPO_ROOT } from "./lib/spec-sources.mjs";

const USAGE = `Usage: node scripts/spec-pull.mjs [--out <dir>] [--timeout <seconds>]

Downloads the published Customer and Third Party API documents into spec/upstream/
(or <dir>). ELOVERBLIK_SPEC_BASE_URL replaces ${DEFAULT_BASE_URL} (e.g. for a mirror).`;

const DEFAULT_TIMEOUT_SECONDS = 20;

/** @typedef {import("./lib/spec-sources.mjs").Api} Api */

/** A failure whose message is complete and meant for the terminal. */
class PullError extends Error {
  name = "PullError";

  /** @param {string} message @param {boolean} [unreachable] true when no HTTP answer arrived at all */
  constructor(message, unreachable = false) {
    super(message);
    this.unreachable = unreachable;
  }
}

async function main() {
  /** @type {{ out: string, timeoutMs: number, help: boolean }} */
  let options;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`spec:pull: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const baseUrl =
    // biome-ignore lint/suspicious/noUndeclaredEnvVars: spec:pull is not a turbo task.
    (process.env.ELOVERBLIK_SPEC_BASE_URL || DEFAULT_BASE_URL).replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]/i.test(baseUrl) || !URL.canParse(baseUrl)) {
    console.error(`spec:pull: ELOVERBLIK_SPEC_BASE_URL must be an absolute http(s) URL, got "${baseUrl}".`);
    return 2;
  }
  const rel = relative(process.cwd(), options.out);
  const outLabel = rel === "" ? "." : rel.startsWith("..") ? options.out : rel;

  /** @type {Array<{ api: Api, text: string }>} */
  const downloaded = [];
  try {
    for (const api of APIS) {
      const url = baseUrl + API_FILES[api].urlPath;
      const doc = await download(url, options.timeoutMs, API_FILES[api].title);
      downloaded.push({ api, text: `${JSON.stringify(doc, null, 2)}\n` });
    }
  } catch (error) {
    if (!(error instanceof PullError)) throw error;
    console.error(
      `spec:pull: ${error.message} Nothing was written to ${outLabel}/.` +
        (error.unreachable ? ` (Expected on a machine that cannot reach ${new URL(baseUrl).host}.)` : "") +
        " pnpm spec:check does not need a pull: " +
        "without spec/upstream/ it compares against the reference copies in ../shared/spec/ when they " +
        "are present, and otherwise skips the comparison.",
    );
    return 1;
  }

  mkdirSync(options.out, { recursive: true });
  for (const { api, text } of downloaded) {
    const target = join(options.out, `${api}-api.json`);
    // Write-then-rename so an interrupted pull cannot leave a truncated document behind.
    const partial = `${target}.partial`;
    writeFileSync(partial, text);
    renameSync(partial, target);
    console.log(`spec:pull: wrote ${relative(process.cwd(), target)} (${API_FILES[api].title})`);
  }
  return 0;
}

/**
 * Fetches one document and checks that it is an OpenAPI document at all.
 * @param {string} url
 * @param {number} timeoutMs
 * @param {string} title
 * @returns {Promise<Record<string, unknown>>}
 */
async function download(url, timeoutMs, title) {
  const what = `could not download the ${title} document from ${url}:`;
  /** @type {Response} */
  let response;
  /** @type {string} */
  let body;
  try {
    response = await fetch(url, {
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(timeoutMs),
    });
    body = await response.text();
  } catch (error) {
    throw new PullError(`${what} ${networkReason(error, timeoutMs)}.`, true);
  }
  if (!response.ok) {
    throw new PullError(
      `${what} the server answered HTTP ${response.status} ${response.statusText}.`.replace(" .", "."),
    );
  }
  /** @type {unknown} */
  let doc;
  try {
    doc = JSON.parse(body);
  } catch {
    throw new PullError(
      `${what} the response is not JSON (it starts with ${JSON.stringify(body.slice(0, 40))}).`,
    );
  }
  const record = /** @type {Record<string, unknown>} */ (doc);
  if (
    doc === null ||
    typeof doc !== "object" ||
    typeof record.openapi !== "string" ||
    record.paths === null ||
    typeof record.paths !== "object"
  ) {
    throw new PullError(`${what} the JSON is not an OpenAPI document (it lacks "openapi" or "paths").`);
  }
  return record;
}

/**
 * Turns fetch's `TypeError: fetch failed` into what actually happened (DNS, refused, timeout).
 * @param {unknown} error
 * @param {number} timeoutMs
 */
function networkReason(error, timeoutMs) {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const cause = error instanceof Error ? /** @type {any} */ (error).cause : undefined;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  const detail = cause?.message || (error instanceof Error ? error.message : String(error));
  return code && !String(detail).includes(code) ? `${detail} (${code})` : String(detail);
}

/** @param {string[]} argv */
function readOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: "string" },
      timeout: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  const seconds = values.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(values.timeout);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`--timeout must be a positive number of seconds, got "${values.timeout}"`);
  }
  return {
    out: values.out === undefined ? join(REPO_ROOT, "spec/upstream") : resolve(values.out),
    timeoutMs: Math.round(seconds * 1000),
    help: values.help === true,
  };
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // Only a bug in this script gets here; keep it to one line all the same.
    console.error(`spec:pull: unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
