import { daysBetween, localDateOf, localDateStartUtc } from "../time/danish-time.js";
import { resolveResolution } from "../time-series/resolution.js";
import type { TimeSeriesPoint } from "../time-series/types.js";
import { businessTypeLabel } from "./business-type-label.js";
import { formatDanishTime } from "./format-danish-time.js";
import { groupByBusinessType } from "./group-by-business-type.js";
import {
  type Breakdown,
  type BucketBounds,
  breakdownFloor,
  bucketBounds,
  bucketKey,
  coarser,
} from "./period-buckets.js";
import { slotsBetween } from "./resolution-slots.js";
import { roundTo } from "./round-to.js";
import { type SeriesOrder, seriesOrder } from "./series-order.js";
import type { PeriodTotal, SeriesSummary, SummaryNote } from "./series-summary.js";

const HOUR_MS = 3_600_000;

/**
 * What to summarise: `TimeSeriesData` (from `getTimeSeries`) fits as it is. Its `gaps` are not
 * needed: they do not name a business type, so the holes are found per series from the points.
 */
export interface SummaryInput {
  /** Defaults to the first point's. */
  meteringPointId?: string;
  points: readonly TimeSeriesPoint[];
  /** The period asked for (Danish local dates, `to` exclusive): notes data that starts late or ends early. */
  from?: string;
  to?: string;
}

export interface SummaryOptions {
  /**
   * Totals per Danish day, month or year. `"auto"` (default): per day up to 31 days, per month up to
   * 731 days, per year beyond. Never finer than the points: monthly points give months at least.
   */
  breakdown?: "auto" | Breakdown;
}

interface Bucket extends BucketBounds {
  period: string;
  total: number;
  points: number;
  expected: number;
  estimated: number;
  missing: number;
}

function isMissing(p: TimeSeriesPoint): boolean {
  return p.quantity === null || p.quality === "A02";
}

/** Coarser than an hour: such a point is A03 as a whole when any part of it was estimated. */
function isCoarse(resolution: string): boolean {
  const info = resolveResolution(resolution);
  return info === undefined || info.kind !== "fixed" || info.stepMs > HOUR_MS;
}

