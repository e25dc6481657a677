import type { CallOptions, OperationContext } from "../context.js";
import { meteringPointsBody, runEnvelopeBatches } from "../envelope-batches.js";
import type { ItemResult } from "../item-result.js";
import { requireApi } from "../require-api.js";

/**
 * Links metering points registered to the token owner's CPR/CVR (Customer API). For private users
 * DataHub must have the owner's consent and the name in the token must match.
 */
export function addRelations(
  ctx: OperationContext,
  ids: readonly string[],
  options?: CallOptions,
): Promise<ItemResult<string>[]> {
  requireApi(ctx, "customer", "addRelations");
  return runEnvelopeBatches(
    ctx,
    "addRelations",
    ids,
    options,
    (batch, fetchImpl) =>
      ctx.customer.POST("/customerapi/api/meteringpoints/meteringpoint/relation/add", {
        body: meteringPointsBody(batch),
        fetch: fetchImpl,
      }),
    (item) => (typeof item.result === "string" ? item.result : ""),
    {},
    { idempotent: false },
  );
}
