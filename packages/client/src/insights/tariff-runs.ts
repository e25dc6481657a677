import type { TariffTableRow } from "./tariff-table.js";

/** A stretch of consecutive rows with the same total. */
export interface TariffRun {
  start: string;
  end: string;
  /** `clock` of the first row. */
  clock: string;
  /** `clock` of the row after the run, or `"24:00"` at the end of the day. */
  clockEnd: string;
  total: number;
  rows: number;
}

/** Joins a tariff table's rows into runs of equal totals ("00:00–06:00 0.5123 · 06:00–17:00 …"). */
export function tariffRuns(rows: readonly TariffTableRow[]): TariffRun[] {
  const runs: TariffRun[] = [];
  let i = 0;
  while (i < rows.length) {
    const first = rows[i] as TariffTableRow;
    let j = i;
    while (j + 1 < rows.length && (rows[j + 1] as TariffTableRow).total === first.total) j++;
    const last = rows[j] as TariffTableRow;
    const next = rows[j + 1];
    runs.push({
      start: first.start,
      end: last.end,
      clock: first.clock,
      clockEnd: next ? next.clock : "24:00",
      total: first.total,
      rows: j - i + 1,
    });
    i = j + 1;
  }
  return runs;
}
