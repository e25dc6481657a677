import type { ColumnarSeries } from "../time-series/columnar.js";
import type { TimeSeriesPoint } from "../time-series/types.js";

/**
 * The points of a columnar series (`getTimeSeriesColumnar`) as row objects, made one at a time,
 * so that a long quarter-hour series can be written as CSV (`pointsCsvLines`, `writePointsCsv`)
 * without ever holding all of its rows. NaN quantities come out as null, as in the row form.
 */
export function* columnarPoints(series: ColumnarSeries): Generator<TimeSeriesPoint, void, undefined> {
  for (const run of series.resolution) {
    for (let i = run.startIndex; i < run.startIndex + run.count; i++) {
      const startMs = series.start[i] as number;
      const quantity = series.quantity[i] as number;
      yield {
        meteringPointId: series.meteringPointId,
        start: new Date(startMs).toISOString(),
        end: new Date(startMs + (series.durationMs[i] as number)).toISOString(),
        quantity: Number.isNaN(quantity) ? null : quantity,
        quality: series.qualityCodes[series.quality[i] as number] ?? "",
        resolution: run.resolution,
        unit: series.unit,
        businessType: series.businessType,
      };
    }
  }
}
