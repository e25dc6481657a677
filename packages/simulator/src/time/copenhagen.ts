/**
 * Instants on the Danish wall clock, with the offset read from `Intl` (the platform's tz database for
 * "Europe/Copenhagen") instead of a hand-written summer-time rule. Speed matters little in a fake, but
 * it serves quarter hours by the hundred thousand, so the offset is cached per UTC hour: Copenhagen
 * switches between +01:00 and +02:00 on whole UTC hours, and an hour is only cached when `Intl` gives
 * its first and last millisecond the same offset, so a zone that switched mid-hour would stay exact.
 *
 * Needs a runtime with ICU time-zone data (Node's default full-icu build has it).
 */
import { type CalendarDate, formatLocalDate, parseLocalDate, utcMidnight } from "./calendar.js";

const HOUR_MS = 3_600_000;
const TIME_ZONE = "Europe/Copenhagen";

/** An instant on the Danish wall clock: its local date, hour and minute, and the weekday counted from Monday = 0. */
export type LocalParts = CalendarDate & { hour: number; minute: number; weekday: number };

let formatter: Intl.DateTimeFormat | undefined;

function copenhagenFormatter(): Intl.DateTimeFormat {
  formatter ??= new Intl.DateTimeFormat("en-US", {
    timeZone: TIME_ZONE,
    hourCycle: "h23",
    era: "short",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  return formatter;
}

/** The Danish wall clock at an instant, whole seconds, read as if it were a UTC time (epoch ms). */
function wallClockAsUtc(instantMs: number): number {
  const fields: Record<string, string> = {};
  for (const part of copenhagenFormatter().formatToParts(instantMs)) fields[part.type] = part.value;
  const year = fields.era === "BC" ? 1 - Number(fields.year) : Number(fields.year);
  const midnight = utcMidnight(year, Number(fields.month), Number(fields.day));
  return midnight + ((Number(fields.hour) * 60 + Number(fields.minute)) * 60 + Number(fields.second)) * 1000;
}

/** Local time minus UTC at an instant, straight from Intl (no cache), in ms. */
export function intlOffsetMs(instantMs: number): number {
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  return wallClockAsUtc(wholeSecond) - wholeSecond;
}

const offsetByUtcHour = new Map<number, number>();
// Points are mostly asked for in order, so the hour asked for last is checked first.
let lastHour = Number.NaN;
let lastOffset = 0;
/** About eleven years of hours; past that the cache starts again rather than grow without end. */
const CACHE_LIMIT = 100_000;

/** Local time minus UTC at an instant, in ms: 3 600 000 in winter, 7 200 000 in summer. */
export function offsetMs(instantMs: number): number {
  if (!Number.isFinite(instantMs)) throw new RangeError(`not an instant: ${instantMs}`);
  const hour = Math.floor(instantMs / HOUR_MS);
  if (hour === lastHour) return lastOffset;
  let offset = offsetByUtcHour.get(hour);
  if (offset === undefined) {
    offset = intlOffsetMs(hour * HOUR_MS);
    if (intlOffsetMs(hour * HOUR_MS + HOUR_MS - 1) !== offset) return intlOffsetMs(instantMs);
    if (offsetByUtcHour.size >= CACHE_LIMIT) offsetByUtcHour.clear();
    offsetByUtcHour.set(hour, offset);
  }
  lastHour = hour;
  lastOffset = offset;
  return offset;
}

/** The instant as a Date whose UTC fields read as the Danish wall clock. */
const wallClock = (instantMs: number): Date => new Date(instantMs + offsetMs(instantMs));

/** Danish wall-clock parts of an instant. */
export function localParts(instantMs: number): LocalParts {
  const wall = wallClock(instantMs);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    weekday: (wall.getUTCDay() + 6) % 7,
  };
}

/** The Danish calendar date an instant falls on. */
export function localDateOf(instantMs: number): string {
  const wall = wallClock(instantMs);
  return formatLocalDate({
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
  });
}

/** Today's date in Denmark at `nowMs`. */
export function todayInDenmark(nowMs: number): string {
  return localDateOf(nowMs);
}

/**
 * The instant of 00:00 Danish time on a date. Denmark switches at 02:00/03:00 local, so midnight
 * always exists exactly once; the answer is checked, not assumed.
 */
export function localDateStartUtc(date: string): number {
  const parts = parseLocalDate(date);
  if (parts === undefined) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const wall = utcMidnight(parts.year, parts.month, parts.day);
  // The offset at the instant we are looking for is the offset near it: guess, then correct once.
  const guess = wall - offsetMs(wall);
  const instant = wall - offsetMs(guess);
  if (instant + offsetMs(instant) !== wall) {
    throw new RangeError(`${date} has no 00:00 in ${TIME_ZONE}`);
  }
  return instant;
}
