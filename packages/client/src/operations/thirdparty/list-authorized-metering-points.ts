import type { AuthorizationScope, ThirdPartyMeteringPoint } from "../../types.js";
import { type CallOptions, callApi, type OperationContext } from "../context.js";
import { requireApi } from "../require-api.js";
import { validateScope } from "./validate-scope.js";

/** Metering points covered by an authorization, a customer CVR or a customer key (Third Party API). */
export async function listAuthorizedMeteringPoints(
  ctx: OperationContext,
  scope: AuthorizationScope,
  identifier: string,
  options?: CallOptions,
): Promise<ThirdPartyMeteringPoint[]> {
  const operation = "listAuthorizedMeteringPoints";
  requireApi(ctx, "thirdparty", operation);
  const s = validateScope(scope, identifier, operation);
  const { data } = await callApi(ctx, { operation, kind: "data" }, options, {}, (fetchImpl) =>
    ctx.thirdparty.GET("/thirdpartyapi/api/authorization/authorization/meteringpoints/{scope}/{identifier}", {
      params: { path: { scope: s, identifier: identifier.trim() } },
      fetch: fetchImpl,
    }),
  );
  return Array.isArray(data?.result) ? data.result : [];
}
