import type { NormalizedResolution } from "./resolution.js";
import type { TimeSeriesGap, TimeSeriesPoint } from "./types.js";

/** One series' points as sorted intervals (epoch ms), whatever form they come in. */
export interface CoverageSeries {
  meteringPointId: string;
  length: number;
  startAt(i: number): number;
  endAt(i: number): number;
  resolutionAt(i: number): NormalizedResolution;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Every stretch of the asked period that a series does not cover: before its first point, between
 * two points (missing positions, a hole across two request chunks, an empty chunk) and after its
 * last point (DataHub's usual lag). Computed per series, so a series that lags is not hidden by
 * another one that is up to date. With no points at all, the whole period is one gap.
 */
export function coverageGaps(
  series: readonly CoverageSeries[],
  range: { startMs: number; endMs: number },
  meteringPointId: string,
): TimeSeriesGap[] {
  const gaps: TimeSeriesGap[] = [];
  const nonEmpty = series.filter((s) => s.length > 0);
  if (nonEmpty.length === 0) {
    return [{ meteringPointId, start: iso(range.startMs), end: iso(range.endMs), resolution: "" }];
  }
  for (const s of nonEmpty) {
    let covered = range.startMs;
    for (let i = 0; i < s.length; i++) {
      const start = s.startAt(i);
      if (start > covered) {
        gaps.push({
          meteringPointId: s.meteringPointId,
          start: iso(covered),
          end: iso(Math.min(start, range.endMs)),
          resolution: s.resolutionAt(i),
        });
      }
      covered = Math.max(covered, s.endAt(i));
      if (covered >= range.endMs) break;
    }
    if (covered < range.endMs) {
      gaps.push({
        meteringPointId: s.meteringPointId,
        start: iso(covered),
        end: iso(range.endMs),
        resolution: s.resolutionAt(s.length - 1),
      });
    }
  }
  return gaps.filter((g) => g.start < g.end);
}

/** Groups row-form points into sorted series for `coverageGaps`. */
export function rowSeries(points: readonly TimeSeriesPoint[]): CoverageSeries[] {
  const groups = new Map<string, TimeSeriesPoint[]>();
  for (const p of points) {
    const key = `${p.meteringPointId}|${p.businessType}|${p.unit}`;
    let list = groups.get(key);
    if (!list) {
      list = [];
      groups.set(key, list);
    }
    list.push(p);
  }
  return [...groups.values()].map((list) => {
    const sorted = [...list].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    return {
      meteringPointId: sorted[0]!.meteringPointId,
      length: sorted.length,
      startAt: (i) => Date.parse(sorted[i]!.start),
      endAt: (i) => Date.parse(sorted[i]!.end),
      resolutionAt: (i) => sorted[i]!.resolution,
    };
  });
}
