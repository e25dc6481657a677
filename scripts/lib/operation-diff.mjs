// Compares one operation that exists in both documents: its parameters (resolved through `$ref`,
// path-level ones included), its request body, its response status codes and, for each status both
// documents declare, the schema of the response body per media type. Which media types a response
// offers is not compared: the published documents list XML and text variants that the live API only
// serves on request, and our contract declares JSON (CSV for exports) only, as spec/DEVIATIONS.md says.

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
    } else {
      diffResponseBodies(ctx, op, code, deref(ctx.ours, mine[code]), deref(ctx.upstream, theirs[code]));
    }
  }
}

/**
 * The body schemas of one status that both documents declare, compared per media type present on
 * both sides. A response without any `content` has no body at all; against a response that has one,
 * each of that side's media types is compared with "no schema", so declaring a body where the other
 * document promises none (or dropping one) is reported too.
 * @param {Ctx} ctx @param {string} op @param {string} code @param {any} mine @param {any} theirs
 */
function diffResponseBodies(ctx, op, code, mine, theirs) {
  const { api, emit } = ctx;
  const ourContent = responseContent(mine);
  const upContent = responseContent(theirs);
  const ourTypes = Object.keys(ourContent);
  const upTypes = Object.keys(upContent);
  // Media types only one side offers are left alone (see the top of this file) unless the other
  // side has no body at all.
  const types =
    ourTypes.length === 0
      ? upTypes
      : upTypes.length === 0
        ? ourTypes
        : ourTypes.filter((type) => type in upContent);
  for (const type of types.sort()) {
    const ourSchema = bodySchema(ctx.ours, ourContent, type);
    const upSchema = bodySchema(ctx.upstream, upContent, type);
    if (ourSchema === upSchema) continue;
    emit(
      `${api} response-schema-changed ${op} ${code} ${type} ${upSchema}→${ourSchema}`,
      `${code} ${type} response body schema: ${bodyLabel(upContent, upSchema)} in the published document, ` +
        `${bodyLabel(ourContent, ourSchema)} in ours`,
    );
  }
}

/** @param {any} response @returns {Record<string, any>} */
function responseContent(response) {
  return isObject(response) && isObject(response.content) ? response.content : {};
}

/** @param {Json} doc @param {Record<string, any>} content @param {string} type */
function bodySchema(doc, content, type) {
  const media = content[type];
  return describeSchema(doc, isObject(media) ? media.schema : undefined);
}

/** @param {Record<string, any>} content @param {string} schema */
function bodyLabel(content, schema) {
  if (Object.keys(content).length === 0) return "no body";
  return schema === NONE ? "a body without a schema" : schema;
}
