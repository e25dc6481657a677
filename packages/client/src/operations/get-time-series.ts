import { localDateStartUtc } from "../time/danish-time.js";
import { type ColumnarTimeSeries, flattenTimeSeriesColumnar } from "../time-series/columnar.js";
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

/**
 * Adds the stretches at the start and end of the asked period that no point covers. The newest
 * one to three days are usually missing because DataHub lags; this makes that visible as a gap.
 */
function withEdgeGaps(
  meteringPointId: string,
  range: { from: string; to: string },
  points: readonly TimeSeriesPoint[],
  gaps: TimeSeriesGap[],
): TimeSeriesGap[] {
  const rangeStart = localDateStartUtc(range.from);
  const rangeEnd = localDateStartUtc(range.to);
  if (points.length === 0) {
    const whole = { meteringPointId, start: iso(rangeStart), end: iso(rangeEnd), resolution: "" };
    return gaps.length === 0 ? [whole] : gaps;
  }
  let first = points[0]!;
  let last = points[0]!;
  for (const p of points) {
    if (p.start < first.start) first = p;
    if (p.end > last.end) last = p;
  }
  const out = [...gaps];
  const firstMs = Date.parse(first.start);
  const lastMs = Date.parse(last.end);
  if (firstMs > rangeStart && !gaps.some((g) => Date.parse(g.start) <= rangeStart)) {
    out.unshift({ meteringPointId, start: iso(rangeStart), end: first.start, resolution: first.resolution });
  }
  if (lastMs < rangeEnd && !gaps.some((g) => Date.parse(g.end) >= rangeEnd)) {
    out.push({ meteringPointId, start: last.end, end: iso(rangeEnd), resolution: last.resolution });
  }
  return out;
}

const iso = (ms: number) => new Date(ms).toISOString();

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
      const gaps = withEdgeGaps(chunks.meteringPointId, chunks.range, points, flat.gaps);
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
      columns: flattenTimeSeriesColumnar({ result: chunks.items.map((c) => c.item) }),
    })),
  );
}
