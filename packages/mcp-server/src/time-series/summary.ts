import {
  localDateOf,
  localDateStartUtc,
  type TimeSeriesGap,
  type TimeSeriesPoint,
} from "@eloverblik-kit/client";
import { localTime, round } from "../format.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** A single point singled out in a summary (the smallest or largest quantity). */
export interface Extreme {
  quantity: number;
  start: string;
  localStart: string;
  resolution: string;
}

export interface PeriodTotal {
  /** Danish local date (YYYY-MM-DD) or month (YYYY-MM). */
  period: string;
  total: number;
  points: number;
  estimated: number;
  missing: number;
}

/** What a language model needs to talk about one series, in a few hundred tokens. */
export interface SeriesSummary {
  meteringPointId: string;
  businessType: string;
  kind: string;
  unit: string;
  resolutions: Array<{ resolution: string; points: number }>;
  total: number;
  points: number;
  expectedPoints: number;
  estimatedPoints: number;
  estimatedShare: number;
  missingPoints: number;
  missingShare: number;
  firstStart: string | null;
  lastEnd: string | null;
  min: Extreme | null;
  max: Extreme | null;
  peakHour: { start: string; localStart: string; quantity: number } | null;
  breakdown: "day" | "month";
  periods: PeriodTotal[];
  notes: string[];
}

const KINDS: Record<string, string> = {
  A04: "consumption",
  A01: "production",
  A64: "profiled consumption",
};

export function kindOf(businessType: string): string {
  return KINDS[businessType] ?? (businessType ? `business type ${businessType}` : "unknown");
}

/** Slots a gap stands for, so that missing data counts in the same unit as points. */
function gapSlots(gap: TimeSeriesGap): number {
  const ms = Date.parse(gap.end) - Date.parse(gap.start);
  if (!(ms > 0)) return 0;
  switch (gap.resolution) {
    case "PT15M":
      return Math.round(ms / 900_000);
    case "PT1H":
      return Math.round(ms / HOUR_MS);
    case "P1D":
      return Math.max(1, Math.round(ms / DAY_MS));
    case "P1M":
      return Math.max(1, Math.round(ms / (30.44 * DAY_MS)));
    default:
      return 1;
  }
}

function isMissing(p: TimeSeriesPoint): boolean {
  return p.quantity === null || p.quality === "A02";
}

/** Groups flat points by business type: a profiled meter can send two series for one id. */
export function splitByBusinessType(points: readonly TimeSeriesPoint[]): Map<string, TimeSeriesPoint[]> {
  const groups = new Map<string, TimeSeriesPoint[]>();
  for (const p of points) {
    let list = groups.get(p.businessType);
    if (!list) {
      list = [];
      groups.set(p.businessType, list);
    }
    list.push(p);
  }
  return groups;
}

export interface SummaryInput {
  meteringPointId: string;
  from: string;
  to: string;
  points: readonly TimeSeriesPoint[];
  gaps: readonly TimeSeriesGap[];
  warnings: readonly string[];
  breakdown: "day" | "month";
}

/** One summary per business type found for the metering point (usually one). */
export function summarize(input: SummaryInput): SeriesSummary[] {
  const groups = splitByBusinessType(input.points);
  if (groups.size === 0) groups.set("", []);
  return [...groups].map(([businessType, points]) => summarizeSeries(input, businessType, points));
}

function summarizeSeries(
  input: SummaryInput,
  businessType: string,
  points: readonly TimeSeriesPoint[],
): SeriesSummary {
  const sorted = [...points].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const resolutions = new Map<string, number>();
  const periods = new Map<string, PeriodTotal>();
  const hours = new Map<number, number>();
  let total = 0;
  let estimated = 0;
  let missing = 0;
  let min: TimeSeriesPoint | undefined;
  let max: TimeSeriesPoint | undefined;
  for (const p of sorted) {
    resolutions.set(p.resolution, (resolutions.get(p.resolution) ?? 0) + 1);
    const startMs = Date.parse(p.start);
    const day = localDateOf(startMs);
    const key = input.breakdown === "day" ? day : day.slice(0, 7);
    let bucket = periods.get(key);
    if (!bucket) {
      bucket = { period: key, total: 0, points: 0, estimated: 0, missing: 0 };
      periods.set(key, bucket);
    }
    bucket.points++;
    if (p.quality === "A03") {
      estimated++;
      bucket.estimated++;
    }
    if (isMissing(p)) {
      missing++;
      bucket.missing++;
      continue;
    }
    const q = p.quantity as number;
    total += q;
    bucket.total += q;
    if (!min || q < (min.quantity as number)) min = p;
    if (!max || q > (max.quantity as number)) max = p;
    // Danish offsets are whole hours, so UTC hour boundaries are local hour boundaries too.
    if (Date.parse(p.end) - startMs <= HOUR_MS) {
      const slot = Math.floor(startMs / HOUR_MS);
      hours.set(slot, (hours.get(slot) ?? 0) + q);
    }
  }

  let missingGapSlots = 0;
  for (const gap of input.gaps) {
    if (gap.meteringPointId === input.meteringPointId) missingGapSlots += gapSlots(gap);
  }
  const missingPoints = missing + missingGapSlots;
  const expectedPoints = sorted.length + missingGapSlots;

  let peakHour: SeriesSummary["peakHour"] = null;
  for (const [slot, quantity] of hours) {
    if (!peakHour || quantity > peakHour.quantity) {
      const start = new Date(slot * HOUR_MS).toISOString();
      peakHour = { start, localStart: localTime(start), quantity };
    }
  }
  if (peakHour) peakHour.quantity = round(peakHour.quantity);

  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const notes: string[] = [];
  if (sorted.length === 0) {
    notes.push(
      "No data for this period. Eloverblik usually lags 1–3 days, and some meters only report daily or monthly.",
    );
  } else if (last && Date.parse(last.end) < localDateStartUtc(input.to)) {
    notes.push(
      `Data ends at ${localTime(last.end)} (Danish time), before the end of the period: the newest days are usually not available yet (1–3 days lag).`,
    );
  }
  if (resolutions.size > 1) {
    notes.push(
      `The resolution changes within the period (${[...resolutions.keys()].join(", ")}); min and max compare points of different lengths.`,
    );
  }
  const warnings = input.warnings.slice(0, 3);
  notes.push(...warnings);
  if (input.warnings.length > warnings.length) {
    notes.push(`${input.warnings.length - warnings.length} more warning(s) from the data not shown.`);
  }

  const extreme = (p: TimeSeriesPoint | undefined): Extreme | null =>
    p
      ? {
          quantity: round(p.quantity as number),
          start: p.start,
          localStart: localTime(p.start),
          resolution: p.resolution,
        }
      : null;

  return {
    meteringPointId: input.meteringPointId,
    businessType,
    kind: kindOf(businessType),
    unit: first?.unit ?? "KWH",
    resolutions: [...resolutions].map(([resolution, n]) => ({ resolution, points: n })),
    total: round(total),
    points: sorted.length,
    expectedPoints,
    estimatedPoints: estimated,
    estimatedShare: expectedPoints === 0 ? 0 : round(estimated / expectedPoints, 4),
    missingPoints,
    missingShare: expectedPoints === 0 ? 0 : round(missingPoints / expectedPoints, 4),
    firstStart: first?.start ?? null,
    lastEnd: last?.end ?? null,
    min: extreme(min),
    max: extreme(max),
    peakHour,
    breakdown: input.breakdown,
    periods: [...periods.values()].map((b) => ({ ...b, total: round(b.total) })),
    notes,
  };
}
