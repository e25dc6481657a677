import type { ColumnarSeries } from "./columnar.js";
import type { CoverageSeries } from "./coverage-gaps.js";
import type { NormalizedResolution } from "./resolution.js";

/**
 * A long period arrives in several request chunks, each decoded into its own columns; this joins
 * the chunks of each series (same metering point, business type and unit) into one set of columns,
 * in time order.
 */
export function concatColumnarSeries(list: readonly ColumnarSeries[]): ColumnarSeries[] {
  const groups = new Map<string, ColumnarSeries[]>();
  for (const s of list) {
    const key = `${s.meteringPointId}|${s.businessType}|${s.unit}`;
    let group = groups.get(key);
    if (!group) {
      group = [];
      groups.set(key, group);
    }
    group.push(s);
  }
  const out: ColumnarSeries[] = [];
  for (const group of groups.values()) {
    if (group.length === 1) {
      out.push(group[0]!);
      continue;
    }
    group.sort((a, b) => (a.start[0] ?? 0) - (b.start[0] ?? 0));
    const length = group.reduce((n, s) => n + s.length, 0);
    const first = group[0]!;
    const merged: ColumnarSeries = {
      meteringPointId: first.meteringPointId,
      businessType: first.businessType,
      unit: first.unit,
      length,
      start: new Float64Array(length),
      durationMs: new Float64Array(length),
      quantity: new Float64Array(length),
      quality: new Uint8Array(length),
      qualityCodes: [],
      resolution: [],
    };
    const codeIndex = new Map<string, number>();
    let offset = 0;
    for (const s of group) {
      merged.start.set(s.start.subarray(0, s.length), offset);
      merged.durationMs.set(s.durationMs.subarray(0, s.length), offset);
      merged.quantity.set(s.quantity.subarray(0, s.length), offset);
      const remap = s.qualityCodes.map((code) => {
        let index = codeIndex.get(code);
        if (index === undefined) {
          index = merged.qualityCodes.length;
          codeIndex.set(code, index);
          merged.qualityCodes.push(code);
        }
        return index;
      });
      for (let i = 0; i < s.length; i++) merged.quality[offset + i] = remap[s.quality[i]!]!;
      for (const run of s.resolution) {
        const last = merged.resolution[merged.resolution.length - 1];
        if (
          last &&
          last.resolution === run.resolution &&
          last.startIndex + last.count === offset + run.startIndex
        ) {
          last.count += run.count;
        } else {
          merged.resolution.push({ ...run, startIndex: offset + run.startIndex });
        }
      }
      offset += s.length;
    }
    out.push(merged);
  }
  return out;
}

/** A columnar series seen as intervals for `coverageGaps`. */
export function columnarCoverage(s: ColumnarSeries): CoverageSeries {
  let run = 0;
  const resolutionAt = (i: number): NormalizedResolution => {
    while (run > 0 && s.resolution[run]!.startIndex > i) run--;
    while (run < s.resolution.length - 1 && s.resolution[run + 1]!.startIndex <= i) run++;
    return s.resolution[run]?.resolution ?? "";
  };
  return {
    meteringPointId: s.meteringPointId,
    length: s.length,
    startAt: (i) => s.start[i]!,
    endAt: (i) => s.start[i]! + s.durationMs[i]!,
    resolutionAt,
  };
}
