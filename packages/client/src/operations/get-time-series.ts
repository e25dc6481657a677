import { type EnvelopeItem, itemFailed } from "../envelope/envelope.js";
import { ResultItemsReader, readResultItems } from "../envelope/read-items.js";
import { localDateStartUtc } from "../time/danish-time.js";
import {
  decodeColumnarChunk,
  decodeRowChunk,
  joinColumnarChunks,
  joinRowChunks,
} from "../time-series/chunks.js";
import type { ColumnarTimeSeries } from "../time-series/columnar.js";
import { columnarCoverage, concatColumnarSeries } from "../time-series/concat-columnar.js";
import { coverageGaps } from "../time-series/coverage-gaps.js";
import { mergeCalendarPoints } from "../time-series/merge-calendar-points.js";
import type { TimeSeriesGap, TimeSeriesPoint } from "../time-series/types.js";
import { readBodyWith, readerOf } from "../transport/body-reader.js";
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

type Decoded<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** An item `fetchTimeSeriesChunks` keeps as data (the others become that id's errors). */
function isDataItem(item: unknown): item is Record<string, unknown> {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return false;
  return !itemFailed(item as EnvelopeItem);
}

/**
 * Decodes every answer's items the moment each has arrived and lets go of its JSON, so that a long
 * period never holds an answer whole: not as bytes, not as one text, not as one parsed tree. It
 * sees the answers through the raw clients' `POST`, which gettimeseries calls go through, and has
 * the fetch stage hand each successful body to a `ResultItemsReader` piece by piece; each item it
 * decoded is passed on without its `MyEnergyData_MarketDocument` (unless the documents are wanted)
 * and with its decoding kept beside it. An item it did not see is decoded when the results are
 * built, with the same outcome.
 */
function decodeOnArrival<T>(
  ctx: OperationContext,
  decode: (item: unknown) => T,
  keepDocuments: boolean,
): { ctx: OperationContext; decoded: (item: Record<string, unknown>) => T } {
  const done = new WeakMap<object, Decoded<T>>();
  /** Decodes one item of an answer as soon as it is parsed; what is kept of it replaces it. */
  const settle = (item: unknown): unknown => {
    if (!isDataItem(item)) return item;
    let outcome: Decoded<T>;
    try {
      outcome = { ok: true, value: decode(item) };
    } catch (error) {
      // Reported for this id alone when its results are built, as before.
      outcome = { ok: false, error };
    }
    const kept = keepDocuments ? item : withoutDocument(item);
    done.set(kept, outcome);
    return kept;
  };
  const wrap = <C extends { POST: (...args: never[]) => Promise<RawAnswer> }>(client: C): C => {
    const post = client.POST as (path: unknown, init?: Record<string, unknown>) => Promise<RawAnswer>;
    const POST = async (path: unknown, init?: Record<string, unknown>) => {
      // The fetch stage hands the body to a reader of its items as the pieces arrive, so that an
      // answer is never held as bytes, one text or one parsed tree; each attempt gets its own.
      const send = init?.fetch as (request: Request) => Promise<Response>;
      let last: ResultItemsReader | undefined;
      const fetch = (request: Request) => {
        readBodyWith(request, () => {
          last = new ResultItemsReader(settle);
          return last;
        });
        return send(request);
      };
      // Taken as a stream, which spares openapi-fetch's copies of a body the reader did not take.
      const answer = await post(path, { ...init, fetch, parseAs: "stream" });
      if (!answer.response.ok) return answer;
      // A host stage that passed the answer on as a new Response (its body then null) still
      // passes on what the last attempt's reader read.
      const reader = readerOf(answer.response) ?? (answer.data === null ? last : undefined);
      if (reader === undefined && answer.data === undefined) return answer;
      const data =
        reader instanceof ResultItemsReader
          ? reader.end()
          : await readResultItems(answer.data as ReadableStream<Uint8Array> | null, settle);
      // A body-less copy keeps the status and headers, not the answer's bytes.
      const response = new Response(null, {
        status: answer.response.status,
        statusText: answer.response.statusText,
        headers: answer.response.headers,
      });
      return { ...answer, data, response };
    };
    return { ...client, POST } as unknown as C;
  };
  const customer = wrap(ctx.customer);
  const thirdparty = wrap(ctx.thirdparty);
  // Everything else, writes included (the latest correlation id), goes to the real context.
  const view = new Proxy(ctx, {
    get: (target, key) =>
      key === "customer" ? customer : key === "thirdparty" ? thirdparty : Reflect.get(target, key),
  });
  const decoded = (item: Record<string, unknown>): T => {
    const outcome = done.get(item);
    if (outcome === undefined) return decode(item);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  };
  return { ctx: view, decoded };
}

type RawAnswer = { data?: unknown; error?: unknown; response: Response };

function withoutDocument(item: Record<string, unknown>): Record<string, unknown> {
  const { MyEnergyData_MarketDocument: _document, ...rest } = item;
  return rest;
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
  const keepDocuments = options?.includeDocuments === true;
  const decoding = decodeOnArrival(ctx, decodeRowChunk, keepDocuments);
  const groups = await fetchTimeSeriesChunks(decoding.ctx, ids, options);
  return groups.map((chunks) =>
    toResult(chunks, (): TimeSeriesData => {
      const flat = joinRowChunks(chunks.items.map((c) => decoding.decoded(c.item)));
      const points = chunks.items.length > 1 ? mergeCalendarPoints(flat.points) : flat.points;
      // Gaps are computed over the whole answer, not per request chunk, so a hole across a chunk
      // boundary and a lagging series are reported too. Joining calendar points never changes
      // what is covered, so the coverage recorded while decoding stands.
      const gaps = coverageGaps(flat.coverage.series(), rangeMs(chunks.range), chunks.meteringPointId);
      return {
        meteringPointId: chunks.meteringPointId,
        from: chunks.range.from,
        to: chunks.range.to,
        aggregation: chunks.aggregation,
        points,
        gaps,
        warnings: flat.warnings,
        ...(keepDocuments ? { documents: documentsOf(chunks) } : {}),
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
  const decoding = decodeOnArrival(ctx, decodeColumnarChunk, false);
  const groups = await fetchTimeSeriesChunks(decoding.ctx, ids, options);
  return groups.map((chunks) =>
    toResult(chunks, () => ({
      meteringPointId: chunks.meteringPointId,
      from: chunks.range.from,
      to: chunks.range.to,
      aggregation: chunks.aggregation,
      columns: joinChunks(
        joinColumnarChunks(chunks.items.map((c) => decoding.decoded(c.item))),
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
