import { invalidInput } from "../errors/eloverblik-error.js";
import { decodeBase64Url } from "./base64url.js";

export type ApiKind = "customer" | "thirdparty";

export interface TokenDescription {
  /** Which API the token belongs to, from its `tokenType` claim; undefined when the claim is unknown. */
  api: ApiKind | undefined;
  /** Refresh token (created on eloverblik.dk) or data-access token (from /api/token). */
  kind: "refresh" | "data-access" | undefined;
  tokenType: string | undefined;
  /** The name the user gave the token on eloverblik.dk. */
  name: string | undefined;
  /** Expiry as an ISO instant, when the token carries `exp`. */
  expiresAt: string | undefined;
  expiresAtMs: number | undefined;
  /** True when `exp` lies before `nowMs`. */
  expired: boolean;
  tokenId: string | undefined;
}

const NAME_CLAIMS = ["tokenName", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "name"];

/**
 * Decodes an Eloverblik JWT's claims without a network call and without checking the signature
 * (only Energinet can). Throws INVALID_INPUT when the text is not a JWT at all.
 */
export function describeToken(token: string, nowMs: number = Date.now()): TokenDescription {
  const trimmed = typeof token === "string" ? token.trim() : "";
  const parts = trimmed.split(".");
  if (parts.length !== 3 || !parts[1]) {
    throw invalidInput(
      "The token is not an Eloverblik token: expected a JWT (three dot-separated parts). " +
        "Copy the whole token shown once on eloverblik.dk (Datadeling → Opret token).",
    );
  }
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(decodeBase64Url(parts[1])) as Record<string, unknown>;
  } catch {
    throw invalidInput("The token is not an Eloverblik token: its payload is not readable JSON.");
  }
  if (typeof claims !== "object" || claims === null) {
    throw invalidInput("The token is not an Eloverblik token: its payload is not a JSON object.");
  }
  const tokenType = typeof claims.tokenType === "string" ? claims.tokenType : undefined;
  const lower = tokenType?.toLowerCase() ?? "";
  const api: ApiKind | undefined = lower.includes("thirdparty")
    ? "thirdparty"
    : lower.includes("customer")
      ? "customer"
      : undefined;
  const kind = lower.includes("refresh")
    ? "refresh"
    : lower.includes("dataaccess")
      ? "data-access"
      : undefined;
  const exp = typeof claims.exp === "number" ? claims.exp : Number(claims.exp);
  const expiresAtMs = Number.isFinite(exp) && exp > 0 ? exp * 1000 : undefined;
  let name: string | undefined;
  for (const key of NAME_CLAIMS) {
    const value = claims[key];
    if (typeof value === "string" && value) {
      name = value;
      break;
    }
  }
  const id = claims.tokenid ?? claims.jti;
  return {
    api,
    kind,
    tokenType,
    name,
    expiresAt: expiresAtMs === undefined ? undefined : new Date(expiresAtMs).toISOString(),
    expiresAtMs,
    expired: expiresAtMs !== undefined && expiresAtMs <= nowMs,
    tokenId: typeof id === "string" ? id : undefined,
  };
}
