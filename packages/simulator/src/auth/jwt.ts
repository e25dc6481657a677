import { decodeBase64Url, encodeBase64Url, utf8 } from "./base64url.js";
import { keyedHash } from "./keyed-hash.js";

// Not HS256: the signature is the simulator's own keyed hash (see keyed-hash.ts), and the header says
// so with a private algorithm name instead of claiming an algorithm it does not use.
const HEADER = encodeBase64Url(utf8.encode(JSON.stringify({ alg: "x-eloverblik-simulator", typ: "JWT" })));

const sign = (signingInput: string, secret: Uint8Array) =>
  encodeBase64Url(keyedHash(secret, utf8.encode(signingInput)));

/** Signs claims as a compact JWS (three base64url parts), the shape Eloverblik's tokens have. */
export function signJwt(claims: Record<string, unknown>, secret: Uint8Array): string {
  const payload = encodeBase64Url(utf8.encode(JSON.stringify(claims)));
  return `${HEADER}.${payload}.${sign(`${HEADER}.${payload}`, secret)}`;
}

export type JwtCheck =
  | { ok: true; claims: Record<string, unknown> }
  | { ok: false; reason: "malformed" | "signature" };

/** Verifies the signature and decodes the claims; expiry is the caller's business. */
export function verifyJwt(token: string, secret: Uint8Array): JwtCheck {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "malformed" };
  const [header, payload, signature] = parts as [string, string, string];
  const expected = sign(`${header}.${payload}`, secret);
  const payloadBytes = decodeBase64Url(payload);
  if (payloadBytes === undefined) return { ok: false, reason: "malformed" };
  if (expected !== signature) return { ok: false, reason: "signature" };
  try {
    const claims = JSON.parse(utf8.decode(payloadBytes)) as unknown;
    if (typeof claims !== "object" || claims === null || Array.isArray(claims)) {
      return { ok: false, reason: "malformed" };
    }
    return { ok: true, claims: claims as Record<string, unknown> };
  } catch {
    return { ok: false, reason: "malformed" };
  }
}
