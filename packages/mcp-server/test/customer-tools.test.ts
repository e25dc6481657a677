// Every customer tool through the SDK client, against the simulator over loopback HTTP.
import { addLocalDays, createEloverblik } from "@eloverblik-kit/client";
import type { RunningSimulator } from "@eloverblik-kit/simulator/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clock,
  connect,
  data,
  idsOf,
  NOW_AT_START,
  type Session,
  simClient,
  startSim,
  textOf,
  tokensOf,
} from "./support/harness.js";

/** A Danish wall-clock time written independently of the server's own formatting. */
const danish = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Copenhagen",
  dateStyle: "short",
  timeStyle: "short",
});

let sim: RunningSimulator;
let s: Session;
let ids: ReturnType<typeof idsOf>;

beforeAll(async () => {
  sim = await startSim();
  ids = idsOf(sim);
  s = await connect({ client: simClient(sim), refreshToken: sim.tokens.customer });
});

afterAll(async () => {
  await s.close();
  await sim.close();
});

describe("tool list", () => {
  it("offers the customer tools only, with honest annotations and output schemas", async () => {
    const { tools } = await s.client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect([...byName.keys()].sort()).toEqual(
      [
        "add_relation_by_web_access_code",
        "add_relations_by_cpr",
        "api_status",
        "delete_relation",
        "estimate_grid_charges",
        "export_time_series_csv",
        "get_charges",
        "get_consumption_profile",
        "get_electricity_cost",
        "get_metering_point_details",
        "get_time_series",
        "list_metering_points",
      ].sort(),
    );
    for (const tool of tools) {
      expect(tool.outputSchema, tool.name).toBeDefined();
      expect(tool.annotations?.openWorldHint, tool.name).toBe(true);
    }
    for (const name of [
      "api_status",
      "list_metering_points",
      "get_time_series",
      "get_charges",
      "estimate_grid_charges",
    ]) {
      expect(byName.get(name)?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    }
    expect(byName.get("delete_relation")?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
    });
    expect(byName.get("add_relations_by_cpr")?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
    });
  });
});

describe("api_status", () => {
  it("reports the API, the address and the token's name and expiry", async () => {
    const r = await s.call("api_status");
    expect(r.isError).toBeFalsy();
    expect(data(r)).toMatchObject({ api: "customer", baseUrl: sim.url, alive: true, ready: true });
    expect(data(r).token).toMatchObject({ configured: true, name: "eloverblik-simulator", expired: false });
    expect(data(r).token.daysLeft).toBeGreaterThan(300);
    expect(textOf(r)).toMatch(/alive/);
  });
});

describe("list_metering_points", () => {
  it("lists the related metering points with their children", async () => {
    const r = await s.call("list_metering_points");
    const points: Array<{
      meteringPointId: string;
      childMeteringPoints?: Array<{ meteringPointId: string }>;
    }> = data(r).meteringPoints;
    const listed = points.map((p) => p.meteringPointId);
    expect(listed).toEqual(expect.arrayContaining([ids.household, ids.production, ids.flex]));
    expect(listed).not.toContain(ids.cprOnly);
    expect(listed).not.toContain(ids.neighbour);
    const solar = points.find((p) => p.meteringPointId === ids.production);
    expect(solar?.childMeteringPoints?.map((c) => c.meteringPointId).sort()).toEqual(
      [ids.productionExport, ids.productionImport].sort(),
    );
    expect(textOf(r)).toContain(ids.household);
  });

  it("adds unrelated ones registered to the CPR with include_all", async () => {
    const r = await s.call("list_metering_points", { include_all: true });
    const cottage = data(r).meteringPoints.find(
      (p: { meteringPointId: string }) => p.meteringPointId === ids.cprOnly,
    );
    expect(cottage).toMatchObject({ hasRelation: false });
    expect(textOf(r)).toMatch(/NOT linked/);
  });
});

