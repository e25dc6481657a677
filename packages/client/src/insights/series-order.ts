// Points in time order with their instants parsed once. Internal.
import type { TimeSeriesPoint } from "../time-series/types.js";

export interface SeriesOrder {
  /** Index into the points of the k-th point in time order. */
  index(k: number): number;
  startMs(k: number): number;
  endMs(k: number): number;
  /** The latest end of any point (−Infinity without points). */
  endMax: number;
}

/**
 * Parses every start and end once and orders the points by start (a stable sort, and none at all
 * when they already are in order, which is how the client returns them).
 */
export function seriesOrder(points: readonly TimeSeriesPoint[]): SeriesOrder {
  const n = points.length;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  let sorted = true;
  let endMax = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const p = points[i] as TimeSeriesPoint;
    starts[i] = Date.parse(p.start);
    ends[i] = Date.parse(p.end);
    if ((ends[i] as number) > endMax) endMax = ends[i] as number;
    if (i > 0 && (starts[i] as number) < (starts[i - 1] as number)) sorted = false;
  }
  if (sorted) {
    return { index: (k) => k, startMs: (k) => starts[k] as number, endMs: (k) => ends[k] as number, endMax };
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (starts[a] as number) - (starts[b] as number),
  );
  return {
    index: (k) => order[k] as number,
    startMs: (k) => starts[order[k] as number] as number,
    endMs: (k) => ends[order[k] as number] as number,
    endMax,
  };
}
