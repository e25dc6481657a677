import { describe, expect, it } from "vitest";
import { summarizeTimeSeries } from "../../src/insights/summarize-time-series.js";
import type { TimeSeriesPoint } from "../../src/time-series/types.js";
import { HOUR, MP, QUARTER, run, span } from "./points.js";

// January 2025 in quarter hours: local 2025-01-01 00:00 is 2024-12-31T23:00Z, 31 × 96 = 2 976 points.
const JANUARY_START = "2024-12-31T23:00:00Z";
const ESTIMATED = new Set([
  5, 6, 7, 100, 101, 500, 900, 901, 902, 903, 1500, 2000, 2001, 2002, 2500, 2900, 2901, 2975,
]);
const january = run(JANUARY_START, 2976, QUARTER, (i) => ({ quality: ESTIMATED.has(i) ? "A03" : "A04" }));

describe("summarizeTimeSeries: shares counted in points of the native resolution", () => {
  it("a month of quarter hours with 18 estimated is 0.6 % estimated, per month as a whole", () => {
    expect(january.at(-1)?.end).toBe("2025-01-31T23:00:00.000Z");
    const [s] = summarizeTimeSeries(
      { meteringPointId: MP, points: january, from: "2025-01-01", to: "2025-02-01" },
      { breakdown: "month" },
    );
    expect(s).toMatchObject({
      breakdown: "month",
      points: 2976,
      expectedPoints: 2976,
      estimatedPoints: 18,
      missingPoints: 0,
      total: 744,
      resolutions: [{ resolution: "PT15M", points: 2976 }],
      notes: [],
    });
    expect(s?.estimatedShare).toBeCloseTo(0.006, 4);
    expect(s?.periods).toEqual([
      {
        period: "2025-01",
        from: "2025-01-01",
        to: "2025-02-01",
        hours: 744,
        total: 744,
        points: 2976,
        expectedPoints: 2976,
        estimatedPoints: 18,
        estimatedShare: 18 / 2976,
        missingPoints: 0,
        missingShare: 0,
      },
    ]);
  });

  it("per day, the estimated quarter hours land on their own days", () => {
    const [s] = summarizeTimeSeries(
      { points: january, from: "2025-01-01", to: "2025-02-01" },
      { breakdown: "day" },
    );
    expect(s?.periods).toHaveLength(31);
    const byDay = Object.fromEntries(s!.periods.map((p) => [p.period, p.estimatedPoints]));
    // Index i is on day floor(i / 96) + 1 of January (no clock change in January).
    expect(byDay["2025-01-01"]).toBe(3);
    expect(byDay["2025-01-02"]).toBe(2);
    expect(byDay["2025-01-06"]).toBe(1);
    expect(byDay["2025-01-10"]).toBe(4);
    expect(byDay["2025-01-31"]).toBe(3);
    expect(s!.periods.every((p) => p.points === 96 && p.hours === 24 && p.total === 24)).toBe(true);
  });

  it("fourteen hourly months with nine estimated hours: a tiny share, not the 3 in 14 of monthly buckets", () => {
    // 2024-01-01 local to 2025-03-01 local, hour by hour (UTC arithmetic; 2024 is a leap year).
    const start = "2023-12-31T23:00:00Z";
    const hours = (Date.parse("2025-02-28T23:00:00Z") - Date.parse(start)) / HOUR;
    expect(hours).toBe(10_200); // 366 + 31 + 28 days; the two clock changes cancel
    const estimatedAt = new Set([10, 11, 12, 2000, 2001, 2002, 9000, 9001, 9002]);
    const hourly = run(start, hours, HOUR, (i) => ({ quality: estimatedAt.has(i) ? "A03" : "A04" }));
    const [native] = summarizeTimeSeries({ points: hourly, from: "2024-01-01", to: "2025-03-01" });
    expect(native?.breakdown).toBe("month");
    expect(native?.periods.map((p) => p.period)).toHaveLength(14);
    expect(native?.estimatedPoints).toBe(9);
    expect(native?.estimatedShare).toBe(9 / 10_200);
    expect(native?.periods[0]).toMatchObject({ period: "2024-01", hours: 744, estimatedPoints: 3 });
    expect(native?.periods[2]).toMatchObject({ period: "2024-03", hours: 743 });
    expect(native?.periods[9]).toMatchObject({ period: "2024-10", hours: 745 });
    expect(native?.notes).toEqual([]);

    // The same period as the API's Month aggregation: a month is A03 when any hour of it was.
    const monthStarts = [
      "2023-12-31T23:00:00Z",
      "2024-01-31T23:00:00Z",
      "2024-02-29T23:00:00Z",
      "2024-03-31T22:00:00Z",
      "2024-04-30T22:00:00Z",
      "2024-05-31T22:00:00Z",
      "2024-06-30T22:00:00Z",
      "2024-07-31T22:00:00Z",
      "2024-08-31T22:00:00Z",
      "2024-09-30T22:00:00Z",
      "2024-10-31T23:00:00Z",
      "2024-11-30T23:00:00Z",
      "2024-12-31T23:00:00Z",
      "2025-01-31T23:00:00Z",
      "2025-02-28T23:00:00Z",
    ];
    const monthly = monthStarts
      .slice(0, 14)
      .map((s, i) => span(s, monthStarts[i + 1]!, "P1M", 500, [0, 2, 12].includes(i) ? "A03" : "A04"));
    const [coarse] = summarizeTimeSeries({ points: monthly, from: "2024-01-01", to: "2025-03-01" });
    expect(coarse?.estimatedShare).toBeCloseTo(0.214, 3);
    expect(coarse?.notes).toEqual([{ kind: "coarse-quality", resolution: "P1M" }]);
    expect(coarse?.periods.map((p) => p.period)).toEqual([
      "2024-01",
      "2024-02",
      "2024-03",
      "2024-04",
      "2024-05",
      "2024-06",
      "2024-07",
      "2024-08",
      "2024-09",
      "2024-10",
      "2024-11",
      "2024-12",
      "2025-01",
      "2025-02",
    ]);
  });

  it("yearly points are broken down per year, never labelled as months", () => {
    const years = [
      span("2022-12-31T23:00:00Z", "2023-12-31T23:00:00Z", "P1Y", 4000),
      span("2023-12-31T23:00:00Z", "2024-12-31T23:00:00Z", "P1Y", 4200.5),
    ];
    const [s] = summarizeTimeSeries(
      { points: years, from: "2023-01-01", to: "2025-01-01" },
      { breakdown: "month" },
    );
    expect(s?.breakdown).toBe("year");
    expect(s?.periods.map((p) => [p.period, p.from, p.to, p.total, p.hours])).toEqual([
      ["2023", "2023-01-01", "2024-01-01", 4000, 8760],
      ["2024", "2024-01-01", "2025-01-01", 4200.5, 8784],
    ]);
    expect(s?.notes).toContainEqual({ kind: "breakdown-coarsened", requested: "month", used: "year" });
    expect(s?.total).toBe(8200.5);
  });
});

