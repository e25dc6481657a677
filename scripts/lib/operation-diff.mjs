// Compares one operation that exists in both documents: its parameters (resolved through `$ref`,
// path-level ones included), its request body and its response status codes. Response bodies are
// not compared: their media types and error shapes are where the live API differs most, and those
// differences are documented in spec/DEVIATIONS.md as notes.

import { deref, describeSchema, effectiveType, isObject, NONE } from "./openapi-refs.mjs";

/** @typedef {import("./openapi-refs.mjs").Json} Json */
/** @typedef {{ api: string, ours: Json, upstream: Json, emit: (id: string, message: string) => void }} Ctx */

// OpenAPI 3.0 §4.7.12: header parameters with these names "SHALL be ignored" by tooling.
const IGNORED_HEADERS = new Set(["accept", "content-type", "authorization"]);

/**
 * @param {Ctx} ctx
 * @param {string} op `METHOD /path`, used in ids
 * @param {{ item: any, operation: any }} mine our path item and operation
 * @param {{ item: any, operation: any }} theirs the published path item and operation
 */
export function diffOperation(ctx, op, mine, theirs) {
  diffParameters(
    ctx,
    op,
    operationParameters(ctx.ours, mine.item, mine.operation),
    operationParameters(ctx.upstream, theirs.item, theirs.operation),
  );
  diffRequestBody(
    ctx,
    op,
    deref(ctx.ours, mine.operation.requestBody),
    deref(ctx.upstream, theirs.operation.requestBody),
  );
  diffResponses(ctx, op, mine.operation.responses, theirs.operation.responses);
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
