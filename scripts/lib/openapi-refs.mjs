// Helpers for reading OpenAPI 3.0 documents structurally: following local `$ref`s and reducing a
// schema to the short descriptions that difference ids are built from.

/** @typedef {Record<string, any>} Json */

/** Text used in difference ids for "this side has nothing here". */
export const NONE = "(none)";

// Guards against reference cycles (a schema that refers to itself through `$ref` only).
const MAX_REF_HOPS = 32;

/**
 * The last segment of a `$ref`, e.g. `#/components/schemas/ProblemDetails` → `ProblemDetails`.
 * @param {string} ref
 * @returns {string}
 */
export function refName(ref) {
  const last = ref.slice(ref.lastIndexOf("/") + 1);
  return decodePointerSegment(last);
}

/** @param {string} segment */
function decodePointerSegment(segment) {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // A malformed percent escape is kept verbatim: it is still a usable name.
  }
  return decoded.replaceAll("~1", "/").replaceAll("~0", "~");
}

/**
 * Looks up a local JSON pointer (`#/a/b`) in `doc`. External references (other files, URLs) are not
 * followed: they yield `undefined` and callers fall back to the reference's name.
 * @param {Json} doc
 * @param {string} ref
 * @returns {any}
 */
export function lookupRef(doc, ref) {
  if (!ref.startsWith("#/")) return undefined;
  /** @type {any} */
  let node = doc;
  for (const segment of ref.slice(2).split("/")) {
    if (node === null || typeof node !== "object") return undefined;
    node = node[decodePointerSegment(segment)];
  }
  return node;
}

/**
 * Follows `$ref` until a node without one is reached (or the chain breaks).
 * @param {Json} doc
 * @param {any} node
 * @returns {any}
 */
export function deref(doc, node) {
  let current = node;
  for (let hops = 0; hops < MAX_REF_HOPS; hops++) {
    if (!isObject(current) || typeof current.$ref !== "string") return current;
    const target = lookupRef(doc, current.$ref);
    if (target === undefined) return current;
    current = target;
  }
  return current;
}

/**
 * A `$ref` that stands for the whole schema. OpenAPI 3.0 cannot put `nullable` next to a `$ref`, so
 * writers wrap it as `allOf: [{$ref}]`; that wrapper is the same reference for our purposes.
 * @param {any} schema
 * @returns {string | undefined}
 */
export function schemaRef(schema) {
  if (!isObject(schema)) return undefined;
  if (typeof schema.$ref === "string") return schema.$ref;
  for (const key of ["allOf", "oneOf", "anyOf"]) {
    const parts = schema[key];
    if (
      Array.isArray(parts) &&
      parts.length === 1 &&
      isObject(parts[0]) &&
      typeof parts[0].$ref === "string"
    ) {
      return parts[0].$ref;
    }
  }
  return undefined;
}

/**
 * The schema's type after following references: `string`, `object`, `array`, … or `undefined`.
 * A schema with properties but no `type` is an object in practice.
 * @param {Json} doc
 * @param {any} schema
 * @param {number} [depth]
 * @returns {string | undefined}
 */
export function effectiveType(doc, schema, depth = 0) {
  const ref = schemaRef(schema);
  const resolved = ref === undefined ? schema : deref(doc, { $ref: ref });
  if (!isObject(resolved) || depth > MAX_REF_HOPS) return undefined;
  const { type } = resolved;
  if (typeof type === "string") return type;
  // OpenAPI 3.1 style `type: [string, "null"]`: nullability is not compared, so drop "null".
  if (Array.isArray(type)) {
    const kinds = type.filter((t) => t !== "null");
    return kinds.length > 0 ? kinds.join("|") : undefined;
  }
  if (isObject(resolved.properties)) return "object";
  // `allOf: [{$ref: Base}, {properties: …}]` extends Base, so it has Base's type.
  if (Array.isArray(resolved.allOf)) {
    for (const part of resolved.allOf) {
      const partType = effectiveType(doc, part, depth + 1);
      if (partType !== undefined) return partType;
    }
  }
  return undefined;
}

/**
 * The schema's format after following references, or `undefined`.
 * @param {Json} doc
 * @param {any} schema
 * @returns {string | undefined}
 */
export function effectiveFormat(doc, schema) {
  const ref = schemaRef(schema);
  const resolved = ref === undefined ? schema : deref(doc, { $ref: ref });
  return isObject(resolved) && typeof resolved.format === "string" ? resolved.format : undefined;
}

/**
 * A compact description of a schema: the referenced schema's name, else its type, with arrays
 * written as `array<items>` and compositions as `oneOf<A|B>`. Composition members are sorted: their
 * order carries no meaning, so reordering them must not read as a change.
 * @param {Json} doc
 * @param {any} schema
 * @returns {string}
 */
export function describeSchema(doc, schema) {
  if (!isObject(schema)) return NONE;
  const ref = schemaRef(schema);
  if (ref !== undefined) return refName(ref);
  for (const key of ["oneOf", "anyOf", "allOf"]) {
    const parts = schema[key];
    if (Array.isArray(parts) && parts.length > 0) {
      const members = parts.map((part) => describeSchema(doc, part)).sort();
      return `${key}<${members.join("|")}>`;
    }
  }
  const type = effectiveType(doc, schema);
  if (type === "array") return `array<${describeSchema(doc, schema.items)}>`;
  return type ?? NONE;
}

/**
 * @param {unknown} value
 * @returns {value is Json}
 */
export function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
