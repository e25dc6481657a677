import type { Breakdown } from "./period-buckets.js";

export type { Breakdown } from "./period-buckets.js";

/** One point singled out in a summary (the smallest or largest quantity). */
export interface SummaryExtreme {
  quantity: number;
  start: string;
  /** Danish wall clock with offset, `2025-10-26 02:00+01:00`. */
  localStart: string;
  resolution: string;
}

/** The figures of one Danish day, month or year. Counts are points of the series' own resolution. */
export interface PeriodTotal {
  /** `2025-03-30`, `2025-03` or `2025`. */
  period: string;
  /** First local date of the period and the one after it. */
  from: string;
  to: string;
  /** Length in hours: 23 or 25 for a day with a clock change, 743 for a March. */
  hours: number;
  /** Sum of the quantities, to 3 decimals. */
  total: number;
  points: number;
  /** Points plus the points that holes between them stand for. */
  expectedPoints: number;
  estimatedPoints: number;
  /** estimatedPoints / expectedPoints (0 without points), unrounded. */
  estimatedShare: number;
  missingPoints: number;
  missingShare: number;
}

/** Facts a surface may want to tell; each surface words them its own way. */
export type SummaryNote =
  | { kind: "no-data" }
  /** The first point starts after the start of the asked period. */
  | { kind: "data-starts-late"; firstStart: string }
  /** The data ends before the end of the asked period (DataHub usually lags 1–3 days). */
  | { kind: "data-ends-early"; lastEnd: string }
  /** The resolution changes within the period: min and max compare points of different lengths. */
  | { kind: "mixed-resolutions"; resolutions: string[] }
  /** Points coarser than an hour: each is A03 as a whole when any part of it was estimated. */
  | { kind: "coarse-quality"; resolution: string }
  /** The breakdown asked for is finer than the points (per day of monthly points). */
  | { kind: "breakdown-coarsened"; requested: Breakdown; used: Breakdown };

/** What a reader needs to talk about one series, in a few hundred tokens. */
export interface SeriesSummary {
  meteringPointId: string;
  /** A04, A01, A64 (or "" without data). */
  businessType: string;
  /** The business type in words: consumption, production, profiled consumption. */
  kind: string;
  unit: string;
  /** Each resolution with its number of points, in time order. */
  resolutions: Array<{ resolution: string; points: number }>;
  total: number;
  points: number;
  expectedPoints: number;
  /** Quality A03. */
  estimatedPoints: number;
  estimatedShare: number;
  /** Quality A02, no quantity, or points that holes between points stand for. */
  missingPoints: number;
  missingShare: number;
  /** Quality A05 (counted in the total). */
  incompletePoints: number;
  firstStart: string | null;
  lastEnd: string | null;
  min: SummaryExtreme | null;
  max: SummaryExtreme | null;
  /** The clock hour with the highest total, from points of an hour or less. */
  peakHour: { start: string; localStart: string; quantity: number } | null;
  breakdown: Breakdown;
  periods: PeriodTotal[];
  notes: SummaryNote[];
}