describe("get_metering_point_details", () => {
  it("returns master data and lists the blocked metering point as a failure", async () => {
    const r = await s.call("get_metering_point_details", {
      metering_point_ids: [ids.household, ids.blocked],
    });
    expect(r.isError).toBeFalsy();
    expect(data(r).results).toHaveLength(1);
    expect(data(r).results[0]).toMatchObject({ meteringPointId: ids.household, typeOfMP: "E17" });
    expect(Object.values(data(r).results[0])).not.toContain("");
    expect(data(r).failures).toEqual([
      expect.objectContaining({
        meteringPointId: ids.blocked,
        code: expect.any(String),
        message: expect.any(String),
      }),
    ]);
    expect(textOf(r)).toMatch(/1 metering point\(s\) failed/);
  });
});

describe("get_charges", () => {
  it("normalises the charges and tabulates today's total tariff by hour", async () => {
    const r = await s.call("get_charges", { metering_point_ids: [ids.household] });
    expect(r.isError).toBeFalsy();
    const [charges] = data(r).results;
    expect(charges.tariffs.length).toBeGreaterThan(0);
    expect(charges.subscriptions.length).toBeGreaterThan(0);
    // `todayByHour` became `byHour` with `date` (today by default, or the day asked for).
    expect(data(r).date).toBe("2026-11-26");
    expect(charges.hours).toBe(24);
    expect(charges.byHour).toHaveLength(24);
    for (const row of charges.byHour) expect(row.total).toBeGreaterThan(0);
    expect(charges.byHour[0].clock).toBe("00:00");
    expect(charges.monthlySubscriptionsDkk).toBeGreaterThan(0);
    expect(textOf(r)).toMatch(/total tariff today, DKK\/kWh: 00:00–/);
  });

  it("tabulates tomorrow's tariffs when asked for a date", async () => {
    const r = await s.call("get_charges", { metering_point_ids: [ids.household], date: "2026-11-27" });
    expect(r.isError).toBeFalsy();
    expect(data(r)).toMatchObject({ today: "2026-11-26", date: "2026-11-27" });
    const [charges] = data(r).results;
    expect(charges.byHour).toHaveLength(24);
    expect(charges.byHour[0].start).toBe("2026-11-26T23:00:00.000Z");
    expect(textOf(r)).toMatch(/total tariff tomorrow \(2026-11-27\), DKK\/kWh: 00:00–/);
  });

  it("a date with a clock change gets 25 rows, each hour once, and a note", async () => {
    const r = await s.call("get_charges", { metering_point_ids: [ids.household], date: "2027-10-31" });
    expect(r.isError).toBeFalsy();
    const [charges] = data(r).results;
    expect(charges.hours).toBe(25);
    const clocks = charges.byHour.map((row: { clock: string }) => row.clock);
    expect(clocks).toHaveLength(25);
    expect(new Set(clocks).size).toBe(25);
    expect(clocks.slice(2, 4)).toEqual(["02:00+02:00", "02:00+01:00"]);
    expect(textOf(r)).toMatch(/2027-10-31 has 25 hours/);
  });

  it("refuses a past date: Eloverblik serves no price history", async () => {
    const before = sim.simulator.requests.length;
    const r = await s.call("get_charges", { metering_point_ids: [ids.household], date: "2026-11-25" });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/INVALID_INPUT[\s\S]*before today[\s\S]*estimate_grid_charges/);
    expect(sim.simulator.requests.length).toBe(before);
  });
});

