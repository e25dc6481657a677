import type { TimeSeriesPoint } from "../time-series/types.js";
import { csvFormatter, type PointsCsvOptions } from "./csv-format.js";

/**
 * The CSV of some points, one line at a time (the header first, each line with its newline), so
 * that years of quarter hours never have to be one string: pass the lines on as they come.
 * Options are checked at the first `next()`.
 */
export function* pointsCsvLines(
  points: Iterable<TimeSeriesPoint>,
  options: PointsCsvOptions = {},
): Generator<string, void, undefined> {
  const format = csvFormatter(options);
  if (format.header !== "") yield format.header;
  for (const p of points) yield format.row(p);
}