describe("summarizeTimeSeries: daylight-saving days", () => {
  it("a 23-hour and a 25-hour day of hours are complete days of their own length", () => {
    const spring = run("2025-03-29T23:00:00Z", 23, HOUR);
    const autumn = run("2025-10-25T22:00:00Z", 25, HOUR);
    const days = [spring, autumn].map((points) => summarizeTimeSeries({ points }, { breakdown: "day" })[0]);
    expect(
      days.flatMap((s) => s!.periods.map((p) => [p.period, p.hours, p.points, p.expectedPoints, p.total])),
    ).toEqual([
      ["2025-03-30", 23, 23, 23, 5.75],
      ["2025-10-26", 25, 25, 25, 6.25],
    ]);
    expect(days.map((s) => s?.missingPoints)).toEqual([0, 0]);
    // Together, the months between the two days are one hole, counted in hours.
    const [both] = summarizeTimeSeries({ points: [...spring, ...autumn] });
    expect(both?.missingPoints).toBe(
      (Date.parse("2025-10-25T22:00:00Z") - Date.parse("2025-03-30T22:00:00Z")) / HOUR,
    );
  });

  it("counts a missing quarter hour in the repeated hour and A02 points as missing quarter hours", () => {
    const day = run("2025-10-25T22:00:00Z", 100, QUARTER, (i) => ({
      quantity: i === 20 || i === 21 ? null : 0.1,
      quality: i === 20 || i === 21 ? "A02" : "A04",
    }));
    day.splice(13, 1); // 2025-10-26T01:15Z, the second 02:15 (+01:00)
    const [s] = summarizeTimeSeries({ points: day, from: "2025-10-26", to: "2025-10-27" });
    expect(s).toMatchObject({ points: 99, expectedPoints: 100, missingPoints: 3, breakdown: "day" });
    expect(s?.missingShare).toBe(0.03);
    expect(s?.periods[0]).toMatchObject({
      period: "2025-10-26",
      hours: 25,
      expectedPoints: 100,
      missingPoints: 3,
    });
    expect(s?.total).toBeCloseTo(9.7, 9);
  });

  it("names the peak hour with its offset on the repeated hour", () => {
    const day = run("2025-10-25T22:00:00Z", 100, QUARTER, (i) => ({ quantity: i >= 12 && i < 16 ? 1 : 0.1 }));
    const [s] = summarizeTimeSeries({ points: day });
    expect(s?.peakHour).toEqual({
      start: "2025-10-26T01:00:00.000Z",
      localStart: "2025-10-26 02:00+01:00",
      quantity: 4,
    });
    expect(s?.max).toMatchObject({
      quantity: 1,
      start: "2025-10-26T01:00:00.000Z",
      localStart: "2025-10-26 02:00+01:00",
    });
    expect(s?.min).toMatchObject({
      quantity: 0.1,
      start: "2025-10-25T22:00:00.000Z",
      localStart: "2025-10-26 00:00+02:00",
    });
  });

  it("splits a hole across midnight between the two days", () => {
    // 2025-01-10 and 2025-01-11 in hours; local 22:00 to 02:00 (21:00Z to 01:00Z) missing.
    const hours = run("2025-01-09T23:00:00Z", 48, HOUR).filter((_, i) => i < 22 || i >= 26);
    const [s] = summarizeTimeSeries({ points: hours, from: "2025-01-10", to: "2025-01-12" });
    expect(s?.periods.map((p) => [p.period, p.points, p.expectedPoints, p.missingPoints])).toEqual([
      ["2025-01-10", 22, 24, 2],
      ["2025-01-11", 22, 24, 2],
    ]);
    expect(s).toMatchObject({ points: 44, expectedPoints: 48, missingPoints: 4 });
  });
});

