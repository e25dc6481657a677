import type { MeteringPoint } from "../../types.js";
import { type CallOptions, callApi, type OperationContext } from "../context.js";
import { requireApi } from "../require-api.js";

export interface ListMeteringPointsOptions extends CallOptions {
  /** Also list metering points registered to your CPR/CVR that you have no relation to yet. */
  includeAll?: boolean;
}

/** The metering points linked to the token's user (Customer API). */
export async function listMeteringPoints(
  ctx: OperationContext,
  options: ListMeteringPointsOptions = {},
): Promise<MeteringPoint[]> {
  requireApi(ctx, "customer", "listMeteringPoints");
  const { data } = await callApi(
    ctx,
    { operation: "listMeteringPoints", kind: "data" },
    options,
    {},
    (fetchImpl) =>
      ctx.customer.GET("/customerapi/api/meteringpoints/meteringpoints", {
        params: { query: { includeAll: options.includeAll ?? false } },
        fetch: fetchImpl,
      }),
  );
  return Array.isArray(data?.result) ? data.result : [];
}
