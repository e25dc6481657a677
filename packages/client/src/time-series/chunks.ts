import { type ColumnarTimeSeries, flattenTimeSeriesColumnar } from "./columnar.js";
import { Coverage } from "./coverage-gaps.js";
import { flattenTimeSeriesWithCoverage } from "./flatten.js";
import type { TimeSeriesPoint } from "./types.js";

/**
 * One request chunk's answer for one metering point, decoded as soon as it arrives so that its
 * JSON can be dropped; the chunks of an id are joined once all have arrived.
 */
export interface RowChunk {
  points: TimeSeriesPoint[];
  warnings: string[];
  coverage: Coverage;
}

/** Decodes one `{ MyEnergyData_MarketDocument, success, … }` item into rows and their coverage. */
export function decodeRowChunk(item: unknown): RowChunk {
  const coverage = new Coverage();
  const flat = flattenTimeSeriesWithCoverage(item, coverage);
  return { points: flat.points, warnings: flat.warnings, coverage };
}

/** Joins the row chunks of one metering point, in time order. */
export function joinRowChunks(chunks: readonly RowChunk[]): RowChunk {
  if (chunks.length === 1) return chunks[0] as RowChunk;
  // One array of the exact length (pushing row by row grew it in steps, each a copy to collect).
  const points = ([] as TimeSeriesPoint[]).concat(...chunks.map((chunk) => chunk.points));
  const warnings: string[] = [];
  const coverage = new Coverage();
  for (const chunk of chunks) {
    for (const warning of chunk.warnings) warnings.push(warning);
    coverage.append(chunk.coverage);
  }
  return { points, warnings, coverage };
}

/** Decodes one item into columns (one set per series of the item). */
export function decodeColumnarChunk(item: unknown): ColumnarTimeSeries {
  return flattenTimeSeriesColumnar(item);
}

/** Joins the columnar chunks of one metering point, in time order (series not yet concatenated). */
export function joinColumnarChunks(chunks: readonly ColumnarTimeSeries[]): ColumnarTimeSeries {
  if (chunks.length === 1) return chunks[0] as ColumnarTimeSeries;
  return {
    series: chunks.flatMap((c) => c.series),
    gaps: chunks.flatMap((c) => c.gaps),
    warnings: chunks.flatMap((c) => c.warnings),
    failures: chunks.flatMap((c) => c.failures),
  };
}
