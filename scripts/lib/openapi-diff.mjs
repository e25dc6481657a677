// Structural comparison of two OpenAPI 3.x documents: our maintained contract ("ours") against
// Energinet's published document ("upstream"). Every difference gets a stable, readable id such as
// `customer response-added POST /customerapi/api/token 429`; spec/DEVIATIONS.md lists the ids we
// accept on purpose. "added" always means present in ours and absent upstream; "changed" values are
// written upstream→ours.
//
// Paths are compared case-sensitively as the client would call them: the path part of the first
// `servers` URL is prefixed, because older published documents declare `servers: [{url: /customerapi}]`
// with `/api/...` paths while newer ones write the full `/customerapi/api/...` path.

import { deref, describeSchema, effectiveType, isObject, NONE } from "./openapi-refs.mjs";
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
  "schema-added",
  "schema-removed",
  "schema-changed",
  "property-added",
  "property-removed",
  "property-changed",
];

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

// OpenAPI 3.0 §4.7.12: header parameters with these names "SHALL be ignored" by tooling.
const IGNORED_HEADERS = new Set(["accept", "content-type", "authorization"]);

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
      diffParameters(
        ctx,
        op,
        operationParameters(ctx.ours, ourItem, mine),
        operationParameters(ctx.upstream, upItem, theirs),
      );
      diffRequestBody(ctx, op, deref(ctx.ours, mine.requestBody), deref(ctx.upstream, theirs.requestBody));
      diffResponses(ctx, op, mine.responses, theirs.responses);
    }
  }
}

/**
 * Path-level parameters apply to every operation unless the operation redefines them.
 * @param {Json} doc
 * @param {any} pathItem
 * @param {any} operation
 * @returns {Map<string, { label: string, param: Json }>} keyed by `in:name` (header names lower-cased)
 */
function operationParameters(doc, pathItem, operation) {
  const params = new Map();
  for (const list of [pathItem.parameters, operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const param = deref(doc, raw);
      if (!isObject(param) || typeof param.name !== "string" || typeof param.in !== "string") continue;
      // HTTP header names are case-insensitive; everything else is matched exactly.
      const name = param.in === "header" ? param.name.toLowerCase() : param.name;
      if (param.in === "header" && IGNORED_HEADERS.has(name)) continue;
      params.set(`${param.in}:${name}`, { label: `${param.in}:${param.name}`, param });
    }
  }
  return params;
}

/**
 * @param {Ctx} ctx @param {string} op
 * @param {Map<string, { label: string, param: Json }>} mine
 * @param {Map<string, { label: string, param: Json }>} theirs
 */
function diffParameters(ctx, op, mine, theirs) {
  const { api, emit } = ctx;
  for (const key of [...new Set([...mine.keys(), ...theirs.keys()])].sort()) {
    const ours = mine.get(key);
    const up = theirs.get(key);
    if (up === undefined && ours !== undefined) {
      emit(
        `${api} parameter-added ${op} ${ours.label}`,
        `only ours declares this parameter (${parameterSummary(ctx.ours, ours.param)})`,
      );
    } else if (ours === undefined && up !== undefined) {
      emit(
        `${api} parameter-removed ${op} ${up.label}`,
        `only the published document declares this parameter (${parameterSummary(ctx.upstream, up.param)})`,
      );
    } else if (ours !== undefined && up !== undefined) {
      const pairs = [
        ["required", String(ours.param.required === true), String(up.param.required === true)],
        ["type", parameterType(ctx.ours, ours.param), parameterType(ctx.upstream, up.param)],
      ];
      for (const [field, ourValue, upValue] of pairs) {
        if (ourValue === upValue) continue;
        emit(
          `${api} parameter-changed ${op} ${up.label} ${field} ${upValue}→${ourValue}`,
          `parameter ${field}: ${upValue} in the published document, ${ourValue} in ours`,
        );
      }
    }
  }
}

/** @param {Json} doc @param {Json} param */
function parameterSummary(doc, param) {
  return `${param.required === true ? "required" : "optional"} ${parameterType(doc, param)}`;
}

/** @param {Json} doc @param {Json} param */
function parameterType(doc, param) {
  if (isObject(param.schema)) return effectiveType(doc, param.schema) ?? NONE;
  // The alternative to `schema` is a one-entry `content` map.
  const media = isObject(param.content) ? Object.values(param.content)[0] : undefined;
  return isObject(media) ? describeSchema(doc, media.schema) : NONE;
}

/** @param {Ctx} ctx @param {string} op @param {any} mine @param {any} theirs */
function diffRequestBody(ctx, op, mine, theirs) {
  const { api, emit } = ctx;
  if (!isObject(mine) && !isObject(theirs)) return;
  if (!isObject(theirs)) {
    emit(`${api} request-body-added ${op}`, `only ours declares a request body`);
    return;
  }
  if (!isObject(mine)) {
    emit(`${api} request-body-removed ${op}`, `only the published document declares a request body`);
    return;
  }
  const prefix = `${api} request-body-changed ${op}`;
  const ourRequired = String(mine.required === true);
  const upRequired = String(theirs.required === true);
  if (ourRequired !== upRequired) {
    emit(
      `${prefix} required ${upRequired}→${ourRequired}`,
      `request body required: ${upRequired} in the published document, ${ourRequired} in ours`,
    );
  }
  const ourContent = isObject(mine.content) ? mine.content : {};
  const upContent = isObject(theirs.content) ? theirs.content : {};
  for (const type of [...new Set([...Object.keys(ourContent), ...Object.keys(upContent)])].sort()) {
    if (!(type in upContent)) {
      emit(`${prefix} content-type-added ${type}`, `only ours accepts a ${type} request body`);
    } else if (!(type in ourContent)) {
      emit(
        `${prefix} content-type-removed ${type}`,
        `only the published document accepts a ${type} request body`,
      );
    } else {
      const ourSchema = describeSchema(ctx.ours, ourContent[type]?.schema);
      const upSchema = describeSchema(ctx.upstream, upContent[type]?.schema);
      if (ourSchema !== upSchema) {
        emit(
          `${prefix} ${type} schema ${upSchema}→${ourSchema}`,
          `${type} request body schema: ${upSchema} in the published document, ${ourSchema} in ours`,
        );
      }
    }
  }
}

/** @param {Ctx} ctx @param {string} op @param {any} mine @param {any} theirs */
function diffResponses(ctx, op, mine, theirs) {
  const { api, emit } = ctx;
  const ourCodes = isObject(mine) ? Object.keys(mine).filter((c) => !c.startsWith("x-")) : [];
  const upCodes = isObject(theirs) ? Object.keys(theirs).filter((c) => !c.startsWith("x-")) : [];
  for (const code of [...new Set([...ourCodes, ...upCodes])].sort()) {
    if (!upCodes.includes(code)) {
      emit(`${api} response-added ${op} ${code}`, `only ours documents a ${code} response`);
    } else if (!ourCodes.includes(code)) {
      emit(
        `${api} response-removed ${op} ${code}`,
        `only the published document documents a ${code} response`,
      );
    }
  }
}
