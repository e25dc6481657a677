import { localParts } from "../time/danish-time.js";
import type { TimeSeriesPoint } from "./types.js";

// Worst first: a merged point is only as good as its weakest part.
const QUALITY_RANK: Record<string, number> = { A02: 0, A05: 1, A03: 2, A01: 3, A04: 4 };

function worse(a: string, b: string): string {
  return (QUALITY_RANK[a] ?? 1) <= (QUALITY_RANK[b] ?? 1) ? a : b;
}

function isCalendar(point: TimeSeriesPoint): boolean {
  return point.resolution === "P1M" || point.resolution === "P1Y";
}

function sameCalendarUnit(a: TimeSeriesPoint, b: TimeSeriesPoint): boolean {
  const pa = localParts(Date.parse(a.start));
  const pb = localParts(Date.parse(b.start));
  if (a.resolution === "P1Y") return pa.year === pb.year;
  return pa.year === pb.year && pa.month === pb.month;
}

/**
 * A period longer than 730 days is fetched in chunks, and a chunk boundary can fall inside a
 * month or year; the API then answers two partial Month (or Year) points. This joins such
 * neighbours back into one point per Danish calendar month or year: quantities added, the weaker
 * quality kept, and `A05` (incomplete) when only one part has a quantity.
 */
export function mergeCalendarPoints(points: TimeSeriesPoint[]): TimeSeriesPoint[] {
  // Only Month and Year points are ever joined; without any, there is nothing to do.
  if (!points.some(isCalendar)) return points;
  const out: TimeSeriesPoint[] = [];
  // Several series (consumption, production, profiled) alternate chunk by chunk, so neighbours are
  // looked up per series rather than in the previous row.
  const lastOfSeries = new Map<string, number>();
  for (const point of points) {
    // Other points are never joined, nor looked up (the key holds the resolution).
    if (!isCalendar(point)) {
      out.push(point);
      continue;
    }
    const key = `${point.meteringPointId}|${point.businessType}|${point.unit}|${point.resolution}`;
    const index = lastOfSeries.get(key);
    const prev = index === undefined ? undefined : out[index];
    if (prev && index !== undefined && prev.end === point.start && sameCalendarUnit(prev, point)) {
      const known = (prev.quantity === null) === (point.quantity === null);
      out[index] = {
        ...prev,
        end: point.end,
        quantity:
          prev.quantity === null && point.quantity === null
            ? null
            : Math.round(((prev.quantity ?? 0) + (point.quantity ?? 0)) * 1000) / 1000,
        quality: known ? worse(prev.quality, point.quality) : "A05",
      };
      continue;
    }
    lastOfSeries.set(key, out.length);
    out.push(point);
  }
  return out;
}
