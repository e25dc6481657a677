import type { NormalizedCharges } from "../charges/normalize-charges.js";
import { type SkippedTariff, tariffAt } from "../charges/tariff-at.js";
import { invalidInput } from "../errors/eloverblik-error.js";
import { addLocalDays, hoursInLocalDay, localDateStartUtc } from "../time/danish-time.js";
import { type DanishTimeOptions, formatDanishTime } from "./format-danish-time.js";
import { roundTo } from "./round-to.js";

const QUARTER_MS = 900_000;

export interface TariffTableRow {
  start: string;
  end: string;
  /** Danish clock time of the start, `02:00+02:00` (the repeated hour of the 25-hour day reads twice, each with its offset). */
  clock: string;
  /** Sum of the tariffs in force, DKK per kWh excluding VAT, to 6 decimals (per hour: the average of its quarters). */
  total: number;
  /** Only when quarter-hour tariffs make the price vary within an hour row. */
  min?: number;
  max?: number;
}

export interface TariffTable {
  date: string;
  /** 23, 24 or 25: the number of hour rows (PT1H), a quarter of the quarter-hour rows (PT15M). */
  hours: 23 | 24 | 25;
  resolution: "PT1H" | "PT15M";
  rows: TariffTableRow[];
  /** Tariffs in force that could not be priced at some instant of the day, each once per reason. */
  skipped: SkippedTariff[];
}

export interface TariffTableOptions {
  /** One row per hour (default) or per quarter hour. */
  resolution?: "PT1H" | "PT15M";
  /** How `clock` shows the offset (see `formatDanishTime`); default `"always"`. */
  offset?: DanishTimeOptions["offset"];
}

/**
 * The total tariff (DKK per kWh excluding VAT) for each hour or quarter hour of one Danish day:
 * today's table, tomorrow's (announced tariffs count from their validFrom), any date. The charges
 * are priced as they stand; for a past date, whose tariffs Eloverblik no longer serves, pass
 * `{ tariffs: currentTariffs(charges, nowMs) }` to show today's prices instead.
 */
export function tariffTable(
  charges: Pick<NormalizedCharges, "tariffs">,
  date: string,
  options: TariffTableOptions = {},
): TariffTable {
  const resolution = options.resolution ?? "PT1H";
  if (resolution !== "PT1H" && resolution !== "PT15M") {
    throw invalidInput(`resolution must be "PT1H" or "PT15M"; got ${JSON.stringify(resolution)}.`);
  }
  const startMs = localDateStartUtc(date);
  const endMs = localDateStartUtc(addLocalDays(date, 1));
  const step = resolution === "PT1H" ? 4 * QUARTER_MS : QUARTER_MS;
  const skipped = new Map<string, SkippedTariff>();
  const rows: TariffTableRow[] = [];
  for (let t = startMs; t < endMs; t += step) {
    const quarters: number[] = [];
    for (let q = t; q < t + step; q += QUARTER_MS) {
      const at = tariffAt(charges, q);
      quarters.push(at.total);
      for (const s of at.skipped) skipped.set(`${s.priceId}|${s.name}|${s.reason}`, s);
    }
    const min = Math.min(...quarters);
    const max = Math.max(...quarters);
    const row: TariffTableRow = {
      start: new Date(t).toISOString(),
      end: new Date(t + step).toISOString(),
      clock: formatDanishTime(t, { date: false, offset: options.offset ?? "always" }),
      total: roundTo(quarters.reduce((a, b) => a + b, 0) / quarters.length, 6),
    };
    if (max - min > 1e-9) {
      row.min = roundTo(min, 6);
      row.max = roundTo(max, 6);
    }
    rows.push(row);
  }
  return { date, hours: hoursInLocalDay(date), resolution, rows, skipped: [...skipped.values()] };
}
