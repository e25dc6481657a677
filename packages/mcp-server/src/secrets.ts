import { redactSecrets, rememberSecret } from "@eloverblik-kit/client";

/**
 * One string with every token, token-shaped run and piece of a known secret removed. The client
 * remembers every token it has held and removes them (whole or in pieces of 16 characters or more)
 * along with anything JWT-shaped; `secrets` adds what only this server knows.
 */
export function scrubText(text: string, secrets: readonly string[]): string {
  for (const secret of secrets) rememberSecret(secret);
  return redactSecrets(text, secrets);
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
