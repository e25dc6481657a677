// The cost engine against an independent computation from the simulator's raw datasets: the test
// reads Elspotprices/DayAheadPrices and DatahubPricelist itself (plain fetch, Intl for the Danish
// hour, local date strings for validity) and prices every point by hand, then compares to the øre.
import { createSimulator, type Simulator, startSimulator } from "@eloverblik-kit/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createEnergiDataServiceCore,
  createMemoryPriceCache,
  getElectricityCost,
} from "../../src/energi-data-service.js";
import { createEloverblik, createMemoryTokenStore } from "../../src/index.js";
import { electricityCost, priceAreaFromPostcode } from "../../src/insights/index.js";

const NOW = Date.parse("2026-01-15T10:00:00Z");
let sim: Simulator;
let url = "";
let close: () => Promise<void>;

beforeAll(async () => {
  // The clock stands still, so no rate-limit window would ever pass: limits are tested elsewhere.
  sim = createSimulator({ seed: 4, clock: () => NOW, edsLimits: "off", limits: "off" });
  const running = await startSimulator({ simulator: sim });
  url = running.url;
  close = () => running.close();
});
afterAll(() => close());

const clients = () => {
  let now = NOW;
  const ports = {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
  const eloverblik = createEloverblik({
    api: "customer",
    refreshToken: sim.tokens.customer,
    baseUrl: url,
    ...ports,
    tokenStore: createMemoryTokenStore(),
    retry: { timeoutMs: 0 },
  });
  const eds = createEnergiDataServiceCore({
    baseUrl: url,
    ports: { fetch: (r) => fetch(r), random: () => 0.5, ...ports },
    retry: { timeoutMs: 0 },
    cache: createMemoryPriceCache(),
  });
  return { eloverblik, eds };
};

type Row = Record<string, string | number | null>;
async function raw(dataset: string, params: Record<string, string>): Promise<Row[]> {
  const answer = await fetch(`${url}/dataset/${dataset}?${new URLSearchParams({ ...params, limit: "0" })}`);
  return ((await answer.json()) as { records: Row[] }).records;
}

const wall = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Copenhagen",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
/** "2024-10-27 02:00" on the Danish wall clock. */
const dk = (ms: number) => wall.format(ms);

/** The row of a code valid on a Danish date: ValidFrom ≤ date < ValidTo, the latest ValidFrom. */
function rowOn(rows: Row[], date: string): Row | undefined {
  return rows
    .filter(
      (r) =>
        String(r.ValidFrom).slice(0, 10) <= date &&
        (r.ValidTo === null || String(r.ValidTo).slice(0, 10) > date),
    )
    .sort((a, b) => (String(a.ValidFrom) < String(b.ValidFrom) ? 1 : -1))[0];
}
const priceOf = (row: Row, hour: number) => (row[`Price${hour + 1}`] ?? row.Price1) as number;

async function independent(options: {
  id: string;
  from: string;
  to: string;
  area: string;
  aggregation: "Hour" | "Actual";
}) {
  const { eloverblik } = clients();
  const [series] = await eloverblik.getTimeSeries([options.id], {
    from: options.from,
    to: options.to,
    aggregation: options.aggregation,
  });
  if (!series?.ok) throw new Error("no series");
  const filter = JSON.stringify({ PriceArea: [options.area] });
  const spot = new Map<string, number>();
  for (const r of await raw("Elspotprices", { start: options.from, end: options.to, filter }))
    spot.set(String(r.HourUTC), r.SpotPriceDKK as number);
  const quarters = new Map<string, number>();
  for (const r of await raw("DayAheadPrices", { start: options.from, end: options.to, filter }))
    quarters.set(String(r.TimeUTC), r.DayAheadPriceDKK as number);
  const list = await raw("DatahubPricelist", {
    filter: JSON.stringify({ GLN_Number: ["5790000705689", "5790000432752"] }),
  });
  const byCode = (code: string) => list.filter((r) => r.ChargeTypeCode === code);
  const sums = { spot: 0, grid: 0, transmission: 0, system: 0, tax: 0, subscriptions: 0, kWh: 0 };
  for (const p of series.data.points) {
    if (p.quantity === null) continue;
    const ms = Date.parse(p.start);
    const key = p.start.slice(0, 19);
    const [date = "", time = ""] = dk(ms).split(" ");
    const hour = Number(time.slice(0, 2));
    let price: number;
    if (Date.parse(p.end) - ms === 3_600_000 && !spot.has(key)) {
      const four = [0, 1, 2, 3].map((i) =>
        quarters.get(new Date(ms + i * 900_000).toISOString().slice(0, 19)),
      );
      price = (four as number[]).reduce((a, b) => a + b, 0) / 4;
    } else price = spot.get(key) ?? (quarters.get(key) as number);
    const q = p.quantity;
    sums.kWh += q;
    sums.spot += (price / 1000) * q;
    // The household's grid codes today: DT_C_15 (note "Nettarif C") and the discount DT_C_R; before
    // DT_C_15 existed, the same note's DT_C_01 (the zero leftover DT_C_00 is not a tariff).
    const gridRow = rowOn(byCode("DT_C_15"), date) ?? rowOn(byCode("DT_C_01"), date);
    const discount = rowOn(byCode("DT_C_R"), date);
    sums.grid += ((gridRow ? priceOf(gridRow, hour) : 0) + (discount ? priceOf(discount, hour) : 0)) * q;
    sums.transmission += priceOf(rowOn(byCode("40000"), date) as Row, hour) * q;
    sums.system += priceOf(rowOn(byCode("41000"), date) as Row, hour) * q;
    sums.tax += priceOf(rowOn(byCode("EA-001"), date) as Row, hour) * q;
  }
  for (let t = Date.parse(`${options.from}T12:00:00Z`); dk(t).slice(0, 10) < options.to; t += 86_400_000) {
    const date = dk(t).slice(0, 10);
    const y = Number(date.slice(0, 4));
    const m = Number(date.slice(5, 7));
    const monthDays = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const yearDays = new Date(Date.UTC(y, 1, 29)).getUTCMonth() === 1 ? 366 : 365;
    sums.subscriptions += (rowOn(byCode("DT_ABO_C"), date)?.Price1 as number) / monthDays + 180 / yearDays;
  }
  const excl = sums.spot + sums.grid + sums.transmission + sums.system + sums.tax + sums.subscriptions;
  const r2 = (v: number) => Math.round(v * 100) / 100;
  return {
    spotDkk: r2(sums.spot),
    gridTariffDkk: r2(sums.grid),
    transmissionTariffDkk: r2(sums.transmission),
    systemTariffDkk: r2(sums.system),
    elafgiftDkk: r2(sums.tax),
    subscriptionsDkk: r2(sums.subscriptions),
    vatDkk: r2(excl * 0.25),
    totalDkk: r2(excl * 1.25),
  };
}

const pick = (c: Record<string, unknown>) =>
  Object.fromEntries(
    [
      "spotDkk",
      "gridTariffDkk",
      "transmissionTariffDkk",
      "systemTariffDkk",
      "elafgiftDkk",
      "subscriptionsDkk",
      "vatDkk",
      "totalDkk",
    ].map((k) => [k, c[k]]),
  );

describe("what electricity cost, against an independent computation", () => {
  it("prices October 2024 hour by hour (with the 25-hour DST day) to the øre", {
    timeout: 60_000,
  }, async () => {
    const { eloverblik, eds } = clients();
    const id = sim.meteringPoints.household.id;
    const [result] = await getElectricityCost(eloverblik, eds, [id], {
      from: "2024-10-01",
      to: "2024-11-01",
      aggregation: "Hour",
    });
    expect(result?.ok).toBe(true);
    if (!result?.ok) return;
    const cost = result.data;
    expect(pick(cost as unknown as Record<string, unknown>)).toEqual(
      await independent({ id, from: "2024-10-01", to: "2024-11-01", area: "DK2", aggregation: "Hour" }),
    );
    expect(cost.priceArea).toMatchObject({ area: "DK2", source: "postcode" });
    expect(cost.notes).toContainEqual(expect.objectContaining({ kind: "price-area-inferred", area: "DK2" }));
    expect(cost.rules.price).toEqual(["same-resolution"]);
    expect(cost.days.find((d) => d.date === "2024-10-27")).toBeDefined();
    // The code change: DT_C_15 has no row before 2025-10-01, so its note's DT_C_01 priced the month.
    expect(cost.notes).toContainEqual(
      expect.objectContaining({
        kind: "grid-code-fallback",
        code: "DT_C_15",
        usedCode: "DT_C_01",
        points: 745,
      }),
    );
    // The discount code did not exist yet: said, not silently zero.
    expect(cost.notes).toContainEqual({
      kind: "tariff-missing",
      component: "grid",
      code: "DT_C_R",
      points: 745,
    });
    expect(cost.days.reduce((s, d) => s + d.totalDkk, 0)).toBeCloseTo(cost.totalDkk, 1);
  });

  it("prices 2025-09-15 to 2025-10-15 across the switch: hourly spot, then the mean of four quarters", {
    timeout: 60_000,
  }, async () => {
    const { eloverblik, eds } = clients();
    const id = sim.meteringPoints.household.id;
    const [result] = await getElectricityCost(eloverblik, eds, [id], {
      from: "2025-09-15",
      to: "2025-10-15",
      aggregation: "Hour",
      priceArea: "DK2",
    });
    if (!result?.ok) throw result?.error;
    expect(pick(result.data as unknown as Record<string, unknown>)).toEqual(
      await independent({ id, from: "2025-09-15", to: "2025-10-15", area: "DK2", aggregation: "Hour" }),
    );
    expect(result.data.rules.price).toEqual(["mean-of-quarters", "same-resolution"]);
    expect(result.data.priceArea).toEqual({ area: "DK2", source: "option" });
    // Negative discount prices lower the grid tariff.
    expect(result.data.gridCodes.find((g) => g.code === "DT_C_R")?.costDkk).toBeLessThan(0);
  });

  it("prices quarter-hour consumption after the switch with quarter prices, and says so", {
    timeout: 60_000,
  }, async () => {
    const { eloverblik, eds } = clients();
    const id = sim.meteringPoints.household.id;
    const [result] = await getElectricityCost(eloverblik, eds, [id], {
      from: "2025-10-25",
      to: "2025-10-28",
      priceArea: "DK2",
    });
    if (!result?.ok) throw result?.error;
    expect(result.data.rules.price).toEqual(["same-resolution"]);
    expect(pick(result.data as unknown as Record<string, unknown>)).toEqual(
      await independent({ id, from: "2025-10-25", to: "2025-10-28", area: "DK2", aggregation: "Actual" }),
    );
    expect(result.data.pricedPoints).toBe(96 + 100 + 96);
  });
});

describe("pitfalls", () => {
  it("infers the price area from the postcode (Bornholm is DK2) and says it inferred it", () => {
    expect(priceAreaFromPostcode("2100")).toEqual({ area: "DK2", source: "postcode", postcode: "2100" });
    expect(priceAreaFromPostcode("3700")?.area).toBe("DK2");
    expect(priceAreaFromPostcode("5000")?.area).toBe("DK1");
    expect(priceAreaFromPostcode("8000")?.area).toBe("DK1");
    expect(priceAreaFromPostcode("99")).toBeUndefined();
  });

  const tariffRow = (code: string, validFrom: string, prices: number[], validTo: string | null = null) => ({
    owner: "5790000705689",
    ownerName: "Radius",
    chargeType: "D03",
    code,
    note: "Nettarif C",
    description: "",
    validFrom,
    validTo,
    prices: prices.length === 24 ? prices : Array(24).fill(prices[0]),
    flat: prices.length !== 24,
    resolution: "PT1H",
    tax: false,
  });
  const charges = {
    meteringPointId: "571313180000000001",
    subscriptions: [],
    fees: [],
    tariffs: [
      {
        priceId: "T1",
        name: "Nettarif C",
        description: "",
        owner: "5790000705689",
        validFrom: null,
        validTo: null,
        periodType: "PT1H" as const,
        prices: [],
      },
    ],
    warnings: [],
  };
  const hourly = (startIso: string, n: number, quantity: number | null = 1) =>
    Array.from({ length: n }, (_, i) => {
      const start = Date.parse(startIso) + i * 3_600_000;
      return {
        meteringPointId: charges.meteringPointId,
        start: new Date(start).toISOString(),
        end: new Date(start + 3_600_000).toISOString(),
        quantity,
        quality: "A04",
        resolution: "PT1H" as const,
        unit: "KWH",
        businessType: "A04",
      };
    });
  const pricesFor = (points: Array<{ start: string; end: string }>, dkk: number | null = 1000) =>
    points.map((p) => ({
      start: p.start,
      end: p.end,
      area: "DK1",
      resolution: "PT1H" as const,
      dkkPerMwh: dkk,
      eurPerMwh: null,
      dataset: "Elspotprices" as const,
    }));

  it("reads the autumn DST day's repeated 02:00 with Price3 both times", () => {
    const points = hourly("2024-10-26T22:00:00Z", 25); // 2024-10-27, 25 hours
    const byHour = Array.from({ length: 24 }, (_, h) => h / 100); // Price{h+1} = h/100
    const cost = electricityCost({
      from: "2024-10-27",
      to: "2024-10-28",
      points,
      prices: pricesFor(points),
      priceArea: { area: "DK1", source: "option" },
      charges,
      pricelist: [tariffRow("T1", "2024-09-30T22:00:00.000Z", byHour)],
      includePoints: true,
    });
    const grid = cost.points?.map((p) => p.gridTariffDkkPerKwh);
    expect(grid?.slice(0, 5)).toEqual([0, 0.01, 0.02, 0.02, 0.03]);
    expect(cost.gridTariffDkk).toBe(Math.round((byHour.reduce((a, b) => a + b, 0) + 0.02) * 100) / 100);
  });

  it("takes the later ValidFrom where rows overlap, and never a zero leftover through the note fallback", () => {
    const points = hourly("2025-01-31T23:00:00Z", 24); // 2025-02-01
    const cost = electricityCost({
      from: "2025-02-01",
      to: "2025-02-02",
      points,
      prices: pricesFor(points),
      priceArea: { area: "DK1", source: "option" },
      charges,
      pricelist: [
        tariffRow("T1", "2024-12-31T23:00:00.000Z", [0.5]),
        tariffRow("T1", "2025-01-31T23:00:00.000Z", [0.3]),
        tariffRow("OLD", "2024-12-31T23:00:00.000Z", [0]),
      ],
    });
    expect(cost.gridTariffDkk).toBe(7.2);
    const fallback = electricityCost({
      from: "2025-02-01",
      to: "2025-02-02",
      points,
      prices: pricesFor(points),
      priceArea: { area: "DK1", source: "option" },
      charges,
      pricelist: [
        tariffRow("OLD", "2024-12-31T23:00:00.000Z", [0]),
        tariffRow("PREV", "2024-12-31T23:00:00.000Z", [0.4]),
      ],
    });
    expect(fallback.gridTariffDkk).toBe(9.6);
    expect(fallback.notes).toContainEqual({
      kind: "grid-code-fallback",
      code: "T1",
      note: "Nettarif C",
      usedCode: "PREV",
      points: 24,
    });
  });

  it("keeps hours without a price and points without a quantity out of the cost, and says so", () => {
    const points = [...hourly("2025-01-31T23:00:00Z", 2), ...hourly("2025-02-01T01:00:00Z", 1, null)];
    const prices = [...pricesFor(points.slice(0, 1)), ...pricesFor(points.slice(1, 2), null)];
    const cost = electricityCost({
      from: "2025-02-01",
      to: "2025-02-02",
      points,
      prices,
      priceArea: { area: "DK1", source: "option" },
      charges,
      pricelist: [tariffRow("T1", "2024-12-31T23:00:00.000Z", [0.5])],
    });
    expect(cost.pricedPoints).toBe(1);
    expect(cost.spotDkk).toBe(1);
    expect(cost.notes).toContainEqual({
      kind: "points-without-price",
      points: 1,
      first: points[1]?.start,
      last: points[1]?.start,
    });
    expect(cost.notes).toContainEqual({ kind: "points-without-quantity", points: 1 });
    expect(cost.notes).toContainEqual({ kind: "no-supplier-terms" });
  });

  it("gives the hour's price to each quarter of quarter-hour consumption", () => {
    const quarters = Array.from({ length: 4 }, (_, i) => {
      const start = Date.parse("2025-02-01T10:00:00Z") + i * 900_000;
      return {
        ...hourly("2025-02-01T10:00:00Z", 1)[0]!,
        start: new Date(start).toISOString(),
        end: new Date(start + 900_000).toISOString(),
        resolution: "PT15M" as const,
        quantity: 0.25,
      };
    });
    const cost = electricityCost({
      from: "2025-02-01",
      to: "2025-02-02",
      points: quarters,
      prices: pricesFor(hourly("2025-02-01T10:00:00Z", 1), 800),
      priceArea: { area: "DK1", source: "option" },
      charges,
      pricelist: [],
      supplier: { markupDkkPerKwh: 0.1 },
    });
    expect(cost.rules.price).toEqual(["hour-price-for-quarters"]);
    expect([cost.spotDkk, cost.supplierMarkupDkk, cost.pricedPoints]).toEqual([0.8, 0.1, 4]);
    expect(cost.notes).toContainEqual({
      kind: "supplier-terms-from-user",
      markupDkkPerKwh: 0.1,
      subscriptionDkkPerMonth: 0,
    });
    expect(cost.notes).toContainEqual({ kind: "tariff-missing", component: "grid", code: "T1", points: 4 });
  });

  it("prices a correction (a negative quantity) above the 4,000 kWh at the reduced elafgift, like any other kWh", () => {
    const energinetRow = (code: string, price: number) => ({
      ...tariffRow(code, "2025-01-01T00:00:00.000Z", [price]),
      owner: "5790000432752",
      ownerName: "Energinet",
      note: code,
    });
    const [first, second] = hourly("2025-02-01T10:00:00Z", 2);
    const cost = electricityCost({
      from: "2025-02-01",
      to: "2025-02-02",
      points: [
        { ...first!, quantity: 2 },
        { ...second!, quantity: -1 },
      ],
      prices: pricesFor([first!, second!], 500),
      priceArea: { area: "DK1", source: "option" },
      charges,
      pricelist: [energinetRow("EA-001", 0.72), energinetRow("EA-002", 0.008)],
      electricHeating: true,
      yearToDateKwh: 4_000,
    });
    // Both points lie above the year's 4,000 kWh: 2 × 0.008 − 1 × 0.008.
    expect(cost.elafgiftDkk).toBe(0.01);
    expect(cost.notes).toContainEqual({
      kind: "reduced-elafgift",
      kWh: 1,
      thresholdKwh: 4_000,
      yearToDateKwh: 4_000,
    });
  });

  it("applies reduced elafgift only when asked, and only above 4,000 kWh in the calendar year", {
    timeout: 60_000,
  }, async () => {
    const { eloverblik, eds } = clients();
    const id = sim.meteringPoints.flex.id;
    const period = { from: "2025-01-01", to: "2025-03-01", priceArea: "DK1" as const, yearToDateKwh: 0 };
    const [plain] = await getElectricityCost(eloverblik, eds, [id], period);
    const [heated] = await getElectricityCost(eloverblik, eds, [id], {
      ...period,
      electricHeating: true,
      yearToDateKwh: 3_000,
    });
    if (!plain?.ok || !heated?.ok) throw new Error("no cost");
    expect(plain.data.kWh).toBeGreaterThan(1_000);
    expect(plain.data.elafgiftDkk).toBe(Math.round(plain.data.kWh * 0.72 * 100) / 100);
    const reduced = heated.data.kWh - 1_000;
    expect(heated.data.notes).toContainEqual({
      kind: "reduced-elafgift",
      kWh: Math.round(reduced * 1000) / 1000,
      thresholdKwh: 4_000,
      yearToDateKwh: 3_000,
    });
    expect(heated.data.elafgiftDkk).toBeCloseTo(1_000 * 0.72 + reduced * 0.008, 1);
  });

  it("refuses bad options before any request and names the metering point when a part fails", async () => {
    const { eloverblik, eds } = clients();
    const before = sim.requests.length;
    for (const bad of [
      { from: "2025-02-01", to: "2025-01-01" },
      { from: "2025-01-01", to: "2025-02-01", priceArea: "DK3" },
      { from: "2025-01-01", to: "2025-02-01", supplier: { markupDkkPerKwh: Number.NaN } },
    ]) {
      await expect(
        getElectricityCost(eloverblik, eds, [sim.meteringPoints.household.id], bad as never),
      ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    }
    expect(sim.requests.length).toBe(before);
    const [ok, blocked] = await getElectricityCost(
      eloverblik,
      eds,
      [sim.meteringPoints.household.id, sim.meteringPoints.blocked.id],
      { from: "2025-01-01", to: "2025-01-08" },
    );
    expect(ok?.ok).toBe(true);
    expect(blocked?.ok === false && blocked.error.meteringPointId).toBe(sim.meteringPoints.blocked.id);
  });
});
