// Secrets are removed two ways: by shape (anything that looks like a JWT or a bearer header) and by
// value (every refresh and data-access token a client of this process has held, whole or in any
// piece of 16 characters or more, so a token a server echoes cut into parts, glued to other text or
// shortened is caught too, JWT-shaped or not).

// A JWT is three base64url segments; refresh and data-access tokens are both JWTs. A cut-off one
// (header and part of the claims) still names the token, so any "eyJ…" run is removed.
const JWT = /eyJ[A-Za-z0-9_-]{10,}(?:\.[A-Za-z0-9_-]*){0,2}/g;
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi;

/**
 * Pieces of a known secret this long are removed: shorter runs are too likely to occur by chance
 * in ordinary text.
 */
export const MIN_SECRET_FRAGMENT = 16;
/** Secrets remembered per process; the oldest are forgotten first (they still go by shape). */
const MAX_SECRETS = 512;

/** Every window of MIN_SECRET_FRAGMENT characters of every remembered secret, with a count. */
const windows = new Map<string, number>();
const secrets = new Set<string>();

function windowsOf(secret: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + MIN_SECRET_FRAGMENT <= secret.length; i++)
    out.push(secret.slice(i, i + MIN_SECRET_FRAGMENT));
  return out;
}

/**
 * Remembers a secret so that every later error, message and log line of this process is scrubbed
 * of it, whole or in part. The client calls it for each refresh token and data-access token it
 * uses; hosts may add their own (an n8n credential, a bearer secret).
 */
export function rememberSecret(secret: string): void {
  if (typeof secret !== "string") return;
  const trimmed = secret.trim();
  if (trimmed.length < MIN_SECRET_FRAGMENT || secrets.has(trimmed)) return;
  if (secrets.size >= MAX_SECRETS) {
    const oldest = secrets.values().next().value as string;
    secrets.delete(oldest);
    for (const w of windowsOf(oldest)) {
      const left = (windows.get(w) ?? 1) - 1;
      if (left <= 0) windows.delete(w);
      else windows.set(w, left);
    }
  }
  secrets.add(trimmed);
  for (const w of windowsOf(trimmed)) windows.set(w, (windows.get(w) ?? 0) + 1);
}

/**
 * Replaces every stretch of text that a remembered secret also contains and that is at least
 * MIN_SECRET_FRAGMENT long: such a stretch is made of overlapping windows of that length, each of
 * which occurs in a secret, so marking each matching window covers the whole stretch.
 */
function removeFragments(text: string): string {
  if (windows.size === 0 || text.length < MIN_SECRET_FRAGMENT) return text;
  let out = "";
  let copied = 0;
  let rangeStart = -1;
  let rangeEnd = -1;
  for (let i = 0; i + MIN_SECRET_FRAGMENT <= text.length; i++) {
    if (!windows.has(text.slice(i, i + MIN_SECRET_FRAGMENT))) continue;
    if (rangeStart >= 0 && i <= rangeEnd) {
      rangeEnd = i + MIN_SECRET_FRAGMENT;
      continue;
    }
    if (rangeStart >= 0) {
      out += `${text.slice(copied, rangeStart)}[redacted]`;
      copied = rangeEnd;
    }
    rangeStart = i;
    rangeEnd = i + MIN_SECRET_FRAGMENT;
  }
  if (rangeStart < 0) return text;
  out += `${text.slice(copied, rangeStart)}[redacted]`;
  return out + text.slice(rangeEnd);
}

/**
 * Removes anything shaped like a token, every remembered secret (whole or in pieces) and the
 * given `known` strings from a text.
 */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  let out = String(text);
  for (const secret of known) {
    if (typeof secret === "string" && secret.length >= 8) out = out.split(secret).join("[redacted]");
  }
  out = removeFragments(out);
  out = out.replace(BEARER, "$1[redacted]").replace(JWT, "[redacted-token]");
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
