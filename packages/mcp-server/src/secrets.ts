import { redactSecrets, rememberSecret, scrubValue } from "@eloverblik-kit/client/insights";

/**
 * How many secrets of each list (a context's `secrets`, which only grows) the client already
 * remembers, so that each is handed to `rememberSecret` once.
 */
const remembered = new WeakMap<readonly string[], number>();

function rememberAll(secrets: readonly string[]): void {
  const done = remembered.get(secrets) ?? 0;
  if (done === secrets.length) return;
  for (let i = done; i < secrets.length; i++) rememberSecret(secrets[i] as string);
  remembered.set(secrets, secrets.length);
}

/**
 * One string with every token, token-shaped run and piece of a known secret removed. The client
 * remembers every token it has held and removes them (whole or in pieces of 16 characters or more)
 * along with anything JWT-shaped; `secrets` adds what only this server knows.
 */
export function scrubText(text: string, secrets: readonly string[]): string {
  rememberAll(secrets);
  return redactSecrets(text, secrets);
}

/**
 * The last line of defence against leaking a token: every tool result, error, resource, prompt
 * and log line passes through here (the client's `scrubValue`, with this server's secrets).
 */
export function scrub<T>(value: T, secrets: readonly string[]): T {
  rememberAll(secrets);
  return scrubValue(value, secrets);
}