describe("get_charges: dates and periods", () => {
  it("shows when an announced tariff starts as a Danish date", async () => {
    // getcharges sends the charges in force today, and a charge not yet started with its first
    // version: in June 2025 the quarter-hour tariff of 1 October 2025 is announced.
    const june = () => clock() - (NOW_AT_START - Date.parse("2025-06-10T10:00:00Z"));
    const early = await startSim({ clock: june });
    const session = await connect({
      client: createEloverblik({
        api: "customer",
        refreshToken: early.tokens.customer,
        baseUrl: early.url,
        now: june,
        retry: { maxAttempts: 1 },
      }),
      refreshToken: early.tokens.customer,
      now: june,
    });
    try {
      const r = await session.call("get_charges", { metering_point_ids: [idsOf(early).household] });
      const announced = data(r).results[0].tariffs.find((t: { inForceToday: boolean }) => !t.inForceToday);
      // It starts 1 October 2025 in Denmark: 22:00 UTC the day before.
      expect(announced.validFrom).toBe("2025-09-30T22:00:00.000Z");
      expect(textOf(r)).toMatch(new RegExp(`tariff ${announced.name} \\[PT15M\\]: .* \\(from 2025-10-01\\)`));
      expect(textOf(r)).not.toContain("2025-09-30");
    } finally {
      await session.close();
      await early.close();
    }
  });

  it("converts a daily subscription to a month the same way in get_charges and the estimate", async () => {
    // Eloverblik's answer with the subscription priced per day (P1D), as some grid companies do.
    const perDay = 1.5;
    const daily = createEloverblik({
      api: "customer",
      refreshToken: sim.tokens.customer,
      baseUrl: sim.url,
      now: clock,
      retry: { maxAttempts: 1 },
      fetch: async (request) => {
        const response = await fetch(request);
        if (!/\/getcharges$/i.test(new URL(request.url).pathname) || !response.ok) return response;
        const body = (await response.json()) as {
          result: Array<{ result?: { subscriptions?: Array<Record<string, unknown>> } }>;
        };
        for (const item of body.result) {
          for (const sub of item.result?.subscriptions ?? [])
            Object.assign(sub, { periodType: "P1D", price: perDay });
        }
        return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
      },
    });
    const session = await connect({ client: daily, refreshToken: sim.tokens.customer });
    try {
      const charges = await session.call("get_charges", { metering_point_ids: [ids.household] });
      const [result] = data(charges).results;
      expect(result.subscriptions).toEqual([expect.objectContaining({ periodType: "P1D", price: perDay })]);
      expect(result.monthlySubscriptionsDkk).toBeCloseTo(perDay * 30.44, 2);
      expect(textOf(charges)).toMatch(/subscriptions 45\.66 DKK\/month/);

      const estimate = await session.call("estimate_grid_charges", {
        metering_point_ids: [ids.household],
        from: "2026-01-01",
        to: "2026-02-01",
      });
      const [e] = data(estimate).estimates;
      expect(e.subscriptions).toEqual([
        expect.objectContaining({ periodType: "P1D", monthlyDkk: result.monthlySubscriptionsDkk }),
      ]);
      expect(e.subscriptionCostDkk).toBeCloseTo(perDay * 31, 2);
    } finally {
      await session.close();
    }
  });
});