function autoBreakdown(days: number): Breakdown {
  return days <= 31 ? "day" : days <= 731 ? "month" : "year";
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

/**
 * A summary per business type of one metering point's series (usually one): total, totals per
 * Danish day, month or year, min, max, the peak clock hour, and the estimated (A03) and missing
 * (A02, no quantity, or a hole between points) shares, all counted in points of the series' own
 * resolution. Summarise native points (aggregation `Actual`) and let the breakdown make months and
 * years: a monthly point from the API is A03 as a whole when one quarter hour of it was estimated
 * (a `coarse-quality` note says so). The stretch before the first point and after the last is not
 * counted as missing (a meter that started later, DataHub's 1–3 days of lag); notes name it.
 */
export function summarizeTimeSeries(input: SummaryInput, options: SummaryOptions = {}): SeriesSummary[] {
  const groups = groupByBusinessType(input.points);
  if (groups.size === 0) groups.set("", []);
  return [...groups].map(([businessType, points]) => summarizeOne(input, options, businessType, points));
}

function summarizeOne(
  input: SummaryInput,
  options: SummaryOptions,
  businessType: string,
  points: readonly TimeSeriesPoint[],
): SeriesSummary {
  const order: SeriesOrder = seriesOrder(points);
  const n = points.length;
  const fromMs = input.from === undefined ? undefined : localDateStartUtc(input.from);
  const toMs = input.to === undefined ? undefined : localDateStartUtc(input.to);

  const resolutions = new Map<string, number>();
  let floor: Breakdown = "day";
  for (let k = 0; k < n; k++) {
    const p = points[order.index(k)] as TimeSeriesPoint;
    resolutions.set(p.resolution, (resolutions.get(p.resolution) ?? 0) + 1);
    floor = coarser(floor, breakdownFloor(p.resolution));
  }
  const requested = options.breakdown ?? "auto";
  const spanDays =
    input.from !== undefined && input.to !== undefined
      ? daysBetween(input.from, input.to)
      : n === 0
        ? 0
        : daysBetween(localDateOf(order.startMs(0)), localDateOf(order.endMax));
  const breakdown = coarser(requested === "auto" ? autoBreakdown(spanDays) : requested, floor);

  const buckets = new Map<string, Bucket>();
  const bucketAt = (ms: number): Bucket => {
    const key = bucketKey(localDateOf(ms), breakdown);
    let b = buckets.get(key);
    if (b === undefined) {
      const bounds = bucketBounds(key, breakdown);
      b = { ...bounds, period: key, total: 0, points: 0, expected: 0, estimated: 0, missing: 0 };
      buckets.set(key, b);
    }
    return b;
  };
  /** A hole between points: its slots are expected and missing, split over the buckets it crosses. */
  const addHole = (startMs: number, endMs: number, resolution: string): number => {
    let slots = 0;
    for (let at = startMs; at < endMs; ) {
      const b = bucketAt(at);
      const pieceEnd = Math.min(b.endMs, endMs);
      const s = slotsBetween(resolution, at, pieceEnd);
      b.expected += s;
      b.missing += s;
      slots += s;
      at = pieceEnd;
    }
    return slots;
  };

  const hours = new Map<number, number>();
  let total = 0;
  let estimated = 0;
  let incomplete = 0;
  let missing = 0;
  let holes = 0;
  let min: TimeSeriesPoint | undefined;
  let max: TimeSeriesPoint | undefined;
  let covered = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    const p = points[order.index(k)] as TimeSeriesPoint;
    const startMs = order.startMs(k);
    const endMs = order.endMs(k);
    if (startMs > covered && k > 0) holes += addHole(covered, startMs, p.resolution);
    if (endMs > covered) covered = endMs;
    const b = bucketAt(startMs);
    b.points++;
    b.expected++;
    if (p.quality === "A03") {
      estimated++;
      b.estimated++;
    } else if (p.quality === "A05") incomplete++;
    if (isMissing(p)) {
      missing++;
      b.missing++;
      continue;
    }
    const q = p.quantity as number;
    total += q;
    b.total += q;
    if (min === undefined || q < (min.quantity as number)) min = p;
    if (max === undefined || q > (max.quantity as number)) max = p;
    // Danish offsets are whole hours, so a UTC hour is exactly one clock hour on the Danish wall.
    if (endMs - startMs <= HOUR_MS) {
      const slot = Math.floor(startMs / HOUR_MS);
      hours.set(slot, (hours.get(slot) ?? 0) + q);
    }
  }

  let peakHour: SeriesSummary["peakHour"] = null;
  for (const [slot, quantity] of hours) {
    if (peakHour === null || quantity > peakHour.quantity) {
      const start = new Date(slot * HOUR_MS).toISOString();
      peakHour = { start, localStart: formatDanishTime(start), quantity };
    }
  }
  if (peakHour !== null) peakHour.quantity = roundTo(peakHour.quantity, 3);

  const first = n > 0 ? (points[order.index(0)] as TimeSeriesPoint) : undefined;
  const lastEndMs = order.endMax;
  const notes: SummaryNote[] = [];
  if (n === 0) notes.push({ kind: "no-data" });
  else {
    if (fromMs !== undefined && order.startMs(0) > fromMs) {
      notes.push({ kind: "data-starts-late", firstStart: (first as TimeSeriesPoint).start });
    }
    if (toMs !== undefined && lastEndMs < toMs) {
      notes.push({ kind: "data-ends-early", lastEnd: new Date(lastEndMs).toISOString() });
    }
  }
  if (resolutions.size > 1) notes.push({ kind: "mixed-resolutions", resolutions: [...resolutions.keys()] });
  const coarse = [...resolutions.keys()].find(isCoarse);
  if (coarse !== undefined) notes.push({ kind: "coarse-quality", resolution: coarse });
  if (requested !== "auto" && requested !== breakdown) {
    notes.push({ kind: "breakdown-coarsened", requested, used: breakdown });
  }

  const expectedPoints = n + holes;
  const missingPoints = missing + holes;
  const extreme = (p: TimeSeriesPoint | undefined) =>
    p === undefined
      ? null
      : {
          quantity: p.quantity as number,
          start: p.start,
          localStart: formatDanishTime(p.start),
          resolution: p.resolution,
        };
  const periods: PeriodTotal[] = [...buckets.values()]
    .sort((a, b) => a.startMs - b.startMs)
    .map((b) => ({
      period: b.period,
      from: b.from,
      to: b.to,
      hours: b.hours,
      total: roundTo(b.total, 3),
      points: b.points,
      expectedPoints: b.expected,
      estimatedPoints: b.estimated,
      estimatedShare: share(b.estimated, b.expected),
      missingPoints: b.missing,
      missingShare: share(b.missing, b.expected),
    }));

  return {
    meteringPointId: input.meteringPointId ?? first?.meteringPointId ?? "",
    businessType,
    kind: businessTypeLabel(businessType),
    unit: first?.unit ?? "KWH",
    resolutions: [...resolutions].map(([resolution, count]) => ({ resolution, points: count })),
    total: roundTo(total, 3),
    points: n,
    expectedPoints,
    estimatedPoints: estimated,
    estimatedShare: share(estimated, expectedPoints),
    missingPoints,
    missingShare: share(missingPoints, expectedPoints),
    incompletePoints: incomplete,
    firstStart: first?.start ?? null,
    lastEnd: n > 0 ? new Date(lastEndMs).toISOString() : null,
    min: extreme(min),
    max: extreme(max),
    peakHour,
    breakdown,
    periods,
    notes,
  };
}
