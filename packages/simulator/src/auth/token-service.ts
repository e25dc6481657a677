import type { RandomStream } from "../model/prng.js";
import { signJwt, verifyJwt } from "./jwt.js";
import {
  type ApiKind,
  classifyTokenType,
  DATA_ACCESS_TOKEN_LIFETIME_MS,
  REFRESH_TOKEN_LIFETIME_MS,
  TOKEN_TYPES,
  type TokenKind,
} from "./token-types.js";

export interface IssueOptions {
  api: ApiKind;
  kind: TokenKind;
  /** Lifetime from the clock's now; negative gives an already expired token. */
  expiresInMs?: number;
  tokenName?: string;
}

export interface IssuedToken {
  token: string;
  api: ApiKind;
  kind: TokenKind;
  tokenId: string;
  issuedAtMs: number;
  expiresAtMs: number;
}

/** How many issued tokens a simulator remembers; a long-running server must not grow without bound. */
export const ISSUED_TOKEN_LIMIT = 1_000;

/**
 * Trims a list of issued tokens (oldest first) in place to at most `limit`: expired tokens go first,
 * then the oldest. Checking a token never needs the list (it is stateless), so nothing is lost.
 */
export function trimIssuedTokens(list: IssuedToken[], nowMs: number, limit = ISSUED_TOKEN_LIMIT): void {
  if (list.length <= limit) return;
  let kept = 0;
  for (const token of list) if (token.expiresAtMs > nowMs) list[kept++] = token;
  list.length = kept;
  if (list.length > limit) list.splice(0, list.length - limit);
}

export type TokenCheck =
  | { ok: true; api: ApiKind; kind: TokenKind; claims: Record<string, unknown>; expiresAtMs: number }
  | { ok: false; reason: "malformed" | "signature" | "unknownType" | "expired"; expiresAtMs?: number };

/**
 * Mints and checks JWT-shaped tokens. Checking is stateless (signature + `exp` + `tokenType`), as a
 * real JWT service's would be, so a token survives a simulator restart with the same seed; a
 * token signed under another seed or secret is "unknown".
 */
export class TokenService {
  constructor(
    private readonly secret: Uint8Array,
    private readonly clock: () => number,
    private readonly random: RandomStream,
    private readonly identityClaims: Record<ApiKind, Record<string, unknown>>,
  ) {}

  issue(options: IssueOptions): IssuedToken {
    const now = this.clock();
    const lifetime =
      options.expiresInMs ??
      (options.kind === "refresh" ? REFRESH_TOKEN_LIFETIME_MS : DATA_ACCESS_TOKEN_LIFETIME_MS);
    const tokenId = this.random.uuid();
    const iat = Math.floor(now / 1000);
    const exp = Math.floor((now + lifetime) / 1000);
    const claims = {
      tokenType: TOKEN_TYPES[options.api][options.kind],
      tokenName: options.tokenName ?? (options.kind === "refresh" ? "eloverblik-simulator" : undefined),
      tokenid: tokenId,
      jti: tokenId,
      ...this.identityClaims[options.api],
      iss: "Energinet",
      aud: "Energinet",
      iat,
      nbf: iat,
      exp,
    };
    return {
      token: signJwt(claims, this.secret),
      api: options.api,
      kind: options.kind,
      tokenId,
      issuedAtMs: iat * 1000,
      expiresAtMs: exp * 1000,
    };
  }

  verify(token: string): TokenCheck {
    const checked = verifyJwt(token, this.secret);
    if (!checked.ok) return checked;
    const type = classifyTokenType(checked.claims.tokenType);
    if (type === undefined) return { ok: false, reason: "unknownType" };
    const exp = checked.claims.exp;
    const expiresAtMs = typeof exp === "number" ? exp * 1000 : Number.NaN;
    if (!(expiresAtMs > this.clock())) return { ok: false, reason: "expired", expiresAtMs };
    return { ok: true, ...type, claims: checked.claims, expiresAtMs };
  }
}
