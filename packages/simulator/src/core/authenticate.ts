import type { TokenKind } from "../auth/token-types.js";
import { problem } from "./responses.js";
import type { AuthenticatedToken, RequestContext, RouteResult } from "./types.js";

type Outcome = { ok: true; token: AuthenticatedToken } | { ok: false; result: RouteResult };

function unauthorized(ctx: RequestContext, detail: string, challenge: string): Outcome {
  const result = problem(ctx, 401, detail);
  result.headers = { "www-authenticate": challenge };
  return { ok: false, result };
}

/**
 * Bearer-token rules (reference §2): the token endpoint takes this API's refresh token and answers
 * 403 to a data-access token; data endpoints take this API's data-access token only. Anything
 * missing, malformed, unknown, expired or meant for the other API is 401.
 */
export function authenticate(ctx: RequestContext, need: TokenKind): Outcome {
  const header = ctx.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match === null) return unauthorized(ctx, "The request carries no bearer token.", "Bearer");
  const check = ctx.model.tokenService.verify(match[1] as string);
  if (!check.ok) {
    if (check.reason === "expired") {
      const at = new Date(check.expiresAtMs ?? 0).toISOString();
      return unauthorized(
        ctx,
        `The token expired at ${at}.`,
        `Bearer error="invalid_token", error_description="The token expired at '${at}'"`,
      );
    }
    return unauthorized(ctx, "The bearer token is not valid.", 'Bearer error="invalid_token"');
  }
  if (need === "refresh" && check.kind === "dataAccess") {
    // Any data-access token at /api/token is "a non-refresh token", whichever API issued it.
    return {
      ok: false,
      result: problem(ctx, 403, "A data access token was sent; this endpoint needs a refresh token."),
    };
  }
  if (check.api !== ctx.api) {
    const other = check.api === "customer" ? "Customer" : "Third Party";
    return unauthorized(ctx, `The token belongs to the ${other} API.`, 'Bearer error="invalid_token"');
  }
  if (need === "refresh" && check.kind === "dataAccess") {
    return {
      ok: false,
      result: problem(ctx, 403, "A data access token was sent; this endpoint needs a refresh token."),
    };
  }
  if (need === "dataAccess" && check.kind === "refresh") {
    return unauthorized(
      ctx,
      "A refresh token was sent; exchange it at /api/token and call this endpoint with the data access token.",
      'Bearer error="invalid_token"',
    );
  }
  return { ok: true, token: { api: check.api, claims: check.claims } };
}
