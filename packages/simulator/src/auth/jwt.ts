import { hmacSha256 } from "@eloverblik-kit/client";
import { decodeBase64Url, encodeBase64Url, utf8 } from "./base64url.js";

const HEADER = encodeBase64Url(utf8.encode(JSON.stringify({ alg: "HS256", typ: "JWT" })));

/** Signs claims as a compact JWS (HS256), the shape Eloverblik's tokens have. */
export function signJwt(claims: Record<string, unknown>, secret: Uint8Array): string {
  const payload = encodeBase64Url(utf8.encode(JSON.stringify(claims)));
  const signature = encodeBase64Url(hmacSha256(secret, utf8.encode(`${HEADER}.${payload}`)));
  return `${HEADER}.${payload}.${signature}`;
}

export type JwtCheck =
  | { ok: true; claims: Record<string, unknown> }
  | { ok: false; reason: "malformed" | "signature" };

/** Verifies the signature and decodes the claims; expiry is the caller's business. */
export function verifyJwt(token: string, secret: Uint8Array): JwtCheck {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "malformed" };
  const [header, payload, signature] = parts as [string, string, string];
  const expected = encodeBase64Url(hmacSha256(secret, utf8.encode(`${header}.${payload}`)));
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
