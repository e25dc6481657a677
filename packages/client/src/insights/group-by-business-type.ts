import type { TimeSeriesPoint } from "../time-series/types.js";

/**
 * The points of one metering point split by business type, in order of first appearance: a
 * profiled meter can send two series (A04 and A64) for one id, which must not be added together.
 */
export function groupByBusinessType(points: Iterable<TimeSeriesPoint>): Map<string, TimeSeriesPoint[]> {
  const groups = new Map<string, TimeSeriesPoint[]>();
  for (const p of points) {
    let list = groups.get(p.businessType);
    if (list === undefined) {
      list = [];
      groups.set(p.businessType, list);
    }
    list.push(p);
  }
  return groups;
}
