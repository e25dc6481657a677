import { AGGREGATIONS } from "../core/aggregations.js";
import { businessError } from "../core/responses.js";
import type { RouteResult } from "../core/types.js";
import { daysBetween, isValidLocalDate } from "../time/calendar.js";
import { todayInDenmark } from "../time/copenhagen.js";
import type * as Wire from "../wire.js";
import type { Parsed } from "./metering-points.js";

/** "maximum period of 730 days at a time" (SPEC-C; EDDIE `MAX_REQUEST_PERIOD`). */
export const MAX_PERIOD_DAYS = 730;
/** "the previous 5 years + current year" (SPEC-C/T). */
export const HISTORY_YEARS = 5;

/** First date that can still be asked for: 1 January five years before the current year. */
export function oldestServedDate(nowMs: number): string {
  return `${Number(todayInDenmark(nowMs).slice(0, 4)) - HISTORY_YEARS}-01-01`;
}

/**
 * The date rules of the time-series endpoints, in the order the checks make sense: format (30004),
 * equal dates (30002, live text from HA #109), reversed (30001), in the future (30000 / 30003),
 * then the simulator's choices for the two limits without a documented code: longer than 730
 * days (30012 RequestToHuge) and older than the history (30005 InvalidRequestParameters).
 */
export function validatePeriod(from: string, to: string, nowMs: number): RouteResult | undefined {
  if (!isValidLocalDate(from) || !isValidLocalDate(to)) {
    return businessError(30004, "Invalid date format, dates must be given as YYYY-MM-DD.");
  }
  if (from === to) return businessError(30002, "Period not allowed, ToDate is equal to FromDate.");
  if (from > to) return businessError(30001, "Period not allowed, FromDate is after ToDate.");
  const today = todayInDenmark(nowMs);
  if (from > today) return businessError(30000, "Period not allowed, FromDate is after today.");
  if (to > today) return businessError(30003, "Period not allowed, ToDate is after today.");
  if (daysBetween(from, to) > MAX_PERIOD_DAYS) {
    return businessError(
      30012,
      `Period not allowed, at most ${MAX_PERIOD_DAYS} days can be requested at a time.`,
    );
  }
  const oldest = oldestServedDate(nowMs);
  if (from < oldest) {
    return businessError(30005, `Period not allowed, time series are only kept from ${oldest} onwards.`);
  }
  return undefined;
}

/** Aggregation names bind case-insensitively, as ASP.NET enum binding does; anything else is 30008. */
export function parseAggregation(value: string): Parsed<Wire.Aggregation> {
  const found = AGGREGATIONS.find((a) => a.toLowerCase() === value.toLowerCase());
  if (found !== undefined) return { ok: true, value: found };
  return {
    ok: false,
    result: businessError(
      30008,
      `Aggregation ${JSON.stringify(value)} is not available, use Actual, Quarter, Hour, Day, Month or Year.`,
    ),
  };
}
