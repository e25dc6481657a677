import { normalizeCharges } from "../charges/normalize-charges.js";
import type { CallOptions, OperationContext } from "./context.js";
import { meteringPointsBody, runEnvelopeBatches } from "./envelope-batches.js";
import type { ItemResult } from "./item-result.js";

export type NormalizedChargesResult = ReturnType<typeof normalizeCharges>;

/**
 * Current and future subscriptions, fees and tariffs per metering point, normalised (old and new
 * key names, every periodType spelling). Past prices are not served by the API.
 */
export function getCharges(
  ctx: OperationContext,
  ids: readonly string[],
  options?: CallOptions,
): Promise<ItemResult<NormalizedChargesResult>[]> {
  return runEnvelopeBatches(
    ctx,
    "getCharges",
    ids,
    options,
    (batch, fetchImpl) =>
      ctx.api === "customer"
        ? ctx.customer.POST("/customerapi/api/meteringpoints/meteringpoint/getcharges", {
            body: meteringPointsBody(batch),
            fetch: fetchImpl,
          })
        : ctx.thirdparty.POST("/thirdpartyapi/api/meteringpoint/getcharges", {
            body: meteringPointsBody(batch),
            fetch: fetchImpl,
          }),
    (item) => normalizeCharges(item),
  );
}