describe("get_time_series", () => {
  it("summarises a week per day, and the totals agree with the points", async () => {
    const r = await s.call("get_time_series", {
      metering_point_ids: [ids.household],
      from: "2026-01-05",
      to: "2026-01-12",
    });
    expect(r.isError).toBeFalsy();
    const [summary] = data(r).summaries;
    expect(summary).toMatchObject({ meteringPointId: ids.household, unit: "KWH", breakdown: "day" });
    expect(summary.periods.map((p: { period: string }) => p.period)).toEqual([
      "2026-01-05",
      "2026-01-06",
      "2026-01-07",
      "2026-01-08",
      "2026-01-09",
      "2026-01-10",
      "2026-01-11",
    ]);
    expect(summary.resolutions).toEqual([{ resolution: "PT15M", points: 7 * 96 }]);
    expect(summary.peakHour).not.toBeNull();
    expect(summary.max.quantity).toBeGreaterThanOrEqual(summary.min.quantity);
    const direct = await simClient(sim).getTimeSeries([ids.household], {
      from: "2026-01-05",
      to: "2026-01-12",
    });
    const first = direct[0];
    if (!first?.ok) throw new Error("direct fetch failed");
    const sum = first.data.points.reduce((a, p) => a + (p.quantity ?? 0), 0);
    expect(summary.total).toBeCloseTo(sum, 2);
    const perDay = summary.periods.reduce((a: number, p: { total: number }) => a + p.total, 0);
    expect(perDay).toBeCloseTo(summary.total, 1);
    expect(data(r).points).toBeUndefined();
  });

  it("shows the switch from hourly to quarter-hourly readings", async () => {
    const r = await s.call("get_time_series", {
      metering_point_ids: [ids.household],
      from: "2025-09-29",
      to: "2025-10-03",
    });
    const [summary] = data(r).summaries;
    expect(summary.resolutions).toEqual([
      { resolution: "PT1H", points: 48 },
      { resolution: "PT15M", points: 2 * 96 },
    ]);
    expect(summary.notes.join(" ")).toMatch(/resolution changes/);
  });

  it("summarises longer periods per month", async () => {
    const r = await s.call("get_time_series", {
      metering_point_ids: [ids.household, ids.flex],
      from: "2026-01-01",
      to: "2026-04-01",
      aggregation: "Day",
    });
    expect(data(r).summaries).toHaveLength(2);
    for (const summary of data(r).summaries) {
      expect(summary.breakdown).toBe("month");
      expect(summary.periods.map((p: { period: string }) => p.period)).toEqual([
        "2026-01",
        "2026-02",
        "2026-03",
      ]);
      expect(summary.periods.map((p: { hours: number }) => p.hours)).toEqual([744, 672, 743]);
      // Summaries count the meter's own points whatever the aggregation (it was 90 daily points,
      // each estimated as a whole when one quarter hour was); the periods add up to them.
      const perPeriod = summary.periods.reduce((a: number, p: { points: number }) => a + p.points, 0);
      expect(perPeriod).toBe(summary.points);
    }
    const [household] = data(r).summaries;
    // 90 days of quarter hours, less the hour that 29 March 2026 does not have.
    expect(household.resolutions).toEqual([{ resolution: "PT15M", points: 90 * 96 - 4 }]);
  });

  it("counts estimated data in the meter's own points, also for monthly figures", async () => {
    // Defect: a Month summary counted whole monthly points, and a month is estimated (A03) as a
    // whole when one hour of it was: 13 of 22 months "estimated" where 136 of 16 056 hours were.
    const period = { from: "2025-01-01", to: "2026-11-01" };
    const r = await s.call("get_time_series", {
      metering_point_ids: [ids.flex],
      ...period,
      aggregation: "Month",
    });
    const [summary] = data(r).summaries;
    expect(summary.breakdown).toBe("month");
    expect(summary.periods).toHaveLength(22);
    const [hourly] = await simClient(sim).getTimeSeries([ids.flex], { ...period, aggregation: "Actual" });
    const [monthly] = await simClient(sim).getTimeSeries([ids.flex], { ...period, aggregation: "Month" });
    if (!hourly?.ok || !monthly?.ok) throw new Error("direct fetch failed");
    const estimatedHours = hourly.data.points.filter((p) => p.quality === "A03").length;
    const estimatedMonths = monthly.data.points.filter((p) => p.quality === "A03").length;
    expect(estimatedHours / hourly.data.points.length).toBeLessThan(0.02);
    expect(estimatedMonths / monthly.data.points.length).toBeGreaterThan(0.2);
    expect(summary.estimatedPoints).toBe(estimatedHours);
    expect(summary.points).toBe(hourly.data.points.length);
    expect(summary.estimatedShare).toBeCloseTo(estimatedHours / summary.expectedPoints, 4);
    const monthTotal = summary.periods.reduce((a: number, p: { total: number }) => a + p.total, 0);
    const wireTotal = monthly.data.points.reduce((a, p) => a + (p.quantity ?? 0), 0);
    expect(monthTotal).toBeCloseTo(wireTotal, 1);
  });

  it("labels yearly figures per year", async () => {
    // Defect: Year summaries were labelled "per month" (with one "month" per yearly point).
    const r = await s.call("get_time_series", {
      metering_point_ids: [ids.household],
      from: "2024-01-01",
      to: "2026-01-01",
      aggregation: "Year",
    });
    const [summary] = data(r).summaries;
    expect(summary.breakdown).toBe("year");
    expect(summary.periods.map((p: { period: string }) => p.period)).toEqual(["2024", "2025"]);
    expect(summary.periods.map((p: { hours: number }) => p.hours)).toEqual([8784, 8760]);
    expect(textOf(r)).toMatch(/per year: 2024 [\d.]+ · 2025 [\d.]+/);
    expect(textOf(r)).not.toMatch(/per month/);
  });

  /** One Danish day of the household's quarter hours, all on one page. */
  const pointsOfDay = (day: string) =>
    s.call("get_time_series", {
      metering_point_ids: [ids.household],
      from: day,
      to: addLocalDays(day, 1),
      include_points: true,
      page_size: 100,
    });

  it("shows the repeated hour of 26 October 2025 with its offsets and notes the 25-hour day", async () => {
    // Defect: the text showed 02:00–02:45 twice with nothing to tell them apart.
    const r = await pointsOfDay("2025-10-26");
    const [summary] = data(r).summaries;
    expect(summary.points).toBe(100);
    expect(summary.periods).toEqual([expect.objectContaining({ period: "2025-10-26", hours: 25 })]);
    const text = textOf(r);
    expect(text).toMatch(/2025-10-26 has 25 hours: the clocks go back at 03:00/);
    expect(text).toMatch(/per day: 2025-10-26 \(25 h\)/);
    const times = text
      .split("\n")
      .filter((line) => /^2025-10-26 \d\d:\d\d/.test(line))
      .map((line) => line.split(" ").slice(0, 2).join(" "));
    expect(times).toHaveLength(100);
    expect(new Set(times).size).toBe(100);
    expect(times.slice(8, 16)).toEqual([
      "2025-10-26 02:00+02:00",
      "2025-10-26 02:15+02:00",
      "2025-10-26 02:30+02:00",
      "2025-10-26 02:45+02:00",
      "2025-10-26 02:00+01:00",
      "2025-10-26 02:15+01:00",
      "2025-10-26 02:30+01:00",
      "2025-10-26 02:45+01:00",
    ]);
    expect(times[16]).toBe("2025-10-26 03:00");
  });

  it("notes the 23-hour day of 29 March 2026", async () => {
    const r = await pointsOfDay("2026-03-29");
    expect(data(r).points.totalPoints).toBe(92);
    const text = textOf(r);
    expect(text).toMatch(/2026-03-29 has 23 hours: the clocks jump from 02:00 to 03:00/);
    expect(text).toMatch(/2026-03-29 01:45 [\d.]+ A0\d\n2026-03-29 03:00 /);
  });

  it("a day without data names the latest day that has data", async () => {
    const lag = sim.simulator.meteringPoints.household.dataLagDays;
    const day = addLocalDays("2026-11-26", -lag);
    const r = await s.call("get_time_series", { metering_point_ids: [ids.household], from: day });
    expect(r.isError).toBeFalsy();
    const [summary] = data(r).summaries;
    expect(summary.points).toBe(0);
    const latest = summary.notes.find((n: string) => /latest day with data/.test(n));
    const match = /The latest day with data is (\d{4}-\d{2}-\d{2})/.exec(latest ?? "");
    expect(match).not.toBeNull();
    const named = match![1]!;
    expect(named < day).toBe(true);
    expect(textOf(r)).toContain(latest);
    // The day named has data, and the day after it (up to the asked day) has none.
    const there = data(await s.call("get_time_series", { metering_point_ids: [ids.household], from: named }));
    expect(there.summaries[0].points).toBeGreaterThan(0);
    const after = addLocalDays(named, 1);
    if (after < day) {
      const none = data(
        await s.call("get_time_series", { metering_point_ids: [ids.household], from: after, to: day }),
      );
      expect(none.summaries[0].points).toBe(0);
    }
  });

  it("pages raw points and says how to get the next page", async () => {
    const args = {
      metering_point_ids: [ids.household],
      from: "2026-01-05",
      to: "2026-01-07",
      include_points: true,
      page_size: 100,
    };
    const calls = () => sim.simulator.requests.filter((r) => r.operation === "getTimeSeries").length;
    const before = calls();
    const first = await s.call("get_time_series", args);
    const p1 = data(first).points;
    expect(p1).toMatchObject({ page: 1, pageSize: 100, totalPoints: 192, totalPages: 2, nextPage: 2 });
    expect(p1.series[0].rows).toHaveLength(100);
    expect(textOf(first)).toMatch(/page: 2/);
    const second = await s.call("get_time_series", { ...args, page: 2 });
    const p2 = data(second).points;
    expect(p2).toMatchObject({ page: 2, nextPage: null });
    expect(p2.series[0].rows).toHaveLength(92);
    // the second page comes from the answer kept for the first one: one call to Eloverblik in all
    expect(calls() - before).toBe(1);
    const lastOfFirst = Date.parse(p1.series[0].rows[99].start);
    expect(Date.parse(p2.series[0].rows[0].start) - lastOfFirst).toBe(15 * 60_000);
  });

  it("a page beyond the end gets one clear note", async () => {
    const r = await s.call("get_time_series", {
      metering_point_ids: [ids.household],
      from: "2026-01-05",
      to: "2026-01-07",
      include_points: true,
      page_size: 100,
      page: 5,
    });
    expect(r.isError).toBeFalsy();
    expect(data(r).points).toMatchObject({ page: 5, totalPages: 2, nextPage: null, series: [] });
    expect(data(r).notes).toEqual([
      "Page 5 is beyond the end: there are 2 pages of 192 points at page_size 100, so this page is empty. Ask for page 1 to 2.",
    ]);
    expect(textOf(r)).not.toMatch(/the last page/);
  });

  // Six metering points over two years (over a hundred thousand simulated points): about 1 s on an
  // idle machine, 4 s and more on a loaded CI machine, so the budget is explicit. Two years, not
  // three: beyond 731 days the summary is per year, whose three periods fit in any answer.
  it("when a page of points fills the answer, advises a smaller page or period, not fewer meters", async () => {
    const r = await s.call("get_time_series", {
      metering_point_ids: [
        ids.household,
        ids.flex,
        ids.flexHeating,
        ids.production,
        ids.productionExport,
        ids.productionImport,
      ],
      from: "2024-11-02",
      to: "2026-11-01",
      include_points: true,
      page_size: 500,
    });
    expect(tokensOf(r)).toBeLessThan(25_000);
    const left = data(r).notes.find((n: string) => /Per-period figures were left out/.test(n));
    expect(left).toMatch(/smaller page_size or a narrower period/);
    expect(left).not.toMatch(/fewer metering points/);
    for (const summary of data(r).summaries) expect(summary.periods).toEqual([]);
  }, 60_000);

  it("keeps a full year of quarter-hour data within about 25k tokens, summary or points", async () => {
    const year = { metering_point_ids: [ids.household], from: "2025-10-01", to: "2026-10-01" };
    const summary = await s.call("get_time_series", year);
    // The 92- and 100-point DST days cancel out over the year.
    expect(data(summary).summaries[0].points).toBe(365 * 96);
    expect(data(summary).summaries[0].breakdown).toBe("month");
    expect(tokensOf(summary)).toBeLessThan(25_000);

    // page_size has an advertised maximum, enforced before the tool runs.
    const tooBig = await s.call("get_time_series", { ...year, include_points: true, page_size: 100_000 });
    expect(tooBig.isError).toBe(true);
    expect(textOf(tooBig)).toMatch(/less than or equal to 500 at page_size/);
    const paged = await s.call("get_time_series", { ...year, include_points: true, page_size: 500 });
    const points = data(paged).points;
    expect(points.pageSize).toBe(500);
    expect(points.totalPoints).toBe(365 * 96);
    expect(points.totalPages).toBe(Math.ceil((365 * 96) / 500));
    expect(tokensOf(paged)).toBeLessThan(25_000);

    const last = await s.call("get_time_series", { ...year, include_points: true, page_size: 500, page: 71 });
    expect(tokensOf(last)).toBeLessThan(25_000);
  });

  it("keeps several metering points over a year within the budget too", async () => {
    const r = await s.call("get_time_series", {
      metering_point_ids: [
        ids.household,
        ids.flex,
        ids.production,
        ids.productionExport,
        ids.productionImport,
      ],
      from: "2025-10-01",
      to: "2026-10-01",
      include_points: true,
      page_size: 500,
    });
    expect(data(r).summaries.length).toBe(5);
    expect(tokensOf(r)).toBeLessThan(25_000);
  });
});

