import { hoursInLocalDay, localDateOf, localParts, type TimeSeriesPoint } from "@eloverblik-kit/client";
import { round, WEEKDAYS } from "../format.js";

const HOUR_MS = 3_600_000;

export interface ConsumptionProfile {
  meteringPointId: string;
  businessType: string;
  unit: string;
  /** Average per local hour of day, index 0 = 00:00–01:00 Danish time. */
  averageByHour: number[];
  /** The same for Monday–Friday and for Saturday–Sunday. */
  weekdayAverageByHour: number[];
  weekendAverageByHour: number[];
  averageByWeekday: Array<{ weekday: string; averageDailyTotal: number | null; days: number }>;
  averageDailyTotal: number | null;
  peakHourOfDay: number | null;
  lowestHourOfDay: number | null;
  /** Complete hours and days that went into the averages. */
  hoursUsed: number;
  daysUsed: number;
  notes: string[];
}

interface Slot {
  sum: number;
  covered: number;
}

function averages(sums: number[], counts: number[]): number[] {
  return sums.map((s, i) => (counts[i] ? round(s / (counts[i] as number), 4) : 0));
}

/**
 * Averages by local hour of day and by weekday. Only complete hours (every quarter present and
 * measured or estimated) and complete days (every hour complete, 23 or 25 on DST days) count, so a
 * missing stretch lowers no average.
 */
export function buildProfile(
  meteringPointId: string,
  businessType: string,
  points: readonly TimeSeriesPoint[],
): ConsumptionProfile | { coarse: string } {
  const slots = new Map<number, Slot>();
  let coarse: string | undefined;
  for (const p of points) {
    const startMs = Date.parse(p.start);
    const duration = Date.parse(p.end) - startMs;
    if (duration > HOUR_MS) {
      coarse = p.resolution;
      continue;
    }
    if (p.quantity === null || p.quality === "A02") continue;
    // Danish offsets are whole hours, so a UTC hour is exactly one local clock hour.
    const key = Math.floor(startMs / HOUR_MS);
    const slot = slots.get(key) ?? { sum: 0, covered: 0 };
    slot.sum += p.quantity;
    slot.covered += duration;
    slots.set(key, slot);
  }
  if (slots.size === 0 && coarse) return { coarse };

  const hourSums = new Array<number>(24).fill(0);
  const hourCounts = new Array<number>(24).fill(0);
  const weekdaySums = new Array<number>(24).fill(0);
  const weekdayCounts = new Array<number>(24).fill(0);
  const weekendSums = new Array<number>(24).fill(0);
  const weekendCounts = new Array<number>(24).fill(0);
  const days = new Map<string, { total: number; hours: number; weekday: number }>();
  let hoursUsed = 0;
  for (const [key, slot] of slots) {
    if (slot.covered < HOUR_MS) continue;
    hoursUsed++;
    const { hour, weekday } = localParts(key * HOUR_MS);
    hourSums[hour] = (hourSums[hour] as number) + slot.sum;
    hourCounts[hour] = (hourCounts[hour] as number) + 1;
    const [sums, counts] = weekday >= 5 ? [weekendSums, weekendCounts] : [weekdaySums, weekdayCounts];
    sums[hour] = (sums[hour] as number) + slot.sum;
    counts[hour] = (counts[hour] as number) + 1;
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

  const averageByHour = averages(hourSums, hourCounts);
  let peak: number | null = null;
  let lowest: number | null = null;
  for (let h = 0; h < 24; h++) {
    if (!hourCounts[h]) continue;
    if (peak === null || (averageByHour[h] as number) > (averageByHour[peak] as number)) peak = h;
    if (lowest === null || (averageByHour[h] as number) < (averageByHour[lowest] as number)) lowest = h;
  }
  const notes: string[] = [];
  if (coarse) notes.push(`Points coarser than an hour (${coarse}) were left out.`);
  if (hoursUsed === 0) notes.push("No complete hour in the period: nothing to average.");
  else if (daysUsed === 0) notes.push("No complete day in the period: weekday averages are empty.");
  if (daysUsed > 0 && daysUsed < 14) {
    notes.push(`Only ${daysUsed} complete day(s): weekday averages rest on one or two days each.`);
  }
  return {
    meteringPointId,
    businessType,
    unit: points[0]?.unit ?? "KWH",
    averageByHour,
    weekdayAverageByHour: averages(weekdaySums, weekdayCounts),
    weekendAverageByHour: averages(weekendSums, weekendCounts),
    averageByWeekday: WEEKDAYS.map((weekday, i) => {
      const w = byWeekday[i] as { total: number; days: number };
      return { weekday, averageDailyTotal: w.days ? round(w.total / w.days) : null, days: w.days };
    }),
    averageDailyTotal: daysUsed ? round(allTotal / daysUsed) : null,
    peakHourOfDay: peak,
    lowestHourOfDay: lowest,
    hoursUsed,
    daysUsed,
    notes,
  };
}
