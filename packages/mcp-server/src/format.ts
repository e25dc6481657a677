import { localDateOf, localParts } from "@eloverblik-kit/client";

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Rounds to a fixed number of decimals without trailing float noise (0.1 + 0.2 → 0.3). */
export function round(value: number, decimals = 3): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** A UTC instant shown on the Danish wall clock, e.g. "2024-01-15 18:00". */
export function localTime(instant: string | number): string {
  const ms = typeof instant === "number" ? instant : Date.parse(instant);
  const p = localParts(ms);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The Danish calendar date of an instant, e.g. "2024-04-30T22:00:00.000Z" → "2024-05-01". The
 * API sends the start of a Danish day as the UTC instant before midnight, so cutting the string
 * would show the day before. A bare date is already local; an instant without a zone is read as
 * UTC, as the API means it; anything unreadable is shown as it came.
 */
export function localDate(value: string | null | undefined, absent = "?"): string {
  if (value === null || value === undefined || value.trim() === "") return absent;
  const text = value.trim();
  if (LOCAL_DATE.test(text)) return text;
  const ms = Date.parse(HAS_ZONE.test(text) ? text : `${text}Z`);
  return Number.isNaN(ms) ? text : localDateOf(ms);
}

/** Share as a percentage with one decimal, for text renderings. */
export function percent(share: number): string {
  return `${round(share * 100, 1)}%`;
}

/** A number with up to `decimals` decimals, for text renderings. */
export function num(value: number | null | undefined, decimals = 3): string {
  return value === null || value === undefined ? "–" : String(round(value, decimals));
}

export const WEEKDAYS = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;

/** Pretty unit name for text: the API says "KWH". */
export function unitLabel(unit: string): string {
  return unit.toUpperCase() === "KWH" ? "kWh" : unit;
}
