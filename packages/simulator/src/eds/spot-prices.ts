import { unitHash } from "../model/prng.js";
import { addLocalDays as addDays } from "../time/calendar.js";
import { localDateStartUtc, localParts, todayInDenmark } from "../time/copenhagen.js";

const HOUR_MS = 3_600_000;
const QUARTER_MS = 900_000;

/** First delivery day the simulator has prices for, and the day `DayAheadPrices` takes over. */
export const PRICES_FROM = "2021-01-01";
export const DAY_AHEAD_FROM = "2025-10-01";
export const PRICE_AREAS = ["DK1", "DK2"] as const;
export const EUR_RATE = 7.46;

// Yearly level in DKK/MWh: roughly the shape of the real years, nothing more.
const LEVEL: Record<number, number> = { 2021: 650, 2022: 1400, 2023: 650, 2024: 520, 2025: 580, 2026: 600 };

/** Day-ahead price of a quarter hour or hour, DKK/MWh to two decimals: a pure function of its inputs. */
export function spotPrice(seed: number, area: string, startMs: number, quarter: boolean): number {
  const parts = localParts(startMs);
  const level = LEVEL[parts.year] ?? 600;
  // Morning and evening peaks, cheap nights, an occasional negative hour at midday in summer.
  const h = parts.hour;
  const shape = h < 6 ? 0.6 : h < 8 ? 1.1 : h < 16 ? 0.9 : h < 21 ? 1.5 : 0.85;
  const hourStart = Math.floor(startMs / HOUR_MS) * HOUR_MS;
  const hourNoise = unitHash(seed, area === "DK1" ? 1 : 2, hourStart / HOUR_MS) - 0.5;
  let price = level * shape * (1 + hourNoise * 0.4) + (area === "DK2" ? 35 : 0);
  if (parts.month >= 5 && parts.month <= 8 && h >= 11 && h <= 14 && hourNoise > 0.4)
    price = -25 - hourNoise * 40;
  if (quarter) price += (unitHash(seed, 7, startMs / QUARTER_MS) - 0.5) * 0.12 * level;
  return Math.round(price * 100) / 100;
}

export interface PriceRow {
  startMs: number;
  area: string;
  /** null: not published yet (tomorrow before 13:00 Danish time). */
  dkk: number | null;
  eur: number | null;
}

/**
 * Rows exist up to the end of tomorrow (Danish time); tomorrow's prices are null until the day-ahead
 * auction is published at 13:00 today.
 */
export function publishedUntil(nowMs: number): { rowsEndMs: number; pricesEndMs: number } {
  const today = todayInDenmark(nowMs);
  const tomorrow = addDays(today, 1);
  const rowsEndMs = localDateStartUtc(addDays(today, 2));
  const pricesEndMs = localParts(nowMs).hour >= 13 ? rowsEndMs : localDateStartUtc(tomorrow);
  return { rowsEndMs, pricesEndMs };
}

/** The rows of one dataset between two instants, for the areas asked (every area without a filter). */
export function priceRows(
  seed: number,
  dataset: "Elspotprices" | "DayAheadPrices",
  fromMs: number,
  toMs: number,
  areas: readonly string[],
  nowMs: number,
): PriceRow[] {
  const quarter = dataset === "DayAheadPrices";
  const step = quarter ? QUARTER_MS : HOUR_MS;
  const switchMs = localDateStartUtc(DAY_AHEAD_FROM);
  const { rowsEndMs, pricesEndMs } = publishedUntil(nowMs);
  const lo = Math.max(fromMs, quarter ? switchMs : localDateStartUtc(PRICES_FROM));
  const hi = Math.min(toMs, quarter ? rowsEndMs : Math.min(switchMs, rowsEndMs));
  const rows: PriceRow[] = [];
  const first = Math.ceil(lo / step) * step;
  for (const area of areas) {
    for (let t = first; t < hi; t += step) {
      const dkk = t < pricesEndMs ? spotPrice(seed, area, t, quarter) : null;
      rows.push({
        startMs: t,
        area,
        dkk,
        eur: dkk === null ? null : Math.round((dkk / EUR_RATE) * 100) / 100,
      });
    }
  }
  return rows;
}
