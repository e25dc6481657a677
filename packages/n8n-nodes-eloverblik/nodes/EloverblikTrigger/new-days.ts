import {
  addLocalDays,
  daysBetween,
  hoursInLocalDay,
  type TimeSeriesPoint,
} from "@eloverblik-kit/client/core";
import { type PointRecord, pointRecord } from "@eloverblik-kit/client/insights";

/** What a poll emits for one Danish day of one metering point. */
export interface NewDay {
  meteringPointId: string;
  date: string;
  /** Every point of the day (none for a day that stayed empty past the wait). */
  points: PointRecord[];
  /** Slots the day has at its resolution: 23, 24 or 25 hours, × 4 for quarter hours. */
  expectedPoints: number;
  /** Slots without a quantity (missing or "not available"). */
  missingPoints: number;
  complete: boolean;
}

function slotsPerHour(points: readonly TimeSeriesPoint[]): number {
  return points.some((p) => p.resolution === "PT15M") ? 4 : 1;
}

/**
 * The days of one metering point that a poll may emit, in order, from `start` up to yesterday:
 * each complete day (every slot of its 23, 24 or 25 hours has a quantity), and a day still
 * incomplete `maxWaitDays` after it ended (DataHub's data is 1–3 days late; a day it never
 * completes is then emitted as it is, with its missing points counted, rather than hold back every
 * later day). The first day that may still fill up ends the list, so no day is skipped and none is
 * emitted twice: the cursor moves to the last day returned.
 */
export function newDays(
  meteringPointId: string,
  points: readonly TimeSeriesPoint[],
  start: string,
  today: string,
  maxWaitDays: number,
): NewDay[] {
  const byDate = new Map<string, PointRecord[]>();
  for (const p of points) {
    const record = pointRecord(p);
    if (daysBetween(start, record.localDate) < 0) continue;
    const list = byDate.get(record.localDate) ?? [];
    if (list.length === 0) byDate.set(record.localDate, list);
    list.push(record);
  }
  const perHour = slotsPerHour(points);
  const out: NewDay[] = [];
  for (let date = start; daysBetween(date, today) > 0; date = addLocalDays(date, 1)) {
    const day = byDate.get(date) ?? [];
    const expectedPoints = hoursInLocalDay(date) * perHour;
    const filled = new Set(day.filter((p) => p.quantity !== null).map((p) => p.start)).size;
    const complete = filled >= expectedPoints;
    // Days after `date` have passed since it ended: today − date − 1.
    const waited = daysBetween(date, today) - 1;
    if (!complete && waited < maxWaitDays) break;
    out.push({
      meteringPointId,
      date,
      points: day,
      expectedPoints,
      missingPoints: Math.max(0, expectedPoints - filled),
      complete,
    });
  }
  return out;
}
