// Structural comparison of two OpenAPI 3.x documents: our maintained contract ("ours") against
// Energinet's published document ("upstream"). Every difference gets a stable, readable id such as
// `customer response-added POST /customerapi/api/token 429`; spec/DEVIATIONS.md lists the ids we
// accept on purpose. "added" always means present in ours and absent upstream; "changed" values are
// written upstream→ours.
//
// Paths are compared case-sensitively as the client would call them: the path part of the first
// `servers` URL is prefixed, because older published documents declare `servers: [{url: /customerapi}]`
// with `/api/...` paths while newer ones write the full `/customerapi/api/...` path.

import { deref, isObject } from "./openapi-refs.mjs";
import { diffOperation } from "./operation-diff.mjs";
import { diffSchemas } from "./schema-diff.mjs";

/** @typedef {import("./openapi-refs.mjs").Json} Json */
/** @typedef {{ id: string, message: string }} Difference */

/** Every kind of difference, in the order reports list them. The kind is an id's second word. */
export const DIFFERENCE_KINDS = [
  "path-added",
  "path-removed",
  "operation-added",
  "operation-removed",
  "parameter-added",
  "parameter-removed",
  "parameter-changed",
  "request-body-added",
  "request-body-removed",
  "request-body-changed",
  "response-added",
  "response-removed",
  "response-schema-changed",
  "schema-added",
  "schema-removed",
  "schema-changed",
  "property-added",
  "property-removed",
  "property-changed",
];

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * Compares `ours` with `upstream` and returns every structural difference, paths first, then
 * component schemas. Descriptions, summaries, operationIds, examples, enums and `nullable` are ignored.
 * @param {Json} ours our contract, already parsed
 * @param {Json} upstream the published document, already parsed
 * @param {{ api: string }} options `api` prefixes every id (`customer`, `thirdparty`)
 * @returns {Difference[]}
 */
export function diffOpenApi(ours, upstream, { api }) {
  if (typeof api !== "string" || !/^[a-z][a-z0-9-]*$/.test(api)) {
    throw new TypeError(
      `diffOpenApi: api must be a lower-case word such as "customer", got ${JSON.stringify(api)}`,
    );
  }
  assertDocument(ours, "ours");
  assertDocument(upstream, "upstream");

  /** @type {Difference[]} */
  const differences = [];
  const seen = new Set();
  /** @param {string} id @param {string} message */
  const emit = (id, message) => {
    if (seen.has(id)) return;
    seen.add(id);
    differences.push({ id, message });
  };

  const ctx = { api, ours, upstream, emit };
  diffPaths(ctx);
  diffSchemas(ctx);
  return differences;
}

/** @param {unknown} doc @param {string} which */
function assertDocument(doc, which) {
  if (!isObject(doc) || !isObject(doc.paths)) {
    throw new TypeError(`diffOpenApi: ${which} is not an OpenAPI document (no "paths" object)`);
  }
}

/**
 * @typedef {{ api: string, ours: Json, upstream: Json, emit: (id: string, message: string) => void }} Ctx
 */

/** @param {Ctx} ctx */
function diffPaths(ctx) {
  const { api, emit } = ctx;
  const mine = effectivePaths(ctx.ours);
  const theirs = effectivePaths(ctx.upstream);
  const lowerTheirs = new Map([...theirs.keys()].map((p) => [p.toLowerCase(), p]));
  const lowerMine = new Map([...mine.keys()].map((p) => [p.toLowerCase(), p]));
  for (const path of [...new Set([...mine.keys(), ...theirs.keys()])].sort()) {
    const ourItem = mine.get(path);
    const upItem = theirs.get(path);
    if (upItem === undefined) {
      const twin = lowerTheirs.get(path.toLowerCase());
      const hint = twin ? ` (it differs only in letter case from ${twin})` : "";
      emit(`${api} path-added ${path}`, `only ours has this path${hint}`);
    } else if (ourItem === undefined) {
      const twin = lowerMine.get(path.toLowerCase());
      const hint = twin ? ` (ours has ${twin}, which differs only in letter case)` : "";
      emit(`${api} path-removed ${path}`, `only the published document has this path${hint}`);
    } else {
      diffOperations(ctx, path, deref(ctx.ours, ourItem), deref(ctx.upstream, upItem));
    }
  }
}

/**
 * @param {Json} doc
 * @returns {Map<string, any>} full path (server base path + path) → path item
 */
function effectivePaths(doc) {
  const base = serverBasePath(doc);
  const paths = new Map();
  for (const [path, item] of Object.entries(doc.paths)) {
    if (path.startsWith("x-")) continue;
    paths.set(base + path, item);
  }
  return paths;
}

/**
 * The path component of the first server URL, without a trailing slash ("" when absent).
 * @param {Json} doc
 */
function serverBasePath(doc) {
  const server = Array.isArray(doc.servers) ? doc.servers[0] : undefined;
  if (!isObject(server) || typeof server.url !== "string") return "";
  const variables = isObject(server.variables) ? server.variables : {};
  const url = server.url.replace(/\{([^}]+)\}/g, (whole, name) => {
    const def = variables[name]?.default;
    return typeof def === "string" ? def : whole;
  });
  const match = /^(?:[a-z][a-z0-9+.-]*:)?\/\/[^/]*(.*)$/i.exec(url);
  const path = match ? (match[1] ?? "") : url.startsWith("/") ? url : "";
  return path.replace(/\/+$/, "");
}

/** @param {Ctx} ctx @param {string} path @param {any} ourItem @param {any} upItem */
function diffOperations(ctx, path, ourItem, upItem) {
  const { api, emit } = ctx;
  for (const method of HTTP_METHODS) {
    const mine = isObject(ourItem) ? ourItem[method] : undefined;
    const theirs = isObject(upItem) ? upItem[method] : undefined;
    const op = `${method.toUpperCase()} ${path}`;
    if (mine === undefined && theirs === undefined) continue;
    if (theirs === undefined) {
      emit(`${api} operation-added ${op}`, `only ours has this operation`);
    } else if (mine === undefined) {
      emit(`${api} operation-removed ${op}`, `only the published document has this operation`);
    } else {
      diffOperation(ctx, op, { item: ourItem, operation: mine }, { item: upItem, operation: theirs });
    }
  }
}
