import type { TimeSeriesPoint } from "../time-series/types.js";
import { csvFormatter, type PointsCsvOptions } from "./csv-format.js";

/**
 * Points as CSV text: by default every column (UTC and Danish local start and end, quantity, unit,
 * quality, resolution, business type), `.` decimals and `,` separators; `{ decimal: "," }` writes
 * `0,734` with `;` between fields for spreadsheets set to Danish. A missing quantity is an empty
 * field. For long periods use `writePointsCsv` or `pointsCsvLines` instead of one string.
 */
export function pointsToCsv(points: Iterable<TimeSeriesPoint>, options: PointsCsvOptions = {}): string {
  const format = csvFormatter(options);
  let out = format.header;
  for (const p of points) out += format.row(p);
  return out;
}
