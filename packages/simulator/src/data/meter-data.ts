import type { MeteringPointSpec } from "../model/catalogue.js";
import { hashString, unitHash } from "../model/prng.js";
import { addLocalDays } from "../time/calendar.js";
import { localDateStartUtc, todayInDenmark } from "../time/copenhagen.js";
import { intervalWh } from "./profiles.js";

export type Quality = "A04" | "A03" | "A02";
export type NativeResolution = "PT15M" | "PT1H";

/** One Danish local day of a meter at its own resolution. */
export interface NativeDay {
  resolution: NativeResolution;
  startMs: number;
  endMs: number;
  /** Energy per interval in Wh; 0 where the quality is A02 (missing). */
  wh: number[];
  quality: Quality[];
}

const DAY_MS = 86_400_000;
const STEP_MS: Record<NativeResolution, number> = { PT15M: 900_000, PT1H: 3_600_000 };
const CACHE_LIMIT = 20_000;

export function nativeResolutionOn(mp: MeteringPointSpec, date: string): NativeResolution {
  return mp.quarterHourFrom !== undefined && date >= mp.quarterHourFrom ? "PT15M" : "PT1H";
}

/**
 * First local date NOT yet served: a day is present only when its end lies more than
 * `lagDays` days before `nowMs` (the 1–3 day lag described in reference §7).
 */
export function firstUnavailableDate(nowMs: number, lagDays: number): string {
  const limit = nowMs - lagDays * DAY_MS;
  let candidate = todayInDenmark(nowMs);
  while (localDateStartUtc(candidate) >= limit) candidate = addLocalDays(candidate, -1);
  return candidate;
}

/**
 * Meters fail in stretches, not in single readings: about one day in 200 has a few hours with no
 * reading (A02) and one in 40 a stretch of estimated values (A03). Positions are per interval.
 */
function qualityGap(
  seed: number,
  salt: number,
  dayStartMs: number,
  intervals: number,
): { from: number; to: number; quality: Quality } | undefined {
  const dice = unitHash(seed, salt, dayStartMs / 60_000, 7);
  if (dice >= 0.03) return undefined;
  const perHour = intervals > 30 ? 4 : 1;
  const hours =
    dice < 0.005
      ? 2 + Math.floor(unitHash(seed, salt, dayStartMs, 8) * 5)
      : 3 + Math.floor(unitHash(seed, salt, dayStartMs, 9) * 10);
  const from = Math.floor(unitHash(seed, salt, dayStartMs, 10) * (intervals - hours * perHour));
  return { from, to: from + hours * perHour, quality: dice < 0.005 ? "A02" : "A03" };
}

/**
 * Generates meter values on demand. Values are a pure function of (seed, meter, instant), so the
 * cache only saves time: clearing it never changes an answer.
 */
export class MeterData {
  private readonly cache = new Map<string, NativeDay>();

  constructor(private readonly seed: number) {}

  nativeDay(mp: MeteringPointSpec, date: string): NativeDay {
    const key = `${mp.id}|${date}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const resolution = nativeResolutionOn(mp, date);
    const step = STEP_MS[resolution];
    const startMs = localDateStartUtc(date);
    const endMs = localDateStartUtc(addLocalDays(date, 1));
    // Children share their parent's site salt, so e.g. export ≤ production at every instant.
    const salt = hashString(mp.parentId ?? mp.id);
    const ownSalt = hashString(mp.id);
    const wh: number[] = [];
    const quality: Quality[] = [];
    const gap = qualityGap(this.seed, ownSalt, startMs, (endMs - startMs) / step);
    for (let t = startMs, index = 0; t < endMs; t += step, index++) {
      const inGap = gap !== undefined && index >= gap.from && index < gap.to;
      if (inGap && gap.quality === "A02") {
        wh.push(0);
        quality.push("A02");
      } else {
        wh.push(intervalWh(mp.profile, this.seed, salt, t, step));
        quality.push(inGap ? "A03" : "A04");
      }
    }
    const day: NativeDay = { resolution, startMs, endMs, wh, quality };
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, day);
    return day;
  }
}

/** Quality of a sum: missing parts make it incomplete (A05), estimated parts make it estimated. */
export function combineQuality(qualities: readonly string[]): string {
  let missing = 0;
  let incomplete = false;
  let estimated = false;
  for (const q of qualities) {
    if (q === "A02") missing++;
    else if (q === "A05") incomplete = true;
    else if (q === "A03") estimated = true;
  }
  if (missing === qualities.length) return "A02";
  if (missing > 0 || incomplete) return "A05";
  return estimated ? "A03" : "A04";
}
