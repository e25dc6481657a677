import { EloverblikError, invalidInput } from "../errors/eloverblik-error.js";
import type { TimeSeriesPoint } from "../time-series/types.js";
import { csvFormatter, type PointsCsvOptions } from "./csv-format.js";

/**
 * Where the CSV goes: anything with `write(chunk)`. A Node.js Writable (`process.stdout`, a file
 * stream) is waited for when `write` returns false until it emits `drain`; a WHATWG stream writer
 * (`stream.getWriter()`) or any `write` that returns a promise is awaited.
 */
export interface CsvSink {
  write(chunk: string): unknown;
  once?(event: "drain", listener: () => void): unknown;
}

export interface WritePointsCsvOptions extends PointsCsvOptions {
  /** Lines are gathered into chunks of about this many characters (default 65 536). */
  chunkSize?: number;
  /** Stops between two chunks with an ABORTED error. */
  signal?: AbortSignal;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function"
  );
}

/**
 * Streams points as CSV into a sink (see `pointsToCsv` for the format), from an array, any
 * iterable or an async iterable (points produced as they are fetched or decoded), honouring the
 * sink's backpressure. Resolves with the number of data rows and characters written; the sink is
 * not closed.
 */
export async function writePointsCsv(
  points: Iterable<TimeSeriesPoint> | AsyncIterable<TimeSeriesPoint>,
  sink: CsvSink,
  options: WritePointsCsvOptions = {},
): Promise<{ rows: number; chars: number }> {
  const format = csvFormatter(options);
  if (typeof sink?.write !== "function") throw invalidInput("sink must have a write(chunk) method.");
  const chunkSize = options.chunkSize ?? 65_536;
  if (!(Number.isInteger(chunkSize) && chunkSize > 0)) {
    throw invalidInput("chunkSize must be a positive whole number of characters.");
  }
  const { signal } = options;
  let rows = 0;
  let chars = 0;
  let pending = format.header;
  const flush = async (): Promise<void> => {
    if (signal?.aborted) {
      throw new EloverblikError({
        code: "ABORTED",
        message: "Writing the CSV was cancelled.",
        cause: signal.reason,
      });
    }
    if (pending === "") return;
    const chunk = pending;
    pending = "";
    chars += chunk.length;
    const result = sink.write(chunk);
    if (isThenable(result)) await result;
    else if (result === false && typeof sink.once === "function") {
      const once = sink.once.bind(sink);
      await new Promise<void>((resolve) => once("drain", resolve));
    }
  };
  for await (const p of points) {
    pending += format.row(p);
    rows++;
    if (pending.length >= chunkSize) await flush();
  }
  await flush();
  return { rows, chars };
}