describe("get_consumption_profile", () => {
  it("averages by local hour of day and by weekday over four weeks", async () => {
    const r = await s.call("get_consumption_profile", {
      metering_point_ids: [ids.household],
      from: "2026-02-02",
      to: "2026-03-02",
    });
    expect(r.isError).toBeFalsy();
    const [profile] = data(r).profiles;
    expect(profile.averageByHour).toHaveLength(24);
    expect(profile.weekendAverageByHour).toHaveLength(24);
    // The simulator leaves some readings out; only days without a missing quarter count.
    const series = await s.call("get_time_series", {
      metering_point_ids: [ids.household],
      from: "2026-02-02",
      to: "2026-03-02",
    });
    const days: Array<{ points: number; missing: number }> = data(series).summaries[0].periods;
    expect(days).toHaveLength(28);
    const complete = days.filter((d) => d.points === 96 && d.missing === 0).length;
    expect(complete).toBeGreaterThan(20);
    expect(profile.daysUsed).toBe(complete);
    expect(profile.hoursUsed).toBeGreaterThanOrEqual(complete * 24);
    expect(profile.hoursUsed).toBeLessThanOrEqual(28 * 24);
    const weekdayDays = profile.averageByWeekday.map((w: { days: number }) => w.days);
    expect(weekdayDays.reduce((a: number, b: number) => a + b, 0)).toBe(complete);
    const meanOfHours = profile.averageByHour.reduce((a: number, b: number) => a + b, 0);
    expect(meanOfHours).toBeCloseTo(profile.averageDailyTotal, 1);
    expect(profile.averageByHour[profile.peakHourOfDay]).toBe(Math.max(...profile.averageByHour));
  });

  it("defaults `to` to today", async () => {
    const r = await s.call("get_consumption_profile", {
      metering_point_ids: [ids.household],
      from: "2026-11-01",
    });
    expect(data(r).to).toBe("2026-11-26");
  });
});

