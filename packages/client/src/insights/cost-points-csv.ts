import type { CostPoint } from "./cost-types.js";

const COLUMNS = [
  "start",
  "end",
  "kWh",
  "spotDkkPerKwh",
  "gridTariffDkkPerKwh",
  "transmissionTariffDkkPerKwh",
  "systemTariffDkkPerKwh",
  "elafgiftDkkPerKwh",
  "supplierMarkupDkkPerKwh",
  "exclVatDkk",
  "totalDkk",
] as const;

/** Priced points as CSV (UTC instants; DKK excl. VAT per kWh, costs excl. and incl. VAT). */
export function costPointsToCsv(points: readonly CostPoint[], options: { decimal?: "." | "," } = {}): string {
  const comma = options.decimal === ",";
  const sep = comma ? ";" : ",";
  const cell = (v: string | number | null) =>
    v === null ? "" : typeof v === "number" ? (comma ? String(v).replace(".", ",") : String(v)) : v;
  const lines = [COLUMNS.join(sep)];
  for (const p of points) lines.push(COLUMNS.map((c) => cell(p[c])).join(sep));
  return `${lines.join("\r\n")}\r\n`;
}
