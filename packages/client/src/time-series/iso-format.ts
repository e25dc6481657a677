import { _internal } from "../time/danish-time.js";

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

let minuteSuffixes: string[] | undefined;

// "HH:MM:00.000Z" for each minute of a UTC day, built on first use.
function suffixes(): string[] {
  if (minuteSuffixes === undefined) {
    const table: string[] = new Array(1440);
    for (let m = 0; m < 1440; m++) {
      const h = Math.floor(m / 60);
      const mm = m % 60;
      table[m] = `${h < 10 ? "0" : ""}${h}:${mm < 10 ? "0" : ""}${mm}:00.000Z`;
    }
    minuteSuffixes = table;
  }
  return minuteSuffixes;
}

/**
 * Returns a formatter producing exactly what `new Date(ms).toISOString()` does, but for
 * whole-minute instants it reuses a cached date prefix and a precomputed time-of-day suffix
 * instead of going through Date for each of hundreds of thousands of points. Each formatter
 * remembers the last UTC day it saw, which is the common case for consecutive points.
 */
export function createIsoFormatter(): (ms: number) => string {
  const table = suffixes();
  let cachedDay = Number.NaN;
  let cachedPrefix = "";
  return (ms: number): string => {
    if (ms % MS_PER_MINUTE !== 0) return new Date(ms).toISOString();
    const day = Math.floor(ms / MS_PER_DAY);
    if (day !== cachedDay) {
      const { year, month, day: dd } = _internal.civilFromDays(day);
      if (year < 0 || year > 9999) return new Date(ms).toISOString();
      cachedDay = day;
      cachedPrefix = `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${dd < 10 ? "0" : ""}${dd}T`;
    }
    return cachedPrefix + (table[(ms - day * MS_PER_DAY) / MS_PER_MINUTE] as string);
  };
}
