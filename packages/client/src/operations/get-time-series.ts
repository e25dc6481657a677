import { localDateStartUtc } from "../time/danish-time.js";
import { type ColumnarTimeSeries, flattenTimeSeriesColumnar } from "../time-series/columnar.js";
import { columnarCoverage, concatColumnarSeries } from "../time-series/concat-columnar.js";
import { coverageGaps, rowSeries } from "../time-series/coverage-gaps.js";
import { flattenTimeSeries } from "../time-series/flatten.js";
import { mergeCalendarPoints } from "../time-series/merge-calendar-points.js";
import type { TimeSeriesGap, TimeSeriesPoint } from "../time-series/types.js";
import type { Aggregation, TimeSeriesDocument } from "../types.js";
import { forMeteringPoint, type OperationContext } from "./context.js";
import type { ItemResult } from "./item-result.js";
import {
  documentsOf,
  fetchTimeSeriesChunks,
  type RawTimeSeriesChunks,
  type TimeSeriesQuery,
} from "./time-series-requests.js";

export interface TimeSeriesOptions extends TimeSeriesQuery {
  /** Also return the wire documents, one per period chunk. */
  includeDocuments?: boolean;
}

export interface TimeSeriesData {
  meteringPointId: string;
  /** The period asked for, Danish local dates, `to` exclusive. */
  from: string;
  to: string;
  aggregation: Aggregation;
  points: TimeSeriesPoint[];
  gaps: TimeSeriesGap[];
  warnings: string[];
  documents?: TimeSeriesDocument[];
}

export interface ColumnarTimeSeriesData {
  meteringPointId: string;
  from: string;
  to: string;
  aggregation: Aggregation;
  columns: ColumnarTimeSeries;
}

function rangeMs(range: { from: string; to: string }) {
  return { startMs: localDateStartUtc(range.from), endMs: localDateStartUtc(range.to) };
}

/** Flattens one id's answer; a body that cannot be read fails that id only, never the whole call. */
function toResult<T>(chunks: RawTimeSeriesChunks, build: () => T): ItemResult<T> {
  const id = chunks.meteringPointId;
  let data: T;
  try {
    data = build();
  } catch (error) {
    const unreadable = forMeteringPoint(error, id, "getTimeSeries");
    return {
      id,
      ok: false,
      error: chunks.errors[0] ?? unreadable,
      ...(chunks.errors.length > 0 ? { errors: [...chunks.errors, unreadable] } : {}),
      correlationId: chunks.correlationIds[0],
    };
  }
  const correlationId = chunks.correlationIds[0];
  const [first, ...rest] = chunks.errors;
  if (!first) return { id, ok: true, data, correlationId };
  return {
    id,
    ok: false,
    error: first,
    ...(rest.length > 0 ? { errors: chunks.errors } : {}),
    ...(chunks.items.length > 0 ? { partial: data } : {}),
    correlationId,
  };
}

/**
 * Time series per metering point as flat rows with exact UTC instants. Ids go 10 per call, periods
 * over 730 days are split, and one result per id comes back in the order asked; a failed chunk
 * makes its id fail with that period named, while the chunks that did arrive stay in `partial`.
 */
export async function getTimeSeries(
  ctx: OperationContext,
  ids: readonly string[],
  options: TimeSeriesOptions,
): Promise<ItemResult<TimeSeriesData>[]> {
  const groups = await fetchTimeSeriesChunks(ctx, ids, options);
  return groups.map((chunks) =>
    toResult(chunks, (): TimeSeriesData => {
      const flat = flattenTimeSeries({ result: chunks.items.map((c) => c.item) });
      const points = chunks.items.length > 1 ? mergeCalendarPoints(flat.points) : flat.points;
      // Gaps are computed over the whole answer, not per request chunk, so a hole across a chunk
      // boundary and a lagging series are reported too.
      const gaps = coverageGaps(rowSeries(points), rangeMs(chunks.range), chunks.meteringPointId);
      return {
        meteringPointId: chunks.meteringPointId,
        from: chunks.range.from,
        to: chunks.range.to,
        aggregation: chunks.aggregation,
        points,
        gaps,
        warnings: flat.warnings,
        ...(options.includeDocuments ? { documents: documentsOf(chunks) } : {}),
      };
    }),
  );
}

/** The same data in typed arrays: far less memory for long quarter-hour ranges. */
export async function getTimeSeriesColumnar(
  ctx: OperationContext,
  ids: readonly string[],
  options: TimeSeriesQuery,
): Promise<ItemResult<ColumnarTimeSeriesData>[]> {
  const groups = await fetchTimeSeriesChunks(ctx, ids, options);
  return groups.map((chunks) =>
    toResult(chunks, () => ({
      meteringPointId: chunks.meteringPointId,
      from: chunks.range.from,
      to: chunks.range.to,
      aggregation: chunks.aggregation,
      columns: joinChunks(
        flattenTimeSeriesColumnar({ result: chunks.items.map((c) => c.item) }),
        chunks.range,
        chunks.meteringPointId,
      ),
    })),
  );
}

/** One set of columns per series over the whole period, with gaps computed as for rows. */
function joinChunks(
  columns: ColumnarTimeSeries,
  range: { from: string; to: string },
  meteringPointId: string,
): ColumnarTimeSeries {
  const series = concatColumnarSeries(columns.series);
  const gaps = coverageGaps(series.map(columnarCoverage), rangeMs(range), meteringPointId);
  return { ...columns, series, gaps };
}
