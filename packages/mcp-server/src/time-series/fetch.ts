import {
  type Aggregation,
  type ResolvedDateRange,
  resolveDateRange,
  type TimeSeriesData,
  todayInDenmark,
} from "@eloverblik-kit/client";
import type { ServerContext } from "../context.js";
import { type Failure, failureOf } from "../errors.js";
import { checkIds } from "../tools/shared.js";

export interface FetchedSeries {
  meteringPointId: string;
  data: TimeSeriesData;
  /** True when some periods failed and only part of the data arrived. */
  partial: boolean;
}

/**
 * Validates the request with the client's own rules (ids, dates, range) and fetches the time
 * series. Failed ids become failures; ids whose data arrived in part keep that part.
 */
export async function fetchSeries(
  ctx: ServerContext,
  input: { ids: readonly string[]; from: string; to?: string | undefined; aggregation: Aggregation },
): Promise<{ range: ResolvedDateRange; series: FetchedSeries[]; failures: Failure[] }> {
  const ids = checkIds(input.ids);
  const range = resolveDateRange(
    { from: input.from, ...(input.to === undefined ? {} : { to: input.to }) },
    { nowMs: ctx.now() },
  );
  const results = await ctx.client().getTimeSeries(ids, {
    from: range.from,
    to: range.to,
    aggregation: input.aggregation,
  });
  const series: FetchedSeries[] = [];
  const failures: Failure[] = [];
  for (const r of results) {
    if (r.ok) series.push({ meteringPointId: r.id, data: r.data, partial: false });
    else {
      for (const e of r.errors ?? [r.error]) failures.push(failureOf(r.id, e, ctx.secrets));
      if (r.partial) series.push({ meteringPointId: r.id, data: r.partial, partial: true });
    }
  }
  return { range, series, failures };
}

/** Today in Denmark: the latest `to` the API accepts, i.e. data up to and including yesterday. */
export function defaultTo(ctx: ServerContext): string {
  return todayInDenmark(ctx.now());
}
