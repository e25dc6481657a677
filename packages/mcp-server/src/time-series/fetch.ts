import {
  type Aggregation,
  type CallOptions,
  type ResolvedDateRange,
  resolveDateRange,
  type TimeSeriesData,
  todayInDenmark,
} from "@eloverblik-kit/client";
import type { ServerContext } from "../context.js";
import type { Failure } from "../errors.js";
import { checkIds, failureFor } from "../tools/shared.js";
import { RecentTimeSeries } from "./recent-results.js";

const caches = new WeakMap<ServerContext, RecentTimeSeries>();

function recent(ctx: ServerContext): RecentTimeSeries {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new RecentTimeSeries();
    caches.set(ctx, cache);
  }
  return cache;
}

export interface FetchedSeries {
  meteringPointId: string;
  data: TimeSeriesData;
  /** True when some periods failed and only part of the data arrived. */
  partial: boolean;
}

/**
 * Validates the request with the client's own rules (ids, dates, range) and fetches the time
 * series. Failed ids become failures; ids whose data arrived in part keep that part. A refused
 * range (a `from` of today, a `to` after today) carries a period the client accepts, which
 * the error text offers (see `describeError`).
 */
export async function fetchSeries(
  ctx: ServerContext,
  input: {
    ids: readonly string[];
    from: string;
    to?: string | undefined;
    aggregation: Aggregation;
    /** The tool call's signal and progress listener. */
    options?: CallOptions | undefined;
  },
): Promise<{ range: ResolvedDateRange; series: FetchedSeries[]; failures: Failure[] }> {
  const ids = checkIds(input.ids);
  const range = resolveDateRange(
    { from: input.from, ...(input.to === undefined ? {} : { to: input.to }) },
    { nowMs: ctx.now() },
  );
  const key = `${ids.join(",")}|${range.from}|${range.to}|${input.aggregation}`;
  let results = recent(ctx).get(key, ctx.now());
  if (!results) {
    results = await ctx.client().getTimeSeries(ids, {
      from: range.from,
      to: range.to,
      aggregation: input.aggregation,
      ...input.options,
    });
    recent(ctx).set(key, results, ctx.now());
  }
  const series: FetchedSeries[] = [];
  const failures: Failure[] = [];
  for (const r of results) {
    if (r.ok) series.push({ meteringPointId: r.id, data: r.data, partial: false });
    else {
      for (const e of r.errors ?? [r.error]) failures.push(failureFor(ctx, r.id, e));
      if (r.partial) series.push({ meteringPointId: r.id, data: r.partial, partial: true });
    }
  }
  return { range, series, failures };
}

/** Today in Denmark: the latest `to` the API accepts, i.e. data up to and including yesterday. */
export function defaultTo(ctx: ServerContext): string {
  return todayInDenmark(ctx.now());
}