describe("estimate_grid_charges", () => {
  it("prices a month of consumption with today's charges, clearly labelled", async () => {
    const period = { metering_point_ids: [ids.household], from: "2026-01-01", to: "2026-02-01" };
    const r = await s.call("estimate_grid_charges", period);
    expect(r.isError).toBeFalsy();
    const [estimate] = data(r).estimates;
    const summary = data(await s.call("get_time_series", period)).summaries[0];
    expect(estimate.consumptionKwh).toBeCloseTo(summary.total, 2);
    expect(estimate.tariffCostDkk).toBeGreaterThan(0);
    expect(estimate.months).toBeCloseTo(1, 5);
    expect(estimate.totalDkk).toBeCloseTo(estimate.tariffCostDkk + estimate.subscriptionCostDkk, 1);
    const perTariff = estimate.tariffs.reduce((a: number, t: { costDkk: number }) => a + t.costDkk, 0);
    expect(perTariff).toBeCloseTo(estimate.tariffCostDkk, 0);
    expect(data(r).basis).toMatch(/TODAY/);
    expect(textOf(r)).toMatch(/excl\. VAT/);
  });
});

describe("estimate_grid_charges where the data ends early", () => {
  it("says where the data ends when DataHub lags behind `to`", async () => {
    const period = { metering_point_ids: [ids.household], from: "2026-11-16" };
    const r = await s.call("estimate_grid_charges", period);
    expect(r.isError).toBeFalsy();
    const [estimate] = data(r).estimates;
    expect(estimate.to).toBe("2026-11-26");
    const summary = data(await s.call("get_time_series", { ...period, to: "2026-11-26" })).summaries[0];
    expect(summary.lastEnd).not.toBeNull();
    expect(Date.parse(summary.lastEnd)).toBeLessThan(Date.parse("2026-11-25T23:00:00Z"));
    const note = `Data ends at ${danish.format(Date.parse(summary.lastEnd))} (Danish time); the estimate covers consumption up to then, subscriptions for the whole period.`;
    expect(estimate.notes).toContain(note);
    expect(textOf(r)).toContain(note);
    expect(estimate.consumptionKwh).toBeCloseTo(summary.total, 2);
    // Subscriptions still count for all ten days.
    expect(estimate.months).toBeCloseTo(10 / 30, 3);
  });

  it("says so when there is no consumption data in the period at all", async () => {
    const lag = sim.simulator.meteringPoints.household.dataLagDays;
    expect(lag).toBeGreaterThan(0);
    const period = { metering_point_ids: [ids.household], from: addLocalDays("2026-11-26", -lag) };
    const series = data(await s.call("get_time_series", { ...period, to: "2026-11-26" }));
    expect(series.summaries[0].points).toBe(0);
    const r = await s.call("estimate_grid_charges", period);
    expect(r.isError).toBeFalsy();
    const [estimate] = data(r).estimates;
    expect(estimate).toMatchObject({ consumptionKwh: 0, pricedPoints: 0, tariffCostDkk: 0 });
    expect(estimate.subscriptionCostDkk).toBeGreaterThan(0);
    expect(estimate.notes.join(" ")).toMatch(/No consumption data in the period/);
    expect(textOf(r)).toMatch(/note: No consumption data in the period/);
    expect(estimate.notes.join(" ")).not.toMatch(/Data ends at/);
  });
});

