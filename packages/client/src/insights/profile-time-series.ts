import { hoursInLocalDay, localDateOf, localParts } from "../time/danish-time.js";
import type { TimeSeriesPoint } from "../time-series/types.js";
import { groupByBusinessType } from "./group-by-business-type.js";
import { roundTo } from "./round-to.js";
import { WEEKDAYS, type Weekday } from "./weekdays.js";

const HOUR_MS = 3_600_000;

/** When energy is used: averages by Danish clock hour and by weekday. */
export interface LoadProfile {
  meteringPointId: string;
  businessType: string;
  unit: string;
  /**
   * Average per clock hour, index 0 = 00:00–01:00 Danish time, to 4 decimals; null for an hour
   * of the day with no complete hour in the data. On the 25-hour day both 02:00 hours count.
   */
  averageByHour: Array<number | null>;
  /** The same for Monday–Friday and for Saturday–Sunday. */
  weekdayAverageByHour: Array<number | null>;
  weekendAverageByHour: Array<number | null>;
  /** Average daily total per weekday (Monday first) over complete days, to 3 decimals. */
  averageByWeekday: Array<{ weekday: Weekday; averageDailyTotal: number | null; days: number }>;
  averageDailyTotal: number | null;
  /** Clock hour (0–23) with the highest and the lowest average. */
  peakHourOfDay: number | null;
  lowestHourOfDay: number | null;
  /** Complete hours and days that went into the averages. */
  hoursUsed: number;
  daysUsed: number;
  /**
   * The resolution of points coarser than an hour, which were left out (an hour-of-day profile
   * needs hourly or quarter-hourly data); null when there were none.
   */
  coarseResolution: string | null;
}

export interface ProfileInput {
  meteringPointId?: string;
  points: readonly TimeSeriesPoint[];
}

function averages(sums: readonly number[], counts: readonly number[]): Array<number | null> {
  return sums.map((s, i) => (counts[i] ? roundTo(s / (counts[i] as number), 4) : null));
}

class HourTable {
  readonly sums = new Array<number>(24).fill(0);
  readonly counts = new Array<number>(24).fill(0);
  add(hour: number, value: number): void {
    this.sums[hour] = (this.sums[hour] as number) + value;
    this.counts[hour] = (this.counts[hour] as number) + 1;
  }
}

/**
 * A load profile per business type of one metering point. Only complete hours (every part of the
 * hour present with a quantity) and complete days (every hour complete: 23, 24 or 25 of them)
 * count, so a missing stretch lowers no average.
 */
export function profileTimeSeries(input: ProfileInput): LoadProfile[] {
  const groups = groupByBusinessType(input.points);
  if (groups.size === 0) groups.set("", []);
  return [...groups].map(([businessType, points]) =>
    profileOne(input.meteringPointId ?? points[0]?.meteringPointId ?? "", businessType, points),
  );
}

function profileOne(
  meteringPointId: string,
  businessType: string,
  points: readonly TimeSeriesPoint[],
): LoadProfile {
  const slots = new Map<number, { sum: number; covered: number }>();
  let coarseResolution: string | null = null;
  for (const p of points) {
    const startMs = Date.parse(p.start);
    const duration = Date.parse(p.end) - startMs;
    if (duration > HOUR_MS) {
      coarseResolution ??= p.resolution;
      continue;
    }
    if (p.quantity === null || p.quality === "A02") continue;
    // Danish offsets are whole hours, so a UTC hour is exactly one clock hour on the Danish wall.
    const key = Math.floor(startMs / HOUR_MS);
    const slot = slots.get(key) ?? { sum: 0, covered: 0 };
    slot.sum += p.quantity;
    slot.covered += duration;
    slots.set(key, slot);
  }

  const all = new HourTable();
  const weekdays = new HourTable();
  const weekends = new HourTable();
  const days = new Map<string, { total: number; hours: number; weekday: number }>();
  let hoursUsed = 0;
  for (const [key, slot] of slots) {
    if (slot.covered < HOUR_MS) continue;
    hoursUsed++;
    const { hour, weekday } = localParts(key * HOUR_MS);
    all.add(hour, slot.sum);
    (weekday >= 5 ? weekends : weekdays).add(hour, slot.sum);
    const date = localDateOf(key * HOUR_MS);
    const day = days.get(date) ?? { total: 0, hours: 0, weekday };
    day.total += slot.sum;
    day.hours++;
    days.set(date, day);
  }

  const byWeekday = WEEKDAYS.map(() => ({ total: 0, days: 0 }));
  let allTotal = 0;
  let daysUsed = 0;
  for (const [date, day] of days) {
    if (day.hours !== hoursInLocalDay(date)) continue;
    const w = byWeekday[day.weekday] as { total: number; days: number };
    w.total += day.total;
    w.days++;
    allTotal += day.total;
    daysUsed++;
  }

  const averageByHour = averages(all.sums, all.counts);
  let peak: number | null = null;
  let lowest: number | null = null;
  for (let h = 0; h < 24; h++) {
    const v = averageByHour[h];
    if (v === null || v === undefined) continue;
    if (peak === null || v > (averageByHour[peak] as number)) peak = h;
    if (lowest === null || v < (averageByHour[lowest] as number)) lowest = h;
  }
  return {
    meteringPointId,
    businessType,
    unit: points[0]?.unit ?? "KWH",
    averageByHour,
    weekdayAverageByHour: averages(weekdays.sums, weekdays.counts),
    weekendAverageByHour: averages(weekends.sums, weekends.counts),
    averageByWeekday: WEEKDAYS.map((weekday, i) => {
      const w = byWeekday[i] as { total: number; days: number };
      return { weekday, averageDailyTotal: w.days ? roundTo(w.total / w.days, 3) : null, days: w.days };
    }),
    averageDailyTotal: daysUsed ? roundTo(allTotal / daysUsed, 3) : null,
    peakHourOfDay: peak,
    lowestHourOfDay: lowest,
    hoursUsed,
    daysUsed,
    coarseResolution,
  };
}
