import {
  AGGREGATIONS,
  type Aggregation,
  resolveDateRange,
  validateMeteringPointIds,
} from "@eloverblik-kit/client";
import { isRelativePeriodName, relativePeriod } from "@eloverblik-kit/client/insights";
import { UsageError } from "./exit-codes.js";

/** The ids as given, checked (18 digits each) before any request; repeated ids once. */
export function meteringPointIds(ids: readonly string[]): string[] {
  const split = ids
    .flatMap((id) => id.split(","))
    .map((id) => id.trim())
    .filter((id) => id !== "");
  return validateMeteringPointIds(split);
}

export interface PeriodOptions {
  from?: string;
  to?: string;
  period?: string;
}

/**
 * `--period last-30-days` (any named period of the insights layer) or `--from`/`--to` (Danish
 * dates, `to` exclusive), checked before any request.
 */
export function resolvePeriod(
  o: PeriodOptions,
  nowMs: number,
  fallback?: string,
): { from: string; to: string } {
  if (o.period !== undefined && (o.from !== undefined || o.to !== undefined)) {
    throw new UsageError("Give either --period or --from/--to, not both.");
  }
  if (o.period !== undefined) return relativePeriod(o.period, nowMs);
  if (o.from === undefined) {
    if (o.to !== undefined) throw new UsageError("--to needs --from.");
    if (fallback && isRelativePeriodName(fallback)) return relativePeriod(fallback, nowMs);
    throw new UsageError("Give a period: --period last-30-days, or --from YYYY-MM-DD [--to YYYY-MM-DD].");
  }
  const range = resolveDateRange({ from: o.from, ...(o.to === undefined ? {} : { to: o.to }) }, { nowMs });
  return { from: range.from, to: range.to };
}

export function parseAggregation(value: string | undefined): Aggregation {
  if (value === undefined) return "Hour";
  const match = AGGREGATIONS.find((a) => a.toLowerCase() === value.trim().toLowerCase());
  if (!match) {
    throw new UsageError(
      `--aggregation must be one of ${AGGREGATIONS.join(", ")}; got ${JSON.stringify(value.slice(0, 40))}.`,
    );
  }
  return match;
}
