// Danish calendar buckets (day, month, year) for breakdowns: keys, bounds and lengths. Internal.
import { addLocalDays, addLocalMonths, addLocalYears, localDateStartUtc } from "../time/danish-time.js";
import { resolveResolution } from "../time-series/resolution.js";

const HOUR_MS = 3_600_000;

export type Breakdown = "day" | "month" | "year";

const RANK: Readonly<Record<Breakdown, number>> = { day: 0, month: 1, year: 2 };

export function coarser(a: Breakdown, b: Breakdown): Breakdown {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The finest breakdown a resolution fits in: a monthly point cannot be split into days. */
export function breakdownFloor(resolution: string): Breakdown {
  const kind = resolveResolution(resolution)?.kind;
  return kind === "month" ? "month" : kind === "year" ? "year" : "day";
}

/** `2025-03-30` → `2025-03-30`, `2025-03` or `2025`. */
export function bucketKey(localDate: string, breakdown: Breakdown): string {
  return breakdown === "day"
    ? localDate
    : breakdown === "month"
      ? localDate.slice(0, 7)
      : localDate.slice(0, 4);
}

export interface BucketBounds {
  /** First local date of the bucket. */
  from: string;
  /** First local date after it. */
  to: string;
  startMs: number;
  endMs: number;
  hours: number;
}

export function bucketBounds(key: string, breakdown: Breakdown): BucketBounds {
  const from = breakdown === "day" ? key : breakdown === "month" ? `${key}-01` : `${key}-01-01`;
  const to =
    breakdown === "day"
      ? addLocalDays(from, 1)
      : breakdown === "month"
        ? addLocalMonths(from, 1)
        : addLocalYears(from, 1);
  const startMs = localDateStartUtc(from);
  const endMs = localDateStartUtc(to);
  return { from, to, startMs, endMs, hours: (endMs - startMs) / HOUR_MS };
}
