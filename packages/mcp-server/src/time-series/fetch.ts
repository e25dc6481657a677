import {
  type Aggregation,
  addLocalDays,
  type CallOptions,
  EloverblikError,
  isValidLocalDate,
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
 * series. Failed ids become failures; ids whose data arrived in part keep that part.
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
  refuseFromToday(input.from, ctx.now());
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

/**
 * `from` today or later can never work: `to` may be today at most and is exclusive. The client's
 * own message for from = to suggests to = tomorrow, which is refused in turn, so say plainly
 * which period to ask for instead.
 */
function refuseFromToday(from: string, nowMs: number): void {
  const today = todayInDenmark(nowMs);
  if (typeof from !== "string" || !isValidLocalDate(from) || from < today) return;
  const yesterday = addLocalDays(today, -1);
  throw new EloverblikError({
    code: "INVALID_INPUT",
    message: `\`from\` (${from}) is ${from === today ? "today" : "after today"} in Denmark; data exists up to and including yesterday at the latest, so no period can start there. For yesterday use from ${yesterday} and to ${today}; Eloverblik usually lags 1–3 days, so a few days earlier is safer.`,
    period: { from, to: today },
  });
}

/** Today in Denmark: the latest `to` the API accepts, i.e. data up to and including yesterday. */
export function defaultTo(ctx: ServerContext): string {
  return todayInDenmark(ctx.now());
}
