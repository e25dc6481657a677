// Pure helpers behind the tools, on hand-made points (the tool tests use the simulator).
import {
  EloverblikError,
  localDateStartUtc,
  type NormalizedCharges,
  type TimeSeriesPoint,
} from "@eloverblik-kit/client";
import { describe, expect, it } from "vitest";
import { estimateGridCharges, monthsIn } from "../src/charges/estimate.js";
import { hourlyTariffs, hourlyTariffText } from "../src/charges/today-table.js";
import { errorText, failureOf } from "../src/errors.js";
import { bearerMatches, isLoopbackHost } from "../src/http.js";
import { buildProfile } from "../src/time-series/profile.js";
import { summarize } from "../src/time-series/summary.js";

const ID = "571313180100000001";
const HOUR = 3_600_000;

/** Hourly points over whole Danish days, with a quantity chosen per local hour. */
function hourly(from: string, days: number, quantity: (i: number) => number | null, quality = "A04") {
  const start = localDateStartUtc(from);
  const points: TimeSeriesPoint[] = [];
  const end = localDateStartUtc(
    new Date(Date.parse(`${from}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10),
  );
  for (let t = start, i = 0; t < end; t += HOUR, i++) {
    const q = quantity(i);
    points.push({
      meteringPointId: ID,
      start: new Date(t).toISOString(),
      end: new Date(t + HOUR).toISOString(),
      quantity: q,
      quality: q === null ? "A02" : quality,
      resolution: "PT1H",
      unit: "KWH",
      businessType: "A04",
    });
  }
  return points;
}

describe("summarize", () => {
  it("totals, shares, extremes and per-day figures over a DST day", () => {
    // 2024-10-27 has 25 hours in Denmark.
    const points = hourly("2024-10-26", 2, (i) => (i === 30 ? null : i === 40 ? 5 : 1));
    expect(points).toHaveLength(49);
    points[3]!.quality = "A03";
    const [s] = summarize({
      meteringPointId: ID,
      from: "2024-10-26",
      to: "2024-10-28",
      points,
      gaps: [],
      warnings: [],
      breakdown: "day",
    });
    expect(s!.total).toBe(47 + 5);
    expect(s!.points).toBe(49);
    expect(s!.missingPoints).toBe(1);
    expect(s!.estimatedPoints).toBe(1);
    expect(s!.max?.quantity).toBe(5);
    expect(s!.peakHour?.quantity).toBe(5);
    expect(s!.periods.map((p) => [p.period, p.points])).toEqual([
      ["2024-10-26", 24],
      ["2024-10-27", 25],
    ]);
  });

  it("counts gaps as missing and notes data that ends early", () => {
    const points = hourly("2024-03-01", 1, () => 2).slice(0, 20);
    const gap = { meteringPointId: ID, start: points[10]!.start, end: points[12]!.start, resolution: "PT1H" };
    const kept = points.filter((_, i) => i !== 10 && i !== 11);
    const [s] = summarize({
      meteringPointId: ID,
      from: "2024-03-01",
      to: "2024-03-02",
      points: kept,
      gaps: [gap],
      warnings: [],
      breakdown: "day",
    });
    expect(s!.missingPoints).toBe(2);
    expect(s!.expectedPoints).toBe(20);
    expect(s!.notes.join(" ")).toMatch(/Data ends at 2024-03-01 20:00/);
  });

  it("says so when there is no data", () => {
    const [s] = summarize({
      meteringPointId: ID,
      from: "2024-03-01",
      to: "2024-03-02",
      points: [],
      gaps: [],
      warnings: [],
      breakdown: "day",
    });
    expect(s!.points).toBe(0);
    expect(s!.min).toBeNull();
    expect(s!.notes[0]).toMatch(/No data/);
  });
});

describe("buildProfile", () => {
  it("averages by local hour and weekday, using complete hours only", () => {
    // 2024-01-01 was a Monday; 14 days; consumption = local hour.
    const points = hourly("2024-01-01", 14, (i) => i % 24);
    const p = buildProfile(ID, "A04", points);
    if ("coarse" in p) throw new Error("expected a profile");
    expect(p.averageByHour).toEqual(Array.from({ length: 24 }, (_, h) => h));
    expect(p.peakHourOfDay).toBe(23);
    expect(p.lowestHourOfDay).toBe(0);
    expect(p.daysUsed).toBe(14);
    expect(p.averageByWeekday[0]).toEqual({ weekday: "Monday", averageDailyTotal: 276, days: 2 });
  });

  it("leaves out incomplete days and refuses daily data", () => {
    const points = hourly("2024-01-01", 2, (i) => (i === 5 ? null : 1));
    const p = buildProfile(ID, "A04", points);
    if ("coarse" in p) throw new Error("expected a profile");
    expect(p.daysUsed).toBe(1);
    expect(p.hoursUsed).toBe(47);
    const daily = points.slice(0, 1).map((x) => ({
      ...x,
      end: new Date(Date.parse(x.start) + 24 * HOUR).toISOString(),
      resolution: "P1D",
    }));
    expect(buildProfile(ID, "A04", daily)).toEqual({ coarse: "P1D" });
  });
});

const charges: NormalizedCharges = {
  meteringPointId: ID,
  subscriptions: [
    {
      priceId: "s",
      name: "Netabo",
      description: "",
      owner: "1",
      validFrom: null,
      validTo: null,
      periodType: "P1M",
      price: 30,
      quantity: 1,
    },
  ],
  fees: [],
  tariffs: [
    {
      priceId: "a",
      name: "Flat",
      description: "",
      owner: "1",
      validFrom: null,
      validTo: null,
      periodType: "P1D",
      prices: [{ position: 1, price: 1 }],
    },
    {
      priceId: "b",
      name: "Peak",
      description: "",
      owner: "2",
      validFrom: "2020-01-01T00:00:00.000Z",
      validTo: null,
      periodType: "PT1H",
      prices: Array.from({ length: 24 }, (_, i) => ({ position: i + 1, price: i >= 17 && i < 21 ? 2 : 0 })),
    },
    // Expired: must not be applied even though the consumption lies in its validity.
    {
      priceId: "c",
      name: "Old",
      description: "",
      owner: "3",
      validFrom: null,
      validTo: "2021-01-01T00:00:00.000Z",
      periodType: "P1D",
      prices: [{ position: 1, price: 100 }],
    },
  ],
  warnings: [],
};

describe("grid charges", () => {
  it("prices past consumption with today's tariffs and pro-rates subscriptions", () => {
    const points = hourly("2020-06-01", 1, () => 1);
    const e = estimateGridCharges({
      meteringPointId: ID,
      from: "2020-06-01",
      to: "2020-06-02",
      points,
      charges,
      nowMs: Date.parse("2025-01-01T12:00:00Z"),
    });
    expect(e.consumptionKwh).toBe(24);
    expect(e.tariffCostDkk).toBe(24 + 4 * 2);
    expect(e.tariffs.find((t) => t.name === "Old")).toBeUndefined();
    expect(e.subscriptionCostDkk).toBe(1);
    expect(e.notes[0]).toMatch(/today's tariffs/);
  });

  it("counts months by days", () => {
    expect(monthsIn("2024-01-01", "2025-01-01")).toBeCloseTo(12, 10);
    expect(monthsIn("2024-02-15", "2024-03-01")).toBeCloseTo(15 / 29, 10);
  });

  it("lists today's total per hour, 25 rows on the autumn DST day", () => {
    const rows = hourlyTariffs(charges, "2024-10-27");
    expect(rows).toHaveLength(25);
    expect(rows.map((r) => r.hour).slice(1, 5)).toEqual(["01:00", "02:00", "02:00", "03:00"]);
    expect(hourlyTariffText(hourlyTariffs(charges, "2024-06-01"))).toBe(
      "00:00–17:00 1 · 17:00–21:00 3 · 21:00–24:00 1",
    );
  });
});

describe("errors and HTTP helpers", () => {
  it("renders what happened and what to do", () => {
    const e = new EloverblikError({
      code: "RATE_LIMITED",
      message: "Too many requests.",
      retryAfterMs: 42_000,
      meteringPointId: ID,
    });
    const text = errorText(e);
    expect(text).toMatch(/rate limit/i);
    expect(text).toMatch(/Retry after 42 s/);
    expect(failureOf("x", e)).toMatchObject({
      meteringPointId: ID,
      code: "RATE_LIMITED",
      retryAfterSeconds: 42,
    });
    expect(errorText(new TypeError("boom"))).toMatch(/failed unexpectedly: boom/);
  });

  it("recognises loopback hosts and compares bearer secrets", () => {
    expect(["127.0.0.1", "localhost", "::1", "[::1]", "127.1.2.3"].every(isLoopbackHost)).toBe(true);
    expect(["0.0.0.0", "192.168.1.2", "example.com", "::"].some(isLoopbackHost)).toBe(false);
    expect(bearerMatches("Bearer s3cret-value", "s3cret-value")).toBe(true);
    expect(bearerMatches("Bearer s3cret-valuf", "s3cret-value")).toBe(false);
    expect(bearerMatches(undefined, "s3cret-value")).toBe(false);
    expect(bearerMatches("Basic s3cret-value", "s3cret-value")).toBe(false);
  });
});
