// How the tools' texts show numbers, times and dates. The figures and the Danish calendar come
// from the client's insights; this file only picks the MCP server's conventions.
import { danishDateOf, danishDay, formatDanishTime, roundTo } from "@eloverblik-kit/client/insights";

/**
 * A UTC instant on the Danish wall clock for the texts, e.g. "2024-01-15 18:00". The offset is
 * shown only where the clock repeats (the 25-hour day in October: "02:00+02:00", then
 * "02:00+01:00"), so no two instants read the same.
 */
export function localTime(instant: string | number): string {
  return formatDanishTime(instant, { offset: "ambiguous" });
}

/**
 * The Danish calendar date of an API date, e.g. "2024-04-30T22:00:00.000Z" → "2024-05-01";
 * `absent` when there is none or it cannot be read.
 */
export function localDate(value: string | null | undefined, absent = "?"): string {
  return danishDateOf(value) ?? absent;
}

/** Share as a percentage with one decimal, for text renderings. */
export function percent(share: number): string {
  return `${roundTo(share * 100, 1)}%`;
}

/** A number with up to `decimals` decimals, for text renderings. */
export function num(value: number | null | undefined, decimals = 3): string {
  return value === null || value === undefined ? "–" : String(roundTo(value, decimals));
}

/**
 * A line for a Danish day with a clock change, so that a text listing its hours is not misread;
 * undefined on an ordinary 24-hour day.
 */
export function clockChangeNote(date: string): string | undefined {
  const day = danishDay(date);
  if (day.change === null) return undefined;
  return day.change.kind === "summer-time-ends"
    ? `${date} has 25 hours: the clocks go back at 03:00, so 02:00–02:59 comes twice, first as +02:00 (summer time), then as +01:00.`
    : `${date} has 23 hours: the clocks jump from 02:00 to 03:00, so there is no 02:00–02:59.`;
}
