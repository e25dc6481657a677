import { localParts } from "../time/copenhagen.js";
import type * as Wire from "../wire.js";

/** Semicolon-separated with CRLF line ends, the Danish spreadsheet convention. */
export function toCsv(header: string[], rows: string[][]): string {
  const cell = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return [header, ...rows].map((row) => row.map(cell).join(";")).join("\r\n") + "\r\n";
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `31-12-2024 23:00:00` in Danish local time. */
export function danishTimestamp(ms: number): string {
  const p = localParts(ms);
  return `${pad(p.day)}-${pad(p.month)}-${p.year} ${pad(p.hour)}:${pad(p.minute)}:00`;
}

/** Decimal comma, as Danish spreadsheets expect. */
export const danishDecimal = (value: string | number): string => String(value).replace(".", ",");

const QUALITY_NAMES: Record<string, string> = {
  A04: "Målt",
  A03: "Estimeret",
  A02: "Mangler",
  A05: "Ufuldstændig",
};
const STEP_MS: Record<string, number> = { PT15M: 900_000, PT1H: 3_600_000 };

/** One row per point of a time-series document. */
export function timeSeriesRows(document: Wire.MarketDocument): string[][] {
  const rows: string[][] = [];
  for (const series of document.TimeSeries ?? []) {
    for (const period of series.Period ?? []) {
      const start = Date.parse(period.timeInterval?.start ?? "");
      const end = Date.parse(period.timeInterval?.end ?? "");
      const step = STEP_MS[period.resolution ?? ""];
      for (const point of period.Point ?? []) {
        const index = Number(point.position) - 1;
        const from = step === undefined ? start : start + index * step;
        const to = step === undefined ? end : from + step;
        const quality = point["out_Quantity.quality"] ?? "";
        rows.push([
          series.mRID ?? "",
          danishTimestamp(from),
          danishTimestamp(to),
          danishDecimal(point["out_Quantity.quantity"] ?? ""),
          series["measurement_Unit.name"] ?? "KWH",
          QUALITY_NAMES[quality] ?? quality,
          period.resolution ?? "",
        ]);
      }
    }
  }
  return rows;
}

export const TIME_SERIES_HEADER = [
  "Målepunkt id",
  "Fra dato",
  "Til dato",
  "Mængde",
  "Måleenhed",
  "Kvalitet",
  "Opløsning",
];
