import { resolveDateRange } from "../../time/date-range.js";
import type { LegacyComponents } from "../../types.js";
import type { CallOptions, OperationContext } from "../context.js";
import { meteringPointsBody, runEnvelopeBatches } from "../envelope-batches.js";
import type { ItemResult } from "../item-result.js";
import { requireApi } from "../require-api.js";

export type MeterReadings = LegacyComponents["schemas"]["MeterDataReadingsDto"];

const WITHDRAWN =
  "Meter readings (getmeterreadings) are no longer served: Energinet has withdrawn the endpoint (it is absent from the current API document and the live API answers 404). Use getTimeSeries instead.";

/**
 * LEGACY. Meter readings as served until 2024, typed from spec/legacy. Energinet has withdrawn the
 * endpoint; a 404 becomes ENDPOINT_WITHDRAWN per metering point.
 */
export function getMeterReadings(
  ctx: OperationContext,
  ids: readonly string[],
  period: { from: string | Date; to?: string | Date },
  options?: CallOptions,
): Promise<ItemResult<MeterReadings>[]> {
  requireApi(ctx, "customer", "getMeterReadings");
  const range = resolveDateRange(period, { nowMs: ctx.ports.now(), historyYears: ctx.historyYears });
  return runEnvelopeBatches(
    ctx,
    "getMeterReadings",
    ids,
    options,
    (batch, fetchImpl) =>
      ctx.legacy.POST("/customerapi/api/meterdata/getmeterreadings/{dateFrom}/{dateTo}", {
        params: { path: { dateFrom: range.from, dateTo: range.to } },
        body: meteringPointsBody(batch),
        fetch: fetchImpl,
      }),
    (item) => item.result as MeterReadings,
    { statusCodes: { 404: "ENDPOINT_WITHDRAWN" }, statusMessages: { 404: WITHDRAWN } },
  );
}
