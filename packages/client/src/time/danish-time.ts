/**
 * Europe/Copenhagen calendar arithmetic, computed straight from the EU summer-time rule:
 * CET (UTC+1) all year, except CEST (UTC+2) from 01:00 UTC on the last Sunday of March until
 * 01:00 UTC on the last Sunday of October. Denmark has followed exactly this rule since 1996,
 * which covers every date the DataHub serves.
 *
 * Why not `Intl`: the client is bundled into hosts (n8n community nodes, browsers, edge
 * runtimes) where ICU time-zone data may be missing or trimmed, and `Intl.DateTimeFormat`
 * is far too slow for the per-point hot paths that stamp hundreds of thousands of rows.
 * The rule above is two integer comparisons per instant.
 *
 * Local dates are always `YYYY-MM-DD` strings; instants are epoch milliseconds.
 */

import { invalidInput } from "../errors/eloverblik-error.js";

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/** Parts of an instant on the Danish wall clock. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Monday … 6 = Sunday (ISO order). */
  weekday: number;
}

/** Days since 1970-01-01 for a proleptic Gregorian date (month 1–12). */
function daysFromCivil(year: number, month: number, day: number): number {
  // Howard Hinnant's algorithm: exact integer arithmetic, no Date objects.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of {@link daysFromCivil}. */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day number (since epoch) of the last Sunday of a month. */
function lastSundayDay(year: number, month: number): number {
  const last = daysFromCivil(year, month, daysInMonth(year, month));
  // 1970-01-01 was a Thursday; with Monday = 0 that is weekday 3.
  const weekday = (((last + 3) % 7) + 7) % 7;
  return last - ((weekday - 6 + 7) % 7);
}

// The two switch instants depend only on the year; cache them because flattening calls
// into this for every point of multi-year series.
const switchCache = new Map<number, readonly [number, number]>();

function switchInstants(year: number): readonly [number, number] {
  let hit = switchCache.get(year);
  if (hit === undefined) {
    hit = [
      lastSundayDay(year, 3) * MS_PER_DAY + MS_PER_HOUR,
      lastSundayDay(year, 10) * MS_PER_DAY + MS_PER_HOUR,
    ];
    switchCache.set(year, hit);
  }
  return hit;
}

function utcYear(instantMs: number): number {
  return civilFromDays(Math.floor(instantMs / MS_PER_DAY)).year;
}

/** Refuses what is not epoch milliseconds (a Date, a string, NaN) instead of computing "NaN-NaN-NaN". */
function requireInstant(instantMs: unknown): void {
  if (typeof instantMs === "number" && Number.isFinite(instantMs)) return;
  const what =
    instantMs instanceof Date || Object.prototype.toString.call(instantMs) === "[object Date]"
      ? "a Date (pass date.getTime())"
      : typeof instantMs === "string"
        ? `the string ${JSON.stringify(instantMs.length > 30 ? `${instantMs.slice(0, 30)}…` : instantMs)} (pass Date.parse(text))`
        : typeof instantMs === "number"
          ? String(instantMs)
          : instantMs === null
            ? "null"
            : typeof instantMs;
  throw invalidInput(`Expected an instant as epoch milliseconds (a finite number); got ${what}.`);
}

function requireWhole(value: unknown, name: string): number {
  if (typeof value === "number" && Number.isFinite(value)) return Math.trunc(value);
  throw invalidInput(
    `${name} must be a finite number; got ${value === null ? "null" : typeof value === "number" ? String(value) : typeof value}.`,
  );
}

/** Offset of Danish local time from UTC at an instant, in minutes. */
export function copenhagenOffsetMinutes(instantMs: number): 60 | 120 {
  requireInstant(instantMs);
  const [start, end] = switchInstants(utcYear(instantMs));
  return instantMs >= start && instantMs < end ? 120 : 60;
}

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseLocalDate(date: string): { year: number; month: number; day: number } | undefined {
  if (typeof date !== "string") return undefined;
  const m = LOCAL_DATE_RE.exec(date);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

function requireLocalDate(date: string): { year: number; month: number; day: number } {
  const parsed = parseLocalDate(date);
  if (parsed === undefined) {
    const shown =
      typeof date === "string"
        ? JSON.stringify(date.length > 30 ? `${date.slice(0, 30)}…` : date)
        : Object.prototype.toString.call(date) === "[object Date]"
          ? "a Date (local dates are YYYY-MM-DD strings)"
          : date === null
            ? "null"
            : typeof date;
    throw invalidInput(`Invalid local date ${shown}: expected a real calendar date as YYYY-MM-DD.`);
  }
  return parsed;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function formatDate(year: number, month: number, day: number): string {
  const y = year >= 0 && year < 10000 ? String(year).padStart(4, "0") : String(year);
  return `${y}-${pad2(month)}-${pad2(day)}`;
}

/** True when `date` is strictly `YYYY-MM-DD` and names a real calendar date. */
export function isValidLocalDate(date: string): boolean {
  return parseLocalDate(date) !== undefined;
}

/**
 * Epoch ms of local midnight (00:00 Danish time) on a date. Midnight is never inside a DST
 * gap in Denmark (switches happen at 02:00/03:00 local), so this is always well defined.
 */
export function localDateStartUtc(date: string): number {
  const { year, month, day } = requireLocalDate(date);
  const wallAsUtc = daysFromCivil(year, month, day) * MS_PER_DAY;
  // Midnight local is 22:00 or 23:00 UTC the day before, never near a switch instant
  // (01:00 UTC), so guessing with the offset at the wall-clock instant is exact.
  return wallAsUtc - copenhagenOffsetMinutes(wallAsUtc) * MS_PER_MINUTE;
}

/** Danish wall-clock parts of an instant. */
export function localParts(instantMs: number): LocalParts {
  const local = instantMs + copenhagenOffsetMinutes(instantMs) * MS_PER_MINUTE;
  const days = Math.floor(local / MS_PER_DAY);
  const msOfDay = local - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(msOfDay / MS_PER_HOUR),
    minute: Math.floor((msOfDay % MS_PER_HOUR) / MS_PER_MINUTE),
    weekday: (((days + 3) % 7) + 7) % 7,
  };
}

/** The Danish calendar date on which an instant falls. */
export function localDateOf(instantMs: number): string {
  const local = instantMs + copenhagenOffsetMinutes(instantMs) * MS_PER_MINUTE;
  const { year, month, day } = civilFromDays(Math.floor(local / MS_PER_DAY));
  return formatDate(year, month, day);
}

/** Today's date in Denmark, given the current instant (injected so callers stay testable). */
export function todayInDenmark(nowMs: number): string {
  return localDateOf(nowMs);
}

/** Calendar-day shift; `days` may be negative. */
export function addLocalDays(date: string, days: number): string {
  const { year, month, day } = requireLocalDate(date);
  const shifted = civilFromDays(daysFromCivil(year, month, day) + requireWhole(days, "days"));
  return formatDate(shifted.year, shifted.month, shifted.day);
}

/**
 * Calendar-month shift. A day that does not exist in the target month is clamped to the
 * month's last day (2024-01-31 + 1 month = 2024-02-29), the usual billing convention.
 */
export function addLocalMonths(date: string, months: number): string {
  const { year, month, day } = requireLocalDate(date);
  const index = year * 12 + (month - 1) + requireWhole(months, "months");
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12 + 1;
  return formatDate(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

/** Calendar-year shift; 29 February clamps to 28 February in non-leap years. */
export function addLocalYears(date: string, years: number): string {
  return addLocalMonths(date, requireWhole(years, "years") * 12);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = requireLocalDate(from);
  const b = requireLocalDate(to);
  return daysFromCivil(b.year, b.month, b.day) - daysFromCivil(a.year, a.month, a.day);
}

/** Length of a Danish local day in hours: 23 on the spring switch, 25 on the autumn one. */
export function hoursInLocalDay(date: string): 23 | 24 | 25 {
  const hours = (localDateStartUtc(addLocalDays(date, 1)) - localDateStartUtc(date)) / MS_PER_HOUR;
  return hours === 23 ? 23 : hours === 25 ? 25 : 24;
}

/** Internal helpers shared with the other domain modules (not part of the public API). */
export const _internal = { daysFromCivil, civilFromDays, daysInMonth, isLeapYear, switchInstants };
