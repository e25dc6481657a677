import { addLocalDays, hoursInLocalDay, localDateStartUtc } from "../time/danish-time.js";

const HOUR_MS = 3_600_000;

/** One Danish calendar day as instants, with its length and any clock change. */
export interface DanishDay {
  date: string;
  /** Local midnight as a UTC ISO instant (22:00Z or 23:00Z the day before). */
  start: string;
  /** The next local midnight (exclusive end). */
  end: string;
  /** 23 on the last Sunday of March, 25 on the last Sunday of October, else 24. */
  hours: 23 | 24 | 25;
  /**
   * `summer-time-starts`: at 02:00 the clocks jump to 03:00, so 02:00–02:59 does not exist.
   * `summer-time-ends`: at 03:00 summer time the clocks go back to 02:00, so 02:00–02:59 is lived
   * twice (+02:00, then +01:00). null on every other day.
   */
  change: null | { kind: "summer-time-starts" | "summer-time-ends"; at: string };
}

/** What a Danish local date (YYYY-MM-DD) spans, for noting 23- and 25-hour days. */
export function danishDay(date: string): DanishDay {
  const startMs = localDateStartUtc(date);
  const endMs = localDateStartUtc(addLocalDays(date, 1));
  const hours = hoursInLocalDay(date);
  // Both switches happen at 01:00 UTC: 2 h after a winter midnight, 3 h after a summer one.
  const change =
    hours === 23
      ? { kind: "summer-time-starts" as const, at: new Date(startMs + 2 * HOUR_MS).toISOString() }
      : hours === 25
        ? { kind: "summer-time-ends" as const, at: new Date(startMs + 3 * HOUR_MS).toISOString() }
        : null;
  return {
    date,
    start: new Date(startMs).toISOString(),
    end: new Date(endMs).toISOString(),
    hours,
    change,
  };
}