describe("relations", () => {
  it("links with a web access code, reports a second link as already linked, and refuses a wrong code", async () => {
    const neighbour = sim.simulator.meteringPoints.neighbour;
    const r = await s.call("add_relation_by_web_access_code", {
      metering_point_id: neighbour.id,
      web_access_code: neighbour.webAccessCode,
    });
    expect(r.isError).toBeFalsy();
    expect(data(r)).toMatchObject({ meteringPointId: neighbour.id, linked: true, alreadyLinked: false });
    const again = await s.call("add_relation_by_web_access_code", {
      metering_point_id: neighbour.id,
      web_access_code: neighbour.webAccessCode,
    });
    expect(again.isError).toBeFalsy();
    expect(data(again)).toMatchObject({ linked: true, alreadyLinked: true });
    const wrong = await s.call("add_relation_by_web_access_code", {
      metering_point_id: ids.business,
      web_access_code: "ZZZZ9999",
    });
    expect(wrong.isError).toBe(true);
    expect(textOf(wrong)).toMatch(/What to do:/);
    const short = await s.call("add_relation_by_web_access_code", {
      metering_point_id: ids.business,
      web_access_code: "abc",
    });
    expect(short.isError).toBe(true);
    // Refused by the advertised input schema, before the tool or the client sees it.
    expect(textOf(short)).toMatch(/Input validation error[\s\S]*exactly 8 letters or digits/);
  });

  it("links by CPR and unlinks again", async () => {
    const add = await s.call("add_relations_by_cpr", { metering_point_ids: [ids.cprOnly] });
    expect(add.isError).toBeFalsy();
    expect(data(add).results).toEqual([
      expect.objectContaining({ meteringPointId: ids.cprOnly, linked: true }),
    ]);
    const listed = data(await s.call("list_metering_points")).meteringPoints.map(
      (p: { meteringPointId: string }) => p.meteringPointId,
    );
    expect(listed).toContain(ids.cprOnly);

    const del = await s.call("delete_relation", { metering_point_id: ids.cprOnly });
    expect(del.isError).toBeFalsy();
    expect(data(del)).toEqual({ meteringPointId: ids.cprOnly, deleted: true });
    const after = await s.call("get_metering_point_details", { metering_point_ids: [ids.cprOnly] });
    expect(after.isError).toBe(true);
    expect(data(after).failures[0].meteringPointId).toBe(ids.cprOnly);
  });
});

