// A JWT is three base64url segments; refresh and data-access tokens are both JWTs. A cut-off one
// (header and part of the claims) still names the token, so any "eyJ…" run is removed.
const JWT = /eyJ[A-Za-z0-9_-]{10,}(?:\.[A-Za-z0-9_-]*){0,2}/g;
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi;

/** Removes anything shaped like a token from a string. */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  let out = text.replace(BEARER, "$1[redacted]").replace(JWT, "[redacted-token]");
  for (const secret of known) {
    if (secret.length >= 8) out = out.split(secret).join("[redacted]");
  }
  out = out.replace(/\[redacted-token\](?:\[redacted-token\])+/g, "[redacted-token]");
  return out;
}
