import { redactSecrets } from "../errors/redact.js";

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function scrub(value: unknown, known: readonly string[], seen: WeakMap<object, unknown>): unknown {
  if (typeof value === "string") return redactSecrets(value, known);
  if (value === null || typeof value !== "object") return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(scrub(item, known, seen));
    return out;
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") {
    // What JSON.stringify would write (a Date's ISO text, an EloverblikError's fields).
    const json = scrub(toJSON.call(value), known, seen);
    seen.set(value, json);
    return json;
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [key, item] of Object.entries(value)) out[key] = scrub(item, known, seen);
  return out;
}

/**
 * A copy of a JSON-like value with every string scrubbed by `redactSecrets`: token-shaped text,
 * every secret remembered with `rememberSecret` (whole or in pieces of 16 characters or more) and
 * the `known` strings are removed. The last line of defence for what a surface sends out (tool
 * results, node output, log lines): data could in principle echo anything. Arrays and plain objects
 * are copied, values with `toJSON` are scrubbed as they would be serialised, others kept as they are.
 */
export function scrubValue<T>(value: T, known: readonly string[] = []): T {
  return scrub(value, known, new WeakMap()) as T;
}
