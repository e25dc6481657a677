import { json } from "../core/responses.js";
import type { RequestContext, RouteResult } from "../core/types.js";

/** A bare JSON `true`, not wrapped in `result` (SPEC-C/T). */
export function isAlive(): RouteResult {
  return json(true);
}

/** `{"result":"<data access token>"}`, a StringApiResponse; the token lives 24 hours. */
export function getToken(ctx: RequestContext): RouteResult {
  const tokenName = ctx.token?.claims.tokenName;
  const issued = ctx.model.issueToken({
    api: ctx.api,
    kind: "dataAccess",
    ...(typeof tokenName === "string" ? { tokenName } : {}),
  });
  return json({ result: issued.token });
}
