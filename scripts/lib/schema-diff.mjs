// Compares `components.schemas` of two OpenAPI documents: which schemas exist, and for each shared
// schema which properties exist and what shape they have (type, format, `$ref` target, array items).
// `nullable`, `enum`, `required` lists and all prose are deliberately left out: the live wire is known
// to disagree with the published enums and nullability, and those are documented, not checked.

import {
  deref,
  describeSchema,
  effectiveFormat,
  effectiveType,
  isObject,
  NONE,
  refName,
  schemaRef,
} from "./openapi-refs.mjs";

/** @typedef {import("./openapi-refs.mjs").Json} Json */
/** @typedef {(id: string, message: string) => void} Emit */

/**
 * @param {{ api: string, ours: Json, upstream: Json, emit: Emit }} ctx
 */
export function diffSchemas(ctx) {
  const { api, ours, upstream, emit } = ctx;
  const ourSchemas = componentSchemas(ours);
  const upSchemas = componentSchemas(upstream);
  const names = [...new Set([...Object.keys(ourSchemas), ...Object.keys(upSchemas)])].sort();
  for (const name of names) {
    const mine = ourSchemas[name];
    const theirs = upSchemas[name];
    if (theirs === undefined) {
      emit(`${api} schema-added ${name}`, `only ours defines this schema (${describeSchema(ours, mine)})`);
    } else if (mine === undefined) {
      emit(
        `${api} schema-removed ${name}`,
        `only the published document defines this schema (${describeSchema(upstream, theirs)})`,
      );
    } else {
      diffSchemaShape(ctx, name, mine, theirs);
      diffProperties(ctx, name, collectProperties(ours, mine), collectProperties(upstream, theirs));
    }
  }
}

/** @param {Json} doc @returns {Record<string, any>} */
function componentSchemas(doc) {
  const schemas = doc.components?.schemas;
  return isObject(schemas) ? schemas : {};
}

/**
 * The top level of a named schema: an alias (`$ref`), its type and, for arrays, its items.
 * @param {{ api: string, ours: Json, upstream: Json, emit: Emit }} ctx
 * @param {string} name
 * @param {any} mine
 * @param {any} theirs
 */
function diffSchemaShape(ctx, name, mine, theirs) {
  const pairs = shapePairs(ctx.ours, mine, ctx.upstream, theirs);
  for (const [field, ourValue, upValue] of pairs) {
    if (ourValue === upValue) continue;
    ctx.emit(
      `${ctx.api} schema-changed ${name} ${field} ${upValue}→${ourValue}`,
      `schema ${field}: ${upValue} in the published document, ${ourValue} in ours`,
    );
  }
}

/**
 * The compared facets of a schema, as `[field, ours, upstream]` triples in reporting order.
 * `type` and `format` are taken after following references, so pointing at a named schema of the
 * same type reports only the new `ref`.
 * @param {Json} ourDoc
 * @param {any} mine
 * @param {Json} upDoc
 * @param {any} theirs
 * @returns {Array<[string, string, string]>}
 */
function shapePairs(ourDoc, mine, upDoc, theirs) {
  const ourRef = schemaRef(mine);
  const upRef = schemaRef(theirs);
  // Same named schema on both sides: that schema is compared on its own (a missing target is
  // already reported as schema-removed), so repeating its type here would only echo that.
  if (ourRef !== undefined && upRef !== undefined && refName(ourRef) === refName(upRef)) return [];
  const ourType = effectiveType(ourDoc, mine) ?? NONE;
  const upType = effectiveType(upDoc, theirs) ?? NONE;
  /** @type {Array<[string, string, string]>} */
  const pairs = [
    ["ref", ourRef === undefined ? NONE : refName(ourRef), upRef === undefined ? NONE : refName(upRef)],
    ["type", ourType, upType],
    ["format", effectiveFormat(ourDoc, mine) ?? NONE, effectiveFormat(upDoc, theirs) ?? NONE],
  ];
  if (ourType === "array" || upType === "array") {
    pairs.push([
      "items",
      describeSchema(ourDoc, deref(ourDoc, mine)?.items),
      describeSchema(upDoc, deref(upDoc, theirs)?.items),
    ]);
  }
  return pairs;
}

/**
 * Own properties plus those inherited through `allOf`, because writers are free to express
 * "ProblemDetails plus traceId" either way and the wire shape is the same.
 * @param {Json} doc
 * @param {any} schema
 * @param {number} [depth]
 * @returns {Record<string, any>}
 */
function collectProperties(doc, schema, depth = 0) {
  const resolved = deref(doc, schema);
  if (!isObject(resolved) || depth > 16) return {};
  /** @type {Record<string, any>} */
  const properties = {};
  if (Array.isArray(resolved.allOf)) {
    for (const part of resolved.allOf) Object.assign(properties, collectProperties(doc, part, depth + 1));
  }
  if (isObject(resolved.properties)) Object.assign(properties, resolved.properties);
  return properties;
}

/**
 * @param {{ api: string, ours: Json, upstream: Json, emit: Emit }} ctx
 * @param {string} owner `Schema`, or `Schema.prop` / `Schema.prop[]` for inline nested objects
 * @param {Record<string, any>} mine
 * @param {Record<string, any>} theirs
 */
function diffProperties(ctx, owner, mine, theirs) {
  const { api, emit } = ctx;
  const names = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].sort();
  for (const prop of names) {
    const label = `${owner}.${prop}`;
    if (!(prop in theirs)) {
      emit(
        `${api} property-added ${label}`,
        `only ours declares this property (${describeProperty(ctx.ours, mine[prop])})`,
      );
      continue;
    }
    if (!(prop in mine)) {
      emit(
        `${api} property-removed ${label}`,
        `only the published document declares this property (${describeProperty(ctx.upstream, theirs[prop])})`,
      );
      continue;
    }
    for (const [field, ourValue, upValue] of shapePairs(ctx.ours, mine[prop], ctx.upstream, theirs[prop])) {
      if (ourValue === upValue) continue;
      emit(
        `${api} property-changed ${label} ${field} ${upValue}→${ourValue}`,
        `property ${field}: ${upValue} in the published document, ${ourValue} in ours`,
      );
    }
    diffInlineChildren(ctx, label, mine[prop], theirs[prop]);
  }
}

/**
 * Inline object properties (and inline array items) have no name of their own, so their
 * properties are compared under the parent's label.
 * @param {{ api: string, ours: Json, upstream: Json, emit: Emit }} ctx
 * @param {string} label
 * @param {any} mine
 * @param {any} theirs
 */
function diffInlineChildren(ctx, label, mine, theirs) {
  if (!isObject(mine) || !isObject(theirs) || schemaRef(mine) || schemaRef(theirs)) return;
  if (isObject(mine.properties) && isObject(theirs.properties)) {
    diffProperties(ctx, label, collectProperties(ctx.ours, mine), collectProperties(ctx.upstream, theirs));
  }
  const ourItems = mine.items;
  const upItems = theirs.items;
  if (isObject(ourItems) && isObject(upItems) && !schemaRef(ourItems) && !schemaRef(upItems)) {
    if (isObject(ourItems.properties) && isObject(upItems.properties)) {
      diffProperties(
        ctx,
        `${label}[]`,
        collectProperties(ctx.ours, ourItems),
        collectProperties(ctx.upstream, upItems),
      );
    }
  }
}

/** @param {Json} doc @param {any} schema */
function describeProperty(doc, schema) {
  const format = effectiveFormat(doc, schema);
  return format === undefined ? describeSchema(doc, schema) : `${describeSchema(doc, schema)}, ${format}`;
}
