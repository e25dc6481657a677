import { validateMeteringPointIds } from "../../plan/plan-requests.js";
import { type CallOptions, callApi, type OperationContext } from "../context.js";
import { requireApi } from "../require-api.js";

/** Removes the relation to one metering point (Customer API). Returns the server's boolean. */
export async function deleteRelation(
  ctx: OperationContext,
  meteringPointId: string,
  options?: CallOptions,
): Promise<boolean> {
  const operation = "deleteRelation";
  requireApi(ctx, "customer", operation);
  const [id] = validateMeteringPointIds([meteringPointId]);
  const { data } = await callApi(
    ctx,
    { operation, kind: "data", meteringPointIds: [id!], idempotent: false },
    options,
    { meteringPointId: id },
    (fetchImpl) =>
      ctx.customer.DELETE("/customerapi/api/meteringpoints/meteringpoint/relation/{meteringPointId}", {
        params: { path: { meteringPointId: id! } },
        fetch: fetchImpl,
      }),
  );
  // Typed boolean; read loosely, as a text "true" has been seen too.
  const result: unknown = data?.result;
  return result === true || result === "true";
}
