import { addLocalDays, type CallOptions } from "@eloverblik-kit/client";
import { summarizeTimeSeries } from "@eloverblik-kit/client/insights";
import type { ServerContext } from "../context.js";
import { fetchSeries } from "./fetch.js";

/** How far before a period without data the tools look for the latest day that has some. */
export const LOOKBACK_DAYS = 31;

/**
 * The latest Danish day with data in the LOOKBACK_DAYS before `from`, per metering point (null
 * where there is none): one request of daily totals for all of them. A courtesy for the text of
 * a period without data, so a failure only leaves the answer out.
 */
export async function latestDaysWithData(
  ctx: ServerContext,
  ids: readonly string[],
  from: string,
  options: CallOptions | undefined,
): Promise<Map<string, string | null>> {
  const latest = new Map<string, string | null>();
  if (ids.length === 0) return latest;
  try {
    const { series } = await fetchSeries(ctx, {
      ids,
      from: addLocalDays(from, -LOOKBACK_DAYS),
      to: from,
      aggregation: "Day",
      options,
    });
    for (const s of series) {
      if (s.partial) continue;
      const days = summarizeTimeSeries(s.data, { breakdown: "day" }).flatMap((summary) =>
        summary.periods.filter((p) => p.points > p.missingPoints).map((p) => p.period),
      );
      latest.set(s.meteringPointId, days.sort().at(-1) ?? null);
    }
  } catch (error) {
    if (options?.signal?.aborted) throw error;
  }
  return latest;
}

/** The sentence for a period without data: where the latest data is, or that there is none near. */
export function latestDataText(from: string, latest: string | null | undefined): string | undefined {
  if (latest === undefined) return undefined;
  if (latest === null) return `There is no data in the ${LOOKBACK_DAYS} days before ${from} either.`;
  return `The latest day with data is ${latest} (from ${latest} to ${addLocalDays(latest, 1)}).`;
}
