import { EloverblikError } from "../errors/eloverblik-error.js";
import { errorFromItem } from "../errors/from-response.js";
import { planDataRequests, validateMeteringPointIds } from "../plan/plan-requests.js";
import { type ResolvedDateRange, resolveDateRange } from "../time/date-range.js";
import type { Aggregation, TimeSeriesDocument } from "../types.js";
import { type CallOptions, callApi, forMeteringPoint, type OperationContext } from "./context.js";
import { meteringPointsBody } from "./envelope-batches.js";
import { accessErrorContext, settleWithSplit } from "./split-on-denied.js";
import { validateAggregation } from "./validate-aggregation.js";

export interface TimeSeriesQuery extends CallOptions {
  /** First Danish local day (YYYY-MM-DD or a Date, read in Danish time). */
  from: string | Date;
  /** Day after the last one (exclusive). Defaults to the day after `from`. */
  to?: string | Date;
  /** Defaults to `Actual`, the meter's native resolution. */
  aggregation?: Aggregation;
}

/** The raw wire items that answered one metering point, one per period chunk, in time order. */
export interface RawTimeSeriesChunks {
  meteringPointId: string;
  range: ResolvedDateRange;
  aggregation: Aggregation;
  items: Array<{ period: { from: string; to: string }; item: Record<string, unknown> }>;
  errors: EloverblikError[];
  correlationIds: string[];
}

/**
 * Validates the query, plans ceil(N/10) × ceil(D/730) calls, runs them through the session and
 * groups the answers per metering point, keeping every chunk failure with its period.
 */
export async function fetchTimeSeriesChunks(
  ctx: OperationContext,
  ids: readonly string[],
  query: TimeSeriesQuery,
): Promise<RawTimeSeriesChunks[]> {
  const operation = "getTimeSeries";
  const valid = validateMeteringPointIds(ids);
  if (query === null || typeof query !== "object") {
    throw new EloverblikError({
      code: "INVALID_INPUT",
      message: "getTimeSeries needs a period: { from, to?, aggregation? }.",
    });
  }
  // Only a missing aggregation means the default; null or "" is a mistake worth naming.
  const aggregation = query.aggregation === undefined ? "Actual" : validateAggregation(query.aggregation);
  const range = resolveDateRange(
    { from: query.from, ...(query.to === undefined ? {} : { to: query.to }) },
    { nowMs: ctx.ports.now(), historyYears: ctx.historyYears },
  );
  const plan = planDataRequests(valid, range, { batchSize: ctx.batchSize, maxDays: ctx.maxDays });
  const groups = new Map<string, RawTimeSeriesChunks>();
  for (const id of valid) {
    groups.set(id, { meteringPointId: id, range, aggregation, items: [], errors: [], correlationIds: [] });
  }
  const denied = accessErrorContext(ctx);
  const settled = await Promise.all(
    plan.map(async (entry) => {
      const period = { from: entry.from, to: entry.to };
      const call = (ids: string[]) =>
        callApi<{ result?: Array<Record<string, unknown>> | null }>(
          ctx,
          { operation, kind: "data", meteringPointIds: ids, period },
          query,
          ids.length === 1 ? { ...denied, meteringPointId: ids[0], period } : { ...denied, period },
          (fetchImpl) => {
            const params = { path: { dateFrom: entry.from, dateTo: entry.to, aggregation } };
            const body = meteringPointsBody(ids);
            return ctx.api === "customer"
              ? ctx.customer.POST(
                  "/customerapi/api/meterdata/gettimeseries/{dateFrom}/{dateTo}/{aggregation}",
                  {
                    params,
                    body,
                    fetch: fetchImpl,
                  },
                )
              : ctx.thirdparty.POST(
                  "/thirdpartyapi/api/meterdata/gettimeseries/{dateFrom}/{dateTo}/{aggregation}",
                  {
                    params,
                    body,
                    fetch: fetchImpl,
                  },
                );
          },
        );
      return (await settleWithSplit(ctx, entry.ids, call)).map((outcome) => ({ ...outcome, period }));
    }),
  );
  // `plan` is ordered by id chunk then period, so pushing in plan order keeps each id's chunks in time order.
  for (const outcome of settled.flat()) {
    const { ids: entryIds, period } = outcome;
    if ("error" in outcome) {
      for (const id of entryIds)
        groups.get(id)!.errors.push(forMeteringPoint(outcome.error, id, operation, period));
      continue;
    }
    const { data, correlationId } = outcome.result;
    const items = Array.isArray(data?.result) ? data.result : [];
    for (const id of entryIds) {
      const group = groups.get(id)!;
      if (correlationId) group.correlationIds.push(correlationId);
      const item =
        items.find((i) => i && i.id === id) ??
        (entryIds.length === 1 && items.length === 1 ? items[0] : undefined);
      if (!item) {
        group.errors.push(
          new EloverblikError({
            code: "UNEXPECTED_RESPONSE",
            message: `Eloverblik's time-series answer had no item for metering point ${id}, period ${period.from} to ${period.to}.`,
            meteringPointId: id,
            period,
            operation,
            correlationId,
          }),
        );
      } else if (item.success === false || (item.errorCode != null && Number(item.errorCode) !== 10000)) {
        group.errors.push(errorFromItem(item, { operation, meteringPointId: id, period }, correlationId));
      } else {
        group.items.push({ period, item });
      }
    }
  }
  return valid.map((id) => groups.get(id)!);
}

export function documentsOf(chunks: RawTimeSeriesChunks): TimeSeriesDocument[] {
  return chunks.items
    .map(({ item }) => item.MyEnergyData_MarketDocument as TimeSeriesDocument | undefined)
    .filter((doc): doc is TimeSeriesDocument => doc != null);
}