describe("summarizeTimeSeries: coverage, notes and grouping", () => {
  it("does not count the stretch before the first or after the last point as missing, but notes it", () => {
    const hours = run("2025-01-10T23:00:00Z", 24, HOUR); // only 2025-01-11
    const [s] = summarizeTimeSeries({ points: hours, from: "2025-01-10", to: "2025-01-13" });
    expect(s).toMatchObject({
      points: 24,
      expectedPoints: 24,
      missingPoints: 0,
      lastEnd: "2025-01-11T23:00:00.000Z",
    });
    expect(s?.notes).toEqual([
      { kind: "data-starts-late", firstStart: "2025-01-10T23:00:00.000Z" },
      { kind: "data-ends-early", lastEnd: "2025-01-11T23:00:00.000Z" },
    ]);
  });

  it("says no-data for an empty series", () => {
    const [s, more] = summarizeTimeSeries({
      meteringPointId: MP,
      points: [],
      from: "2025-01-01",
      to: "2025-01-02",
    });
    expect(more).toBeUndefined();
    expect(s).toMatchObject({ meteringPointId: MP, businessType: "", kind: "unknown", points: 0, total: 0 });
    expect(s?.notes).toEqual([{ kind: "no-data" }]);
    expect(s?.periods).toEqual([]);
    expect(s?.min).toBeNull();
    expect(s?.peakHour).toBeNull();
  });

  it("summarises each business type on its own", () => {
    const a04 = run("2025-01-09T23:00:00Z", 24, HOUR, () => ({ quantity: 1 }));
    const a64 = run("2025-01-09T23:00:00Z", 24, HOUR, () => ({ quantity: 2 }), { businessType: "A64" });
    const summaries = summarizeTimeSeries({ points: [...a04, ...a64] });
    expect(summaries.map((s) => [s.businessType, s.kind, s.total, s.points])).toEqual([
      ["A04", "consumption", 24, 24],
      ["A64", "profiled consumption", 48, 24],
    ]);
  });

  it("notes a change of resolution and gives the same result for points out of order", () => {
    const hours = run("2025-09-29T22:00:00Z", 24, HOUR, () => ({ quantity: 1 }));
    const quarters = run("2025-09-30T22:00:00Z", 96, QUARTER, () => ({ quantity: 0.25 }));
    const points = [...hours, ...quarters];
    const [s] = summarizeTimeSeries({ points, from: "2025-09-30", to: "2025-10-02" });
    expect(s?.resolutions).toEqual([
      { resolution: "PT1H", points: 24 },
      { resolution: "PT15M", points: 96 },
    ]);
    expect(s?.notes).toEqual([{ kind: "mixed-resolutions", resolutions: ["PT1H", "PT15M"] }]);
    expect(s?.total).toBe(48);
    const shuffled = [...points].reverse();
    expect(summarizeTimeSeries({ points: shuffled, from: "2025-09-30", to: "2025-10-02" })).toEqual([s]);
  });

  it("chooses day, month or year by the length of the period", () => {
    const one = run("2025-01-09T23:00:00Z", 1, HOUR);
    const breakdown = (from: string, to: string) =>
      summarizeTimeSeries({ points: one, from, to })[0]?.breakdown;
    expect(breakdown("2025-01-01", "2025-02-01")).toBe("day"); // 31 days
    expect(breakdown("2025-01-01", "2025-02-02")).toBe("month");
    expect(breakdown("2024-01-01", "2025-12-31")).toBe("month"); // 730 days
    expect(breakdown("2023-01-01", "2025-03-01")).toBe("year");
  });

  it("counts incomplete (A05) points and keeps them in the total", () => {
    const points: TimeSeriesPoint[] = run("2025-01-09T23:00:00Z", 4, HOUR, (i) => ({
      quality: i === 0 ? "A05" : "A04",
    }));
    const [s] = summarizeTimeSeries({ points });
    expect(s).toMatchObject({ incompletePoints: 1, estimatedPoints: 0, total: 1 });
  });
});
