import { describe, expect, it } from "vitest";
import { profileTimeSeries } from "../../src/insights/profile-time-series.js";
import { HOUR, MP, QUARTER, run, span } from "./points.js";

describe("profileTimeSeries", () => {
  // Two winter weeks from Monday 2025-01-06 00:00 local (2025-01-05T23:00Z): no clock change, so
  // hour i of the run is local hour i % 24 of day floor(i / 24).
  const weeks = run("2025-01-05T23:00:00Z", 14 * 24, HOUR, (i) => {
    const day = Math.floor(i / 24);
    const hour = i % 24;
    const weekend = day % 7 >= 5;
    return { quantity: weekend ? 1 : hour === 18 ? 2 : 0.5 };
  });

  it("averages by clock hour, weekday and weekend, and per weekday", () => {
    const [p, more] = profileTimeSeries({ meteringPointId: MP, points: weeks });
    expect(more).toBeUndefined();
    expect(p).toMatchObject({ meteringPointId: MP, businessType: "A04", hoursUsed: 336, daysUsed: 14 });
    expect(p?.averageByHour[18]).toBe(1.7143); // (10 × 2 + 4 × 1) / 14
    expect(p?.averageByHour[3]).toBe(0.6429); // (10 × 0.5 + 4 × 1) / 14
    expect(p?.weekdayAverageByHour[18]).toBe(2);
    expect(p?.weekdayAverageByHour[0]).toBe(0.5);
    expect(p?.weekendAverageByHour.every((v) => v === 1)).toBe(true);
    expect(p?.averageByWeekday).toEqual([
      { weekday: "Monday", averageDailyTotal: 13.5, days: 2 },
      { weekday: "Tuesday", averageDailyTotal: 13.5, days: 2 },
      { weekday: "Wednesday", averageDailyTotal: 13.5, days: 2 },
      { weekday: "Thursday", averageDailyTotal: 13.5, days: 2 },
      { weekday: "Friday", averageDailyTotal: 13.5, days: 2 },
      { weekday: "Saturday", averageDailyTotal: 24, days: 2 },
      { weekday: "Sunday", averageDailyTotal: 24, days: 2 },
    ]);
    expect(p?.averageDailyTotal).toBe(16.5); // (10 × 13.5 + 4 × 24) / 14
    expect(p?.peakHourOfDay).toBe(18);
    expect(p?.lowestHourOfDay).toBe(0);
    expect(p?.coarseResolution).toBeNull();
  });

  it("counts the 25-hour day as one complete day with two 02:00 hours", () => {
    const day = run("2025-10-25T22:00:00Z", 25, HOUR, (i) => ({ quantity: i === 2 || i === 3 ? 3 : 1 }));
    const [p] = profileTimeSeries({ points: day });
    expect(p).toMatchObject({ hoursUsed: 25, daysUsed: 1, averageDailyTotal: 29, peakHourOfDay: 2 });
    expect(p?.averageByHour[2]).toBe(3);
    expect(p?.averageByWeekday[6]).toEqual({ weekday: "Sunday", averageDailyTotal: 29, days: 1 });
  });

  it("counts the 23-hour day as complete and has no 02:00 hour on it", () => {
    const day = run("2025-03-29T23:00:00Z", 23, HOUR, () => ({ quantity: 1 }));
    const [p] = profileTimeSeries({ points: day });
    expect(p).toMatchObject({ hoursUsed: 23, daysUsed: 1, averageDailyTotal: 23 });
    expect(p?.averageByHour[2]).toBeNull();
    expect(p?.averageByHour.filter((v) => v === 1)).toHaveLength(23);
  });

  it("leaves out an hour with a missing quarter and the day it is on", () => {
    const quarters = run("2025-01-09T23:00:00Z", 96, QUARTER, (i) =>
      i === 41 ? { quantity: null, quality: "A02" } : { quantity: 0.25 },
    );
    const [p] = profileTimeSeries({ points: quarters });
    expect(p).toMatchObject({ hoursUsed: 23, daysUsed: 0, averageDailyTotal: null });
    expect(p?.averageByHour[10]).toBeNull(); // quarter 41 is 10:15 local
    expect(p?.averageByHour[11]).toBe(1);
  });

  it("leaves out points coarser than an hour and says which", () => {
    const [p] = profileTimeSeries({
      points: [span("2025-01-09T23:00:00Z", "2025-01-10T23:00:00Z", "P1D", 12)],
    });
    expect(p).toMatchObject({ hoursUsed: 0, daysUsed: 0, coarseResolution: "P1D", peakHourOfDay: null });
    expect(p?.averageByHour.every((v) => v === null)).toBe(true);
  });
});
