import { readEnvelopeItem } from "../envelope/envelope.js";
import { EloverblikError } from "../errors/eloverblik-error.js";
import { planDataRequests, validateMeteringPointIds } from "../plan/plan-requests.js";
import { type ResolvedDateRange, resolveDateRange } from "../time/date-range.js";
import type { Aggregation, TimeSeriesDocument } from "../types.js";
import { type CallOptions, callApi, forMeteringPoint, type OperationContext } from "./context.js";
import { meteringPointsBody } from "./envelope-batches.js";
import { accessErrorContext, settleWithSplit } from "./split-on-denied.js";
import { accessWindows, clipToWindows } from "./thirdparty/access-windows.js";
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
  type Period = { from: string; to: string };
  const request = (period: Period, ids: string[]) =>
    callApi(
      ctx,
      { operation, kind: "data", meteringPointIds: ids, period },
      query,
      ids.length === 1 ? { ...denied, meteringPointId: ids[0], period } : { ...denied, period },
      (fetchImpl) => {
        const params = { path: { dateFrom: period.from, dateTo: period.to, aggregation } };
        const body = meteringPointsBody(ids);
        return ctx.api === "customer"
          ? ctx.customer.POST("/customerapi/api/meterdata/gettimeseries/{dateFrom}/{dateTo}/{aggregation}", {
              params,
              body,
              fetch: fetchImpl,
            })
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
  const fetchPeriod = async (period: Period, ids: string[]) =>
    (await settleWithSplit(ctx, ids, (batch) => request(period, batch))).map((outcome) => ({
      ...outcome,
      period,
    }));
  /** Files each outcome under its ids; returns the (id, period) pairs Eloverblik refused with 30010. */
  const file = (outcomes: Awaited<ReturnType<typeof fetchPeriod>>): Array<{ id: string; period: Period }> => {
    const uncovered: Array<{ id: string; period: Period }> = [];
    for (const outcome of outcomes) {
      const { ids: entryIds, period } = outcome;
      if ("error" in outcome) {
        for (const id of entryIds)
          groups.get(id)!.errors.push(forMeteringPoint(outcome.error, id, operation, period));
        continue;
      }
      const { data, correlationId } = outcome.result;
      const items = data?.result;
      for (const id of entryIds) {
        const group = groups.get(id)!;
        if (correlationId) group.correlationIds.push(correlationId);
        const read = readEnvelopeItem(items, id, entryIds.length, { operation, period, correlationId });
        if (read.ok) group.items.push({ period, item: read.item as Record<string, unknown> });
        else if (ctx.api === "thirdparty" && read.error.apiCode === DATE_NOT_COVERED)
          uncovered.push({ id, period });
        else group.errors.push(read.error);
      }
    }
    return uncovered;
  };
  let finished = 0;
  const settled = await Promise.all(
    plan.map(async (entry) => {
      const outcomes = await fetchPeriod({ from: entry.from, to: entry.to }, entry.ids);
      finished++;
      ctx.session.report(
        {
          type: "chunk",
          operation,
          index: finished,
          total: plan.length,
          ok: outcomes.every((o) => !("error" in o)),
        },
        query,
      );
      return outcomes;
    }),
  );
  // `plan` is ordered by id chunk then period, so filing in plan order keeps each id's chunks in time order.
  const uncovered = file(settled.flat());
  if (uncovered.length > 0) {
    // A chunk that reaches outside a Third Party access window fails as a whole (30010): ask again
    // for the part the authorizations cover, and report the rest as not authorized, by period.
    await clipUncovered(ctx, query, uncovered, groups, async (period, id) => {
      const again = file(await fetchPeriod(period, [id]));
      for (const left of again) groups.get(left.id)!.errors.push(notCovered(left.id, left.period, undefined));
    });
    for (const group of groups.values()) {
      group.items.sort((a, b) => compareDates(a.period.from, b.period.from));
      group.errors.sort((a, b) => compareDates(a.period?.from ?? "", b.period?.from ?? ""));
    }
  }
  return valid.map((id) => groups.get(id)!);
}

/** Eloverblik's DateNotCoveredByAuthorization: the period reaches outside the access window. */
const DATE_NOT_COVERED = 30010;

const compareDates = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function notCovered(
  id: string,
  period: { from: string; to: string },
  windows: readonly { from: string; to: string }[] | undefined,
): EloverblikError {
  const listed = windows?.map((w) => `${w.from} to ${w.to}`).join(", ");
  const known =
    windows !== undefined && windows.length === 0
      ? " The active authorizations do not list it."
      : listed
        ? ` It is authorized for ${listed} (to exclusive); that part was fetched.`
        : "";
  return new EloverblikError({
    code: "FORBIDDEN",
    message: `No active authorization covers metering point ${id} from ${period.from} to ${period.to} (to exclusive), so Eloverblik gives no data for that period (30010 DateNotCoveredByAuthorization).${known}`,
    status: 200,
    apiCode: DATE_NOT_COVERED,
    apiCodeName: "DateNotCoveredByAuthorization",
    meteringPointId: id,
    period,
    operation: "getTimeSeries",
  });
}

/** Refetches the covered part of every refused (id, period) and names the uncovered rest. */
async function clipUncovered(
  ctx: OperationContext,
  options: CallOptions,
  uncovered: Array<{ id: string; period: { from: string; to: string } }>,
  groups: Map<string, RawTimeSeriesChunks>,
  refetch: (period: { from: string; to: string }, id: string) => Promise<void>,
): Promise<void> {
  let windows: Map<string, Array<{ from: string; to: string }>>;
  try {
    windows = await accessWindows(ctx, options);
  } catch (error) {
    // Without the windows the refusal stands as it is, for each id and period.
    for (const { id, period } of uncovered) {
      groups.get(id)!.errors.push(forMeteringPoint(error, id, "getTimeSeries", period));
      groups.get(id)!.errors.push(notCovered(id, period, undefined));
    }
    return;
  }
  const outsideById = new Map<string, Array<{ from: string; to: string }>>();
  const refetches: Array<Promise<void>> = [];
  for (const { id, period } of uncovered) {
    const own = windows.get(id) ?? [];
    const { inside, outside } = clipToWindows(period, own);
    // The whole period is inside a window and still refused: nothing to clip, report it.
    if (outside.length === 0) {
      groups.get(id)!.errors.push(notCovered(id, period, undefined));
      continue;
    }
    outsideById.set(id, [...(outsideById.get(id) ?? []), ...outside]);
    for (const part of inside) refetches.push(refetch(part, id));
  }
  // Adjacent uncovered parts of one id (from neighbouring chunks) are reported as one period.
  for (const [id, parts] of outsideById) {
    parts.sort((x, y) => compareDates(x.from, y.from));
    const merged: Array<{ from: string; to: string }> = [];
    for (const part of parts) {
      const last = merged[merged.length - 1];
      if (last && last.to === part.from) last.to = part.to;
      else merged.push({ ...part });
    }
    for (const part of merged) groups.get(id)!.errors.push(notCovered(id, part, windows.get(id) ?? []));
  }
  await Promise.all(refetches);
}

export function documentsOf(chunks: RawTimeSeriesChunks): TimeSeriesDocument[] {
  return chunks.items
    .map(({ item }) => item.MyEnergyData_MarketDocument as TimeSeriesDocument | undefined)
    .filter((doc): doc is TimeSeriesDocument => doc != null);
}
