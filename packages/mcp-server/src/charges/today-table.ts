import {
  addLocalDays,
  localDateStartUtc,
  localParts,
  type NormalizedCharges,
  tariffAt,
} from "@eloverblik-kit/client";
import { round } from "../format.js";

const HOUR_MS = 3_600_000;
const QUARTER_MS = 900_000;

export interface HourTariff {
  /** Local start, "HH:MM" (a DST day has 23 or 25 rows; the repeated hour appears twice). */
  hour: string;
  start: string;
  /** Sum of the tariffs in force, DKK per kWh excluding VAT (average over the hour's quarters). */
  total: number;
  /** Only when quarter-hour tariffs make the price vary within the hour. */
  min?: number;
  max?: number;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The total tariff for each hour of one Danish day, from the charges as they stand. */
export function hourlyTariffs(charges: Pick<NormalizedCharges, "tariffs">, date: string): HourTariff[] {
  const start = localDateStartUtc(date);
  const end = localDateStartUtc(addLocalDays(date, 1));
  const rows: HourTariff[] = [];
  for (let t = start; t < end; t += HOUR_MS) {
    const quarters = [0, 1, 2, 3].map((q) => tariffAt(charges, t + q * QUARTER_MS).total);
    const min = Math.min(...quarters);
    const max = Math.max(...quarters);
    const { hour, minute } = localParts(t);
    const row: HourTariff = {
      hour: `${pad2(hour)}:${pad2(minute)}`,
      start: new Date(t).toISOString(),
      total: round(quarters.reduce((a, b) => a + b, 0) / 4, 5),
    };
    if (max - min > 1e-9) {
      row.min = round(min, 5);
      row.max = round(max, 5);
    }
    rows.push(row);
  }
  return rows;
}

/** "00:00–06:00 0.5123 · 06:00–17:00 0.7654 …": runs of equal prices, for the text rendering. */
export function hourlyTariffText(rows: readonly HourTariff[]): string {
  const runs: string[] = [];
  let i = 0;
  while (i < rows.length) {
    const first = rows[i] as HourTariff;
    let j = i;
    while (j + 1 < rows.length && (rows[j + 1] as HourTariff).total === first.total) j++;
    const next = rows[j + 1];
    const endLabel = next ? next.hour : "24:00";
    runs.push(`${first.hour}–${endLabel} ${first.total}`);
    i = j + 1;
  }
  return runs.join(" · ");
}
