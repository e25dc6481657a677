// The MCP server's own part of the helpers behind the tools, on hand-made points: shapes, wording
// and the Danish-time conventions of the texts. The figures themselves are the client's insights,
// tested in packages/client/test/insights; the tool tests use the simulator.
import {
  EloverblikError,
  localDateStartUtc,
  type NormalizedCharges,
  type TimeSeriesPoint,
} from "@eloverblik-kit/client";
import { tariffTable } from "@eloverblik-kit/client/insights";
import { describe, expect, it } from "vitest";
import { ESTIMATE_FRAME, estimate } from "../src/charges/estimate.js";
import { tariffTableText } from "../src/charges/today-table.js";
import { errorText, failureOf } from "../src/errors.js";
import { clockChangeNote, localDate, localTime, num, percent } from "../src/format.js";
import { bearerMatches, isLoopbackHost } from "../src/http.js";
import { profilesOf } from "../src/time-series/profile.js";
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

describe("summaries as get_time_series returns them", () => {
  it("keeps the old field names, rounds the shares and names the 25-hour day", () => {
    // 2024-10-27 has 25 hours in Denmark.
    const points = hourly("2024-10-26", 2, (i) => (i === 30 ? null : i === 40 ? 5 : 1));
    expect(points).toHaveLength(49);
    points[3]!.quality = "A03";
    const [s] = summarize(
      { meteringPointId: ID, from: "2024-10-26", to: "2024-10-28", points, warnings: [] },
      "day",
    );
    expect(s).toMatchObject({ total: 47 + 5, points: 49, missingPoints: 1, estimatedPoints: 1 });
    expect(s!.estimatedShare).toBe(0.0204);
    expect(s!.periods).toEqual([
      {
        period: "2024-10-26",
        hours: 24,
        total: 24,
        points: 24,
        expectedPoints: 24,
        estimated: 1,
        missing: 0,
      },
      {
        period: "2024-10-27",
        hours: 25,
        total: 28,
        points: 25,
        expectedPoints: 25,
        estimated: 0,
        missing: 1,
      },
    ]);
    expect(s!.notes).toEqual([]);
  });

  it("words the notes: data that ends early, a change of resolution, the data's own warnings", () => {
    const points = hourly("2024-03-01", 1, () => 2).slice(0, 20);
    points[19] = {
      ...points[19]!,
      resolution: "PT15M",
      end: new Date(Date.parse(points[19]!.start) + 900_000).toISOString(),
    };
    const warnings = ["w1", "w2", "w3", "w4", "w5"];
    const [s] = summarize(
      { meteringPointId: ID, from: "2024-03-01", to: "2024-03-02", points, warnings },
      "auto",
    );
    expect(s!.notes).toEqual([
      "Data ends at 2024-03-01 19:15 (Danish time), before the end of the period: the newest days are usually not available yet (1–3 days lag).",
      "The resolution changes within the period (PT1H, PT15M); min and max compare points of different lengths.",
      "w1",
      "w2",
      "w3",
      "2 more warning(s) from the data not shown.",
    ]);
  });

  it("says so when there is no data", () => {
    const [s] = summarize(
      { meteringPointId: ID, from: "2024-03-01", to: "2024-03-02", points: [], warnings: [] },
      "auto",
    );
    expect(s).toMatchObject({ meteringPointId: ID, points: 0, min: null, kind: "unknown" });
    expect(s!.notes[0]).toMatch(/^No data for this period/);
  });
});

describe("profiles as get_consumption_profile returns them", () => {
  it("words the notes of a short period", () => {
    const [result] = profilesOf({
      meteringPointId: ID,
      points: hourly("2024-01-01", 2, (i) => (i === 5 ? null : 1)),
    });
    if (!result || !("profile" in result)) throw new Error("expected a profile");
    expect(result.profile).toMatchObject({ daysUsed: 1, hoursUsed: 47 });
    expect(result.profile.averageByHour).toHaveLength(24);
    expect(result.profile.notes).toEqual([
      "Only 1 complete day(s): weekday averages rest on one or two days each.",
    ]);
  });

  it("refuses data coarser than an hour, and shows an hour without data as null", () => {
    const day = hourly("2024-01-01", 1, () => 1)[0]!;
    const daily = [
      { ...day, end: new Date(Date.parse(day.start) + 24 * HOUR).toISOString(), resolution: "P1D" },
    ];
    expect(profilesOf({ meteringPointId: ID, points: daily })).toEqual([{ coarse: "P1D" }]);
    const [result] = profilesOf({
      meteringPointId: ID,
      points: hourly("2024-01-01", 1, () => 1).slice(0, 10),
    });
    if (!result || !("profile" in result)) throw new Error("expected a profile");
    expect(result.profile.averageByHour[9]).toBe(1);
    expect(result.profile.averageByHour[10]).toBeNull();
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

describe("grid charges and tariff tables as the tools show them", () => {
  it("frames every estimate, then words the client's notes", () => {
    const points = hourly("2020-06-01", 1, () => 1).slice(0, 12);
    const e = estimate({
      meteringPointId: ID,
      from: "2020-06-01",
      to: "2020-06-02",
      points,
      charges,
      nowMs: Date.parse("2025-01-01T12:00:00Z"),
    });
    expect(e.consumptionKwh).toBe(12);
    expect(e.notes.slice(0, 2)).toEqual([...ESTIMATE_FRAME]);
    expect(e.notes.slice(2)).toEqual([
      "Data ends at 2020-06-01 12:00 (Danish time); the estimate covers consumption up to then, subscriptions for the whole period.",
    ]);
  });

  it("writes a day's table as runs of equal prices, the repeated hour with its offsets", () => {
    expect(tariffTableText(tariffTable(charges, "2024-06-01", { offset: "ambiguous" }).rows)).toBe(
      "00:00–17:00 1 · 17:00–21:00 3 · 21:00–24:00 1",
    );
    const autumn = tariffTable({ tariffs: [charges.tariffs[0]!] }, "2024-10-27", { offset: "ambiguous" });
    expect(autumn.rows.map((r) => r.clock).slice(1, 5)).toEqual([
      "01:00",
      "02:00+02:00",
      "02:00+01:00",
      "03:00",
    ]);
    expect(tariffTableText(autumn.rows)).toBe("00:00–24:00 1");
  });
});

describe("Danish time in the texts", () => {
  it("shows the offset only where the clock repeats, and notes 23- and 25-hour days", () => {
    const shown: Array<[string | undefined, string | undefined]> = [
      [localTime("2024-01-15T17:00:00Z"), "2024-01-15 18:00"],
      [localTime("2025-10-26T00:00:00Z"), "2025-10-26 02:00+02:00"],
      [localTime("2025-10-26T01:00:00Z"), "2025-10-26 02:00+01:00"],
      [localDate("2024-04-30T22:00:00.000Z"), "2024-05-01"],
      [localDate(null, "…"), "…"],
      [localDate("not a date"), "?"],
      [clockChangeNote("2026-03-30"), undefined],
      [percent(0.21436), "21.4%"],
      [num(0.1 + 0.2), "0.3"],
      [num(null), "–"],
    ];
    expect(shown.map(([got]) => got)).toEqual(shown.map(([, want]) => want));
    expect(clockChangeNote("2025-10-26")).toMatch(/^2025-10-26 has 25 hours/);
    expect(clockChangeNote("2026-03-29")).toMatch(/^2026-03-29 has 23 hours/);
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
