import { EloverblikError } from "../errors/eloverblik-error.js";
import type { DecodedPeriod, DecodeReport, DecodeSink, SeriesHeader } from "./decode.js";
import { decodeResponse } from "./decode.js";
import type { NormalizedResolution } from "./resolution.js";
import type { TimeSeriesFailure, TimeSeriesGap } from "./types.js";

/** A run of consecutive points sharing one resolution (a series can switch PT1H → PT15M). */
export interface ResolutionRun {
  resolution: NormalizedResolution;
  /** Index of the run's first point. */
  startIndex: number;
  /** Number of points in the run. */
  count: number;
}

/**
 * One TimeSeries as parallel typed arrays, index i describing point i in time order.
 *
 * Memory: 25 bytes per point (three Float64 columns and one byte of quality), against roughly
 * 150–200 bytes for a row object with its two ISO strings, so multi-year quarter-hour data for
 * many metering points stays small and is cheap to hand to charts or number crunching.
 */
export interface ColumnarSeries {
  meteringPointId: string;
  businessType: string;
  unit: string;
  /** Number of points (the length of every column). */
  length: number;
  /** Inclusive start instant, epoch ms UTC. */
  start: Float64Array;
  /** Length of each point's interval in ms (Float64 because a year exceeds 32 bits). */
  durationMs: Float64Array;
  /** Quantity in `unit`; NaN where the row form has null (A02 or not sent). */
  quantity: Float64Array;
  /** Index into `qualityCodes` per point. */
  quality: Uint8Array;
  /** Distinct quality codes of this series in order of first appearance ("" when none was sent). */
  qualityCodes: string[];
  /** Run-length encoded resolution of the points, in index order. */
  resolution: ResolutionRun[];
}

export interface ColumnarTimeSeries {
  series: ColumnarSeries[];
  gaps: TimeSeriesGap[];
  warnings: string[];
  failures: TimeSeriesFailure[];
}

class ColumnSink implements DecodeSink {
  readonly series: ColumnarSeries[] = [];
  private current: ColumnarSeries | undefined;
  private qualityIndex = new Map<string, number>();

  beginSeries(header: SeriesHeader, maxPoints: number): void {
    this.qualityIndex = new Map();
    this.current = {
      meteringPointId: header.meteringPointId,
      businessType: header.businessType,
      unit: header.unit,
      length: 0,
      start: new Float64Array(maxPoints),
      durationMs: new Float64Array(maxPoints),
      quantity: new Float64Array(maxPoints),
      quality: new Uint8Array(maxPoints),
      qualityCodes: [],
      resolution: [],
    };
  }

  private codeOf(quality: string, series: ColumnarSeries): number {
    let code = this.qualityIndex.get(quality);
    if (code === undefined) {
      code = series.qualityCodes.length;
      if (code > 255) {
        throw new EloverblikError({
          code: "UNEXPECTED_RESPONSE",
          message: `More than 256 distinct quality codes in the series of ${series.meteringPointId}.`,
          meteringPointId: series.meteringPointId,
          operation: "flattenTimeSeriesColumnar",
        });
      }
      series.qualityCodes.push(quality);
      this.qualityIndex.set(quality, code);
    }
    return code;
  }

  addPeriod(period: DecodedPeriod): void {
    const s = this.current;
    if (s === undefined) return;
    const { slots, present, quantity, quality, slotStart, slotEnd } = period;
    let n = s.length;
    const before = n;
    let lastQuality: string | undefined;
    let lastCode = 0;
    for (let i = 0; i < slots; i++) {
      if (present[i] !== 1) continue;
      const q = quality[i] ?? "";
      if (q !== lastQuality) {
        lastCode = this.codeOf(q, s);
        lastQuality = q;
      }
      const t = slotStart[i] as number;
      s.start[n] = t;
      s.durationMs[n] = (slotEnd[i] as number) - t;
      s.quantity[n] = quantity[i] as number;
      s.quality[n] = lastCode;
      n++;
    }
    s.length = n;
    const added = n - before;
    if (added === 0) return;
    const last = s.resolution[s.resolution.length - 1];
    if (
      last !== undefined &&
      last.resolution === period.resolution &&
      last.startIndex + last.count === before
    ) {
      last.count += added;
    } else {
      s.resolution.push({ resolution: period.resolution, startIndex: before, count: added });
    }
  }

  endSeries(): void {
    const s = this.current;
    if (s === undefined) return;
    if (s.length < s.start.length) {
      // Duplicates were skipped: trim so no column carries unused capacity.
      s.start = s.start.slice(0, s.length);
      s.durationMs = s.durationMs.slice(0, s.length);
      s.quantity = s.quantity.slice(0, s.length);
      s.quality = s.quality.slice(0, s.length);
    }
    this.series.push(s);
    this.current = undefined;
  }
}

/**
 * Same decoding as `flattenTimeSeries` (identical stamping, gaps, warnings and failures) but
 * producing typed-array columns per TimeSeries instead of row objects.
 */
export function flattenTimeSeriesColumnar(response: unknown): ColumnarTimeSeries {
  const sink = new ColumnSink();
  const report: DecodeReport = { gaps: [], warnings: [], failures: [] };
  decodeResponse(response, sink, report);
  return { series: sink.series, gaps: report.gaps, warnings: report.warnings, failures: report.failures };
}

/** The resolution of point `index` of a columnar series, or `undefined` when out of range. */
export function columnarResolutionAt(
  series: ColumnarSeries,
  index: number,
): NormalizedResolution | undefined {
  for (const run of series.resolution) {
    if (index >= run.startIndex && index < run.startIndex + run.count) return run.resolution;
  }
  return undefined;
}
