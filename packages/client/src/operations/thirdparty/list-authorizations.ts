import type { Authorization } from "../../types.js";
import { type CallOptions, callApi, type OperationContext } from "../context.js";
import { requireApi } from "../require-api.js";

/** The third party's active authorizations (Third Party API). */
export async function listAuthorizations(
  ctx: OperationContext,
  options?: CallOptions,
): Promise<Authorization[]> {
  requireApi(ctx, "thirdparty", "listAuthorizations");
  const { data } = await callApi(
    ctx,
    { operation: "listAuthorizations", kind: "data" },
    options,
    {},
    (fetchImpl) =>
      ctx.thirdparty.GET("/thirdpartyapi/api/authorization/authorizations", { fetch: fetchImpl }),
  );
  return Array.isArray(data?.result) ? data.result : [];
}
