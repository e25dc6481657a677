import { redactSecrets } from "@eloverblik-kit/client";

/**
 * The last line of defence against leaking a token: every tool result, resource, prompt and log
 * line passes through here. The client already scrubs its errors, but data could in principle echo
 * anything, so known secrets and anything JWT-shaped are removed from every string.
 */
export function scrub<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === "string") return redactSecrets(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = scrub(v, secrets);
    return out as T;
  }
  return value;
}
