// The CSV row formatter behind pointsCsvLines, pointsToCsv and writePointsCsv. Internal, except the
// option and column types.
import { invalidInput } from "../errors/eloverblik-error.js";
import type { TimeSeriesPoint } from "../time-series/types.js";
import { formatDanishTime } from "./format-danish-time.js";

/** The columns a points CSV can have. */
export type CsvColumn =
  | "meteringPointId"
  | "start"
  | "end"
  | "startLocal"
  | "endLocal"
  | "quantity"
  | "quality"
  | "unit"
  | "resolution"
  | "businessType";

/** Every column, in the default order, with its default header. */
export const CSV_COLUMNS: Readonly<Record<CsvColumn, string>> = {
  meteringPointId: "metering_point_id",
  start: "start_utc",
  end: "end_utc",
  startLocal: "start_local",
  endLocal: "end_local",
  quantity: "quantity",
  unit: "unit",
  quality: "quality",
  resolution: "resolution",
  businessType: "business_type",
};

export interface PointsCsvOptions {
  /** Which columns, in which order; default all of `CSV_COLUMNS` in its order. */
  columns?: readonly CsvColumn[];
  /** Own header names for some columns (`{ quantity: "kwh" }`). */
  headers?: Partial<Record<CsvColumn, string>>;
  /** Write the header line (default true). */
  header?: boolean;
  /**
   * `","` writes `0,734` for spreadsheets set to Danish; the separator then defaults to `";"`.
   * Default `"."`.
   */
  decimal?: "." | ",";
  /** Field separator: default `","`, or `";"` with a decimal comma. */
  separator?: string;
  /** Line end, default `"\n"`; `"\r\n"` as RFC 4180 writes it. */
  newline?: "\n" | "\r\n";
  /**
   * How the local columns show the UTC offset: `"always"` (default, `2025-10-26 02:00+02:00`) or
   * `"ambiguous"` (only on the repeated hour of the 25-hour day). See `formatDanishTime`.
   */
  localOffset?: "always" | "ambiguous";
}

export interface CsvFormatter {
  /** The header line, newline included; "" when `header: false`. */
  header: string;
  /** One point as a line, newline included. */
  row(point: TimeSeriesPoint): string;
}

function plainNumber(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  // 1e-7 or 1e21: write every digit, as a spreadsheet would want it.
  return value.toFixed(20).replace(/\.?0+$/, "");
}

export function csvFormatter(options: PointsCsvOptions = {}): CsvFormatter {
  const decimal = options.decimal ?? ".";
  if (decimal !== "." && decimal !== ",") {
    throw invalidInput(`decimal must be "." or ","; got ${JSON.stringify(decimal)}.`);
  }
  const separator = options.separator ?? (decimal === "," ? ";" : ",");
  if (typeof separator !== "string" || separator === "" || /["\r\n]/.test(separator)) {
    throw invalidInput(`separator must be a non-empty string without quotes or line breaks.`);
  }
  if (separator === decimal) {
    throw invalidInput(`separator and decimal are both ${JSON.stringify(decimal)}: choose ";" as separator.`);
  }
  const newline = options.newline ?? "\n";
  if (newline !== "\n" && newline !== "\r\n") throw invalidInput(`newline must be "\\n" or "\\r\\n".`);
  const columns = options.columns ?? (Object.keys(CSV_COLUMNS) as CsvColumn[]);
  if (!Array.isArray(columns as unknown) || columns.length === 0)
    throw invalidInput("columns must name at least one column.");
  for (const c of columns) {
    if (!Object.hasOwn(CSV_COLUMNS, c)) {
      throw invalidInput(
        `Unknown CSV column ${JSON.stringify(c)}; the columns are ${Object.keys(CSV_COLUMNS).join(", ")}.`,
      );
    }
  }
  const offset = { offset: options.localOffset ?? "always" } as const;
  const quoteField = (field: string): string =>
    field.includes(separator) || /["\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
  const quantity = (q: number | null): string => {
    if (q === null) return "";
    const text = plainNumber(q);
    return decimal === "," ? text.replace(".", ",") : text;
  };
  const cell: Record<CsvColumn, (p: TimeSeriesPoint) => string> = {
    meteringPointId: (p) => quoteField(p.meteringPointId),
    start: (p) => quoteField(p.start),
    end: (p) => quoteField(p.end),
    startLocal: (p) => formatDanishTime(p.start, offset),
    endLocal: (p) => formatDanishTime(p.end, offset),
    quantity: (p) => quantity(p.quantity),
    quality: (p) => quoteField(p.quality),
    unit: (p) => quoteField(p.unit),
    resolution: (p) => quoteField(p.resolution),
    businessType: (p) => quoteField(p.businessType),
  };
  const cells = columns.map((c) => cell[c]);
  const names = columns.map((c) => quoteField(options.headers?.[c] ?? CSV_COLUMNS[c]));
  return {
    header: options.header === false ? "" : names.join(separator) + newline,
    row(point) {
      let line = "";
      for (let i = 0; i < cells.length; i++) {
        if (i > 0) line += separator;
        line += (cells[i] as (p: TimeSeriesPoint) => string)(point);
      }
      return line + newline;
    },
  };
}
