import type { AuthorizationScope } from "../../types.js";
import { type CallOptions, callApi, type OperationContext } from "../context.js";
import { requireApi } from "../require-api.js";
import { validateScope } from "./validate-scope.js";

/** Only the ids of the authorized metering points: cheaper than the full list for large customers. */
export async function listAuthorizedMeteringPointIds(
  ctx: OperationContext,
  scope: AuthorizationScope,
  identifier: string,
  options?: CallOptions,
): Promise<string[]> {
  const operation = "listAuthorizedMeteringPointIds";
  requireApi(ctx, "thirdparty", operation);
  const s = validateScope(scope, identifier, operation);
  const { data } = await callApi(ctx, { operation, kind: "data" }, options, {}, (fetchImpl) =>
    ctx.thirdparty.GET(
      "/thirdpartyapi/api/authorization/authorization/meteringpointids/{scope}/{identifier}",
      {
        params: { path: { scope: s, identifier: identifier.trim() } },
        fetch: fetchImpl,
      },
    ),
  );
  return Array.isArray(data?.result) ? data.result.filter((id) => typeof id === "string") : [];
}
