// Secrets are removed two ways: by shape (anything that looks like a JWT or a bearer header) and by
// value (every refresh and data-access token a client of this process has held, and each of its
// dot-separated parts, so a token a server echoes cut into pieces, or one that is not JWT-shaped,
// is caught too).

// A JWT is three base64url segments; refresh and data-access tokens are both JWTs. A cut-off one
// (header and part of the claims) still names the token, so any "eyJ…" run is removed.
const JWT = /eyJ[A-Za-z0-9_-]{10,}(?:\.[A-Za-z0-9_-]*){0,2}/g;
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi;
/** Runs of token characters long enough to be a secret's part. */
const RUN = /[A-Za-z0-9_~+/=-]{12,}/g;
const MIN_PART = 12;
const PREFIX = 12;
/** Parts remembered per process; the oldest are forgotten first. */
const MAX_KNOWN = 8192;

const knownParts = new Set<string>();
const byPrefix = new Map<string, Set<string>>();

/**
 * Remembers a secret so that every later error, message and log line of this process is scrubbed
 * of it. The client calls it for each refresh token and data-access token it uses; hosts may add
 * their own (an n8n credential, a bearer secret).
 */
export function rememberSecret(secret: string): void {
  if (typeof secret !== "string") return;
  const parts = [secret, ...secret.split(/[.\s]+/)];
  for (const part of parts) {
    if (part.length < MIN_PART || knownParts.has(part)) continue;
    if (knownParts.size >= MAX_KNOWN) forget(knownParts.values().next().value as string);
    knownParts.add(part);
    const prefix = part.slice(0, PREFIX);
    let set = byPrefix.get(prefix);
    if (!set) {
      set = new Set();
      byPrefix.set(prefix, set);
    }
    set.add(part);
  }
}

function forget(part: string): void {
  knownParts.delete(part);
  const prefix = part.slice(0, PREFIX);
  const set = byPrefix.get(prefix);
  set?.delete(part);
  if (set?.size === 0) byPrefix.delete(prefix);
}

/**
 * Replaces every remembered part found inside a run of token characters, also where it is glued
 * to other characters ("00-<part>-01") or cut off at the run's end (a shortened echo).
 */
function scrubRun(run: string): string {
  let out = "";
  let copied = 0;
  let i = 0;
  while (i <= run.length - PREFIX) {
    const candidates = byPrefix.get(run.slice(i, i + PREFIX));
    let matched = 0;
    if (candidates) {
      const rest = run.length - i;
      for (const part of candidates) {
        if (run.startsWith(part, i)) matched = Math.max(matched, part.length);
        else if (rest < part.length && part.startsWith(run.slice(i))) matched = Math.max(matched, rest);
      }
    }
    if (matched > 0) {
      out += `${run.slice(copied, i)}[redacted]`;
      i += matched;
      copied = i;
    } else {
      i++;
    }
  }
  return copied === 0 ? run : out + run.slice(copied);
}

/** Removes anything shaped like a token, and every remembered secret, from a string. */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  let out = String(text);
  for (const secret of known) {
    if (typeof secret === "string" && secret.length >= 8) out = out.split(secret).join("[redacted]");
  }
  out = out.replace(BEARER, "$1[redacted]").replace(JWT, "[redacted-token]");
  if (knownParts.size > 0) out = out.replace(RUN, scrubRun);
  out = out.replace(/\[redacted-token\](?:\[redacted-token\])+/g, "[redacted-token]");
  return out;
}

/** Own properties of an error that are plain facts worth keeping (`code: "ECONNREFUSED"`…). */
const KEPT_FIELDS = ["code", "errno", "syscall", "status"] as const;

/**
 * A copy of an error's `cause` chain that can be logged: messages and stacks scrubbed, and every
 * other property dropped (a fetch port's error may carry the request with its Authorization
 * header). EloverblikErrors are kept as they are; they are scrubbed when made.
 */
export function scrubCause(cause: unknown, depth = 0): unknown {
  if (cause === undefined || cause === null) return cause;
  if (
    typeof cause === "object" &&
    (cause as Record<symbol, unknown>)[Symbol.for("eloverblik-kit.error")] === true
  ) {
    return cause;
  }
  if (depth >= 5) return undefined;
  if (cause instanceof Error || (typeof cause === "object" && typeof (cause as Error).message === "string")) {
    const source = cause as Error & { cause?: unknown; errors?: unknown };
    const inner = scrubCause(source.cause, depth + 1);
    const copy = new Error(
      redactSecrets(String(source.message)),
      inner === undefined ? undefined : { cause: inner },
    );
    if (typeof source.name === "string")
      Object.defineProperty(copy, "name", { value: redactSecrets(source.name) });
    for (const field of KEPT_FIELDS) {
      const value = (source as unknown as Record<string, unknown>)[field];
      if (typeof value === "number") (copy as unknown as Record<string, unknown>)[field] = value;
      else if (typeof value === "string")
        (copy as unknown as Record<string, unknown>)[field] = redactSecrets(value);
    }
    if (Array.isArray(source.errors)) {
      (copy as unknown as Record<string, unknown>).errors = source.errors
        .slice(0, 10)
        .map((e) => scrubCause(e, depth + 1));
    }
    copy.stack = typeof source.stack === "string" ? redactSecrets(source.stack) : copy.stack;
    return copy;
  }
  if (typeof cause === "string" || typeof cause === "number" || typeof cause === "boolean") {
    return typeof cause === "string" ? redactSecrets(cause) : cause;
  }
  // Anything else (a Request, a headers object) may hold a token and is not kept.
  return undefined;
}