describe("resources and prompts", () => {
  it("lists metering points as resources and reads one", async () => {
    const { resources } = await s.client.listResources();
    expect(resources.map((r) => r.uri)).toContain(`eloverblik://metering-point/${ids.household}`);
    const read = await s.client.readResource({ uri: `eloverblik://metering-point/${ids.household}` });
    const content = read.contents[0];
    expect(content?.mimeType).toBe("application/json");
    expect(JSON.parse(String(content && "text" in content ? content.text : ""))).toMatchObject({
      meteringPointId: ids.household,
      typeOfMP: "E17",
    });
    const templates = await s.client.listResourceTemplates();
    expect(templates.resourceTemplates.map((t) => t.uriTemplate)).toContain(
      "eloverblik://metering-point/{id}",
    );
  });

  it("walks an assistant through a consumption review", async () => {
    const { prompts } = await s.client.listPrompts();
    expect(prompts.map((p) => p.name)).toContain("consumption_review");
    const prompt = await s.client.getPrompt({
      name: "consumption_review",
      arguments: { metering_point_id: ids.household, from: "2025-11-01", to: "2026-11-01" },
    });
    const message = prompt.messages[0]?.content;
    const text = message && message.type === "text" ? message.text : "";
    expect(text).toContain(ids.household);
    expect(text).toContain("from 2025-11-01 to 2026-11-01");
    for (const tool of [
      "api_status",
      "get_time_series",
      "get_consumption_profile",
      "estimate_grid_charges",
    ]) {
      expect(text).toContain(tool);
    }
  });
});
