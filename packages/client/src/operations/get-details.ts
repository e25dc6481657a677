import type { MeteringPointDetails, ThirdPartyMeteringPointDetails } from "../types.js";
import type { CallOptions, OperationContext } from "./context.js";
import { meteringPointsBody, runEnvelopeBatches } from "./envelope-batches.js";
import type { ItemResult } from "./item-result.js";

export type MeteringPointDetailsResult = MeteringPointDetails | ThirdPartyMeteringPointDetails;

/** Master data per metering point, in batches of 10, one result per id in the order asked. */
export function getDetails(
  ctx: OperationContext,
  ids: readonly string[],
  options?: CallOptions,
): Promise<ItemResult<MeteringPointDetailsResult>[]> {
  return runEnvelopeBatches(
    ctx,
    "getDetails",
    ids,
    options,
    (batch, fetchImpl) =>
      ctx.api === "customer"
        ? ctx.customer.POST("/customerapi/api/meteringpoints/meteringpoint/getdetails", {
            body: meteringPointsBody(batch),
            fetch: fetchImpl,
          })
        : ctx.thirdparty.POST("/thirdpartyapi/api/meteringpoint/getdetails", {
            body: meteringPointsBody(batch),
            fetch: fetchImpl,
          }),
    (item) => item.result as MeteringPointDetailsResult,
  );
}
