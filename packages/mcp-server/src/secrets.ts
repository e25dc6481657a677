import { redactSecrets } from "@eloverblik-kit/client";

/**
 * A token cut off anywhere (header only, header plus part of the claims, no signature) still
 * identifies it, so any "eyJ…" run of base64url text is removed, with whatever parts follow.
 */
const PARTIAL_JWT = /eyJ[A-Za-z0-9_-]{10,}(?:\.[A-Za-z0-9_-]*){0,2}/g;

/**
 * Pieces of a known secret this long are removed too: a token split by a line break, quoted in
 * part or cut in the middle leaks as surely as a whole one. Shorter runs are too likely to occur
 * by chance in ordinary text.
 */
export const MIN_SECRET_FRAGMENT = 16;

const REDACTED = "[redacted]";

/** The fragments of one secret, computed once per secret; a server only ever knows a handful. */
const fragmentCache = new Map<string, Set<string>>();
const FRAGMENT_CACHE_LIMIT = 64;

function fragmentsOf(secret: string): Set<string> {
  let set = fragmentCache.get(secret);
  if (set) return set;
  set = new Set<string>();
  for (let i = 0; i + MIN_SECRET_FRAGMENT <= secret.length; i++) {
    set.add(secret.slice(i, i + MIN_SECRET_FRAGMENT));
  }
  if (fragmentCache.size >= FRAGMENT_CACHE_LIMIT) {
    const oldest = fragmentCache.keys().next().value;
    if (oldest !== undefined) fragmentCache.delete(oldest);
  }
  fragmentCache.set(secret, set);
  return set;
}

/**
 * Removes every run of text that a secret also contains and that is at least MIN_SECRET_FRAGMENT
 * characters long. A run that long is made of overlapping windows of that length, all of which
 * occur in the secret, so marking each matching window covers the whole run.
 */
function removeFragments(text: string, secret: string): string {
  if (secret.length < MIN_SECRET_FRAGMENT || text.length < MIN_SECRET_FRAGMENT) return text;
  const fragments = fragmentsOf(secret);
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i + MIN_SECRET_FRAGMENT <= text.length; i++) {
    if (!fragments.has(text.slice(i, i + MIN_SECRET_FRAGMENT))) continue;
    const end = i + MIN_SECRET_FRAGMENT;
    const last = ranges[ranges.length - 1];
    if (last && i <= last[1]) last[1] = end;
    else ranges.push([i, end]);
  }
  if (ranges.length === 0) return text;
  let out = "";
  let at = 0;
  for (const [start, end] of ranges) {
    out += text.slice(at, start) + REDACTED;
    at = end;
  }
  return out + text.slice(at);
}

/** One string with every token, token-shaped run and piece of a known secret removed. */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = redactSecrets(text, secrets).replace(PARTIAL_JWT, "[redacted-token]");
  for (const secret of secrets) out = removeFragments(out, secret);
  return out;
}

/**
 * The last line of defence against leaking a token: every tool result, error, resource, prompt
 * and log line passes through here. The client already scrubs its errors, but data could in
 * principle echo anything, so known secrets (whole or in part) and anything JWT-shaped are
 * removed from every string.
 */
export function scrub<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === "string") return scrubText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = scrub(v, secrets);
    return out as T;
  }
  return value;
}
