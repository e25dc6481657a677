/**
 * Calendar arithmetic on Danish local dates, `YYYY-MM-DD` strings (years 0000–9999). A calendar date
 * has no time zone, so this leans on `Date`'s proleptic Gregorian UTC calendar and never on an offset.
 *
 * The simulator keeps its own time code on purpose: it is the fake the client is tested against, and a
 * calendar or DST mistake shared with the client would pass every test. This file and copenhagen.ts are
 * written without reference to the client's implementation and are checked against `Intl` instead.
 */

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

/** Epoch ms of 00:00 UTC on a civil date; `month` and `day` may overflow, as `Date` allows. */
export function utcMidnight(year: number, month: number, day: number): number {
  // setUTCFullYear, unlike Date.UTC, does not read the years 0–99 as 1900–1999.
  return new Date(0).setUTCFullYear(year, month - 1, day);
}

function fromUtcMs(ms: number): CalendarDate {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(utcMidnight(year, month + 1, 0)).getUTCDate();
}

/** The date's parts, or undefined unless it is strictly `YYYY-MM-DD` and names a real day. */
export function parseLocalDate(date: string): CalendarDate | undefined {
  const match = DATE_PATTERN.exec(date);
  if (match === null) return undefined;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  // Date rolls 2025-02-29 over into March and month 13 into the next year: a real date comes back as given.
  const roundTrip = fromUtcMs(utcMidnight(year, month, day));
  return roundTrip.year === year && roundTrip.month === month && roundTrip.day === day
    ? roundTrip
    : undefined;
}

export function isValidLocalDate(date: string): boolean {
  return parseLocalDate(date) !== undefined;
}

function requireDate(date: string): CalendarDate {
  const parts = parseLocalDate(date);
  if (parts === undefined) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return parts;
}

function requireWhole(value: number, name: string): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be a whole number, got ${value}`);
  return value;
}

export function formatLocalDate({ year, month, day }: CalendarDate): string {
  if (!(year >= 0 && year <= 9999)) throw new RangeError(`year ${year} is outside 0000–9999`);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Shifts by whole calendar days (negative goes back). */
export function addLocalDays(date: string, days: number): string {
  const { year, month, day } = requireDate(date);
  return formatLocalDate(fromUtcMs(utcMidnight(year, month, day) + requireWhole(days, "days") * DAY_MS));
}

/** Shifts by calendar months; a day the target month lacks becomes its last day (01-31 + 1 = 02-28/29). */
export function addLocalMonths(date: string, months: number): string {
  const { year, month, day } = requireDate(date);
  const first = fromUtcMs(utcMidnight(year, month + requireWhole(months, "months"), 1));
  return formatLocalDate({ ...first, day: Math.min(day, lastDayOfMonth(first.year, first.month)) });
}

/** Shifts by calendar years; 29 February becomes 28 February in a common year. */
export function addLocalYears(date: string, years: number): string {
  return addLocalMonths(date, requireWhole(years, "years") * 12);
}

/** Calendar days from `from` to `to`, negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  const a = requireDate(from);
  const b = requireDate(to);
  return Math.round((utcMidnight(b.year, b.month, b.day) - utcMidnight(a.year, a.month, a.day)) / DAY_MS);
}
