// Where the two APIs' documents live: our contracts in spec/, the published documents either pulled
// into spec/upstream/ (git-ignored) or, on machines that have it, the reference copy in ../shared/spec/.

import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file lives in scripts/lib/). */
export const REPO_ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** @typedef {"customer" | "thirdparty"} Api */

/** @type {readonly Api[]} */
export const APIS = ["customer", "thirdparty"];

/** Production host; `ELOVERBLIK_SPEC_BASE_URL` overrides it (tests point it at a local server). */
export const DEFAULT_BASE_URL = "https://api.eloverblik.dk";

/**
 * @type {Record<Api, { title: string, urlPath: string, ours: string, pulled: string, shared: string }>}
 */
export const API_FILES = {
  customer: {
    title: "Customer API",
    urlPath: "/customerapi/swagger/customerapi-v1.0/swagger.json",
    ours: "spec/customer-api.openapi.yaml",
    pulled: "spec/upstream/customer-api.json",
    shared: "../shared/spec/eloverblik-customer-api.swagger.json",
  },
  thirdparty: {
    title: "Third Party API",
    urlPath: "/thirdpartyapi/swagger/thirdpartyapi-v1.0/swagger.json",
    ours: "spec/thirdparty-api.openapi.yaml",
    pulled: "spec/upstream/thirdparty-api.json",
    shared: "../shared/spec/eloverblik-thirdparty-api.swagger.json",
  },
};

/** @param {string} value @returns {value is Api} */
export function isApi(value) {
  return /** @type {readonly string[]} */ (APIS).includes(value);
}

/**
 * The published document to compare against: a pulled copy wins over the shared reference copy.
 * @param {Api} api
 * @param {string} [root]
 * @returns {{ file: string, origin: "pulled" | "shared" } | undefined}
 */
export function findUpstream(api, root = REPO_ROOT) {
  const pulled = join(root, API_FILES[api].pulled);
  if (existsSync(pulled)) return { file: pulled, origin: "pulled" };
  const shared = join(root, API_FILES[api].shared);
  if (existsSync(shared)) return { file: shared, origin: "shared" };
  return undefined;
}
