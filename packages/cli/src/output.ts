import Table from "cli-table3";
import type { Io } from "./io.js";

export const FORMATS = ["table", "json", "ndjson", "csv"] as const;
export type Format = (typeof FORMATS)[number];

export interface Column {
  key: string;
  header: string;
  align?: "left" | "right";
}

/** What a command shows, in every format: data for scripts, a table and a chart for people. */
export interface Dataset {
  /** `--format json`: one JSON document. */
  json: unknown;
  /** `--format ndjson|csv|table`: one flat record per line or row. */
  rows: readonly object[];
  columns: readonly Column[];
  /** Its own CSV writer (time series: the insights layer's), instead of the generic one. */
  csv?: (sink: NodeJS.WritableStream) => Promise<unknown>;
  /** Lines after the table (a chart, a heading), table format only. */
  after?: readonly string[];
  before?: readonly string[];
}

function cell(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.map(cell).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function csvField(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ""
      : Array.isArray(value)
        ? value.join(" ")
        : typeof value === "object"
          ? JSON.stringify(value)
          : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderTable(rows: readonly object[], columns: readonly Column[]): string {
  const table = new Table({
    head: columns.map((c) => c.header),
    colAligns: columns.map((c) => c.align ?? "left"),
    style: { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
  });
  for (const row of rows) table.push(columns.map((c) => cell((row as Record<string, unknown>)[c.key])));
  return table.toString();
}

/** Writes a dataset to stdout in the chosen format. */
export async function render(io: Io, format: Format, data: Dataset): Promise<void> {
  switch (format) {
    case "json":
      io.out(JSON.stringify(data.json, null, 2));
      return;
    case "ndjson":
      for (const row of data.rows) io.out(JSON.stringify(row));
      return;
    case "csv":
      if (data.csv) {
        await data.csv(io.stdoutStream);
        return;
      }
      io.out(data.columns.map((c) => csvField(c.key)).join(","));
      for (const row of data.rows) {
        io.out(data.columns.map((c) => csvField((row as Record<string, unknown>)[c.key])).join(","));
      }
      return;
    case "table":
      for (const line of data.before ?? []) io.out(line);
      if (data.rows.length > 0) io.out(renderTable(data.rows, data.columns));
      for (const line of data.after ?? []) io.out(line);
      return;
  }
}
