import { describe, expect, it } from "vitest";
import type { TimeSeriesPoint } from "../../src/index.js";
import { mergeCalendarPoints } from "../../src/time-series/merge-calendar-points.js";

const point = (start: string, end: string, quantity: number | null, extra: Partial<TimeSeriesPoint> = {}) =>
  ({
    meteringPointId: "571313180100000001",
    start,
    end,
    quantity,
    quality: "A04",
    resolution: "P1M",
    unit: "KWH",
    businessType: "A04",
    ...extra,
  }) satisfies TimeSeriesPoint;

describe("mergeCalendarPoints", () => {
  it("joins a month split by a chunk boundary, also when another series sits between the halves", () => {
    const merged = mergeCalendarPoints([
      point("2024-11-30T23:00:00.000Z", "2024-12-30T23:00:00.000Z", 100.1),
      point("2024-11-30T23:00:00.000Z", "2024-12-30T23:00:00.000Z", 5, { businessType: "A01" }),
      point("2024-12-30T23:00:00.000Z", "2024-12-31T23:00:00.000Z", 3.2, { quality: "A03" }),
      point("2024-12-31T23:00:00.000Z", "2025-01-31T23:00:00.000Z", 90),
    ]);
    expect(merged).toEqual([
      point("2024-11-30T23:00:00.000Z", "2024-12-31T23:00:00.000Z", 103.3, { quality: "A03" }),
      point("2024-11-30T23:00:00.000Z", "2024-12-30T23:00:00.000Z", 5, { businessType: "A01" }),
      point("2024-12-31T23:00:00.000Z", "2025-01-31T23:00:00.000Z", 90),
    ]);
  });

  it("marks a month with one known and one missing part as incomplete", () => {
    const [m] = mergeCalendarPoints([
      point("2024-11-30T23:00:00.000Z", "2024-12-30T23:00:00.000Z", 10),
      point("2024-12-30T23:00:00.000Z", "2024-12-31T23:00:00.000Z", null, { quality: "A02" }),
    ]);
    expect(m).toMatchObject({ quantity: 10, quality: "A05", end: "2024-12-31T23:00:00.000Z" });
  });

  it("joins partial years but never hours, days or different months", () => {
    const years = mergeCalendarPoints([
      point("2023-12-31T23:00:00.000Z", "2024-06-30T22:00:00.000Z", 1, { resolution: "P1Y" }),
      point("2024-06-30T22:00:00.000Z", "2024-12-31T23:00:00.000Z", 2, { resolution: "P1Y" }),
    ]);
    expect(years).toHaveLength(1);
    const hours = [
      point("2024-01-01T00:00:00.000Z", "2024-01-01T01:00:00.000Z", 1, { resolution: "PT1H" }),
      point("2024-01-01T01:00:00.000Z", "2024-01-01T02:00:00.000Z", 1, { resolution: "PT1H" }),
    ];
    expect(mergeCalendarPoints(hours)).toEqual(hours);
    const months = [
      point("2024-10-31T23:00:00.000Z", "2024-11-30T23:00:00.000Z", 1),
      point("2024-11-30T23:00:00.000Z", "2024-12-31T23:00:00.000Z", 1),
    ];
    expect(mergeCalendarPoints(months)).toEqual(months);
  });
});
