import { copenhagenOffsetMinutes, localParts } from "../time/danish-time.js";
import { toInstant } from "./to-instant.js";

const HOUR_MS = 3_600_000;

export interface DanishTimeOptions {
  /**
   * `"always"` (default): every time carries its offset, `2025-10-26 02:00+02:00`.
   * `"ambiguous"`: only the wall-clock times that occur twice (02:00–02:59 on the last Sunday of
   * October) carry it, `2025-10-26 02:00+02:00` then `2025-10-26 02:00+01:00`; every other time is
   * shown bare. Either way no two instants read the same.
   */
  offset?: "always" | "ambiguous";
  /** Include the date (default true); `false` gives `02:00+02:00`. */
  date?: boolean;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * True when the Danish wall-clock time of `ms` also occurs one hour earlier or later: the hour
 * after 02:00 on the autumn switch day is lived twice, first in summer time (+02:00), then in
 * winter time (+01:00).
 */
function isRepeatedWallTime(ms: number, offset: number): boolean {
  return offset === 120
    ? copenhagenOffsetMinutes(ms + HOUR_MS) === 60
    : copenhagenOffsetMinutes(ms - HOUR_MS) === 120;
}

/**
 * An instant on the Danish wall clock, unambiguous on daylight-saving days:
 * `2025-10-26 02:00+02:00` and, an hour later, `2025-10-26 02:00+01:00`. Seconds are shown only
 * when they are not zero. Computed from the EU summer-time rule, no `Intl`.
 */
export function formatDanishTime(instant: number | string, options: DanishTimeOptions = {}): string {
  const ms = toInstant(instant);
  const offset = copenhagenOffsetMinutes(ms);
  const p = localParts(ms);
  const seconds = Math.floor((((ms % 60_000) + 60_000) % 60_000) / 1000);
  let text = `${pad2(p.hour)}:${pad2(p.minute)}${seconds === 0 ? "" : `:${pad2(seconds)}`}`;
  if (options.offset !== "ambiguous" || isRepeatedWallTime(ms, offset)) {
    text += offset === 120 ? "+02:00" : "+01:00";
  }
  if (options.date === false) return text;
  return `${String(p.year).padStart(4, "0")}-${pad2(p.month)}-${pad2(p.day)} ${text}`;
}
