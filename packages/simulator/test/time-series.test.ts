import { afterEach, describe, expect, it } from "vitest";
import { accessToken, body, faces, items, type Started, useMsw, virtualClock } from "./support.js";

useMsw();

interface Point {
  position: string;
  "out_Quantity.quantity"?: string;
  "out_Quantity.quality": string;
}
interface Period {
  resolution: string;
  timeInterval: { start: string; end: string };
  Point: Point[];
}
interface Doc {
  TimeSeries: Array<{ mRID: string; businessType: string; Period: Period[] }>;
  "period.timeInterval": { start: string; end: string };
  [key: string]: unknown;
}

const clock = virtualClock();
let s: Started;
afterEach(async () => s?.stop());

async function setup(nowIso = "2026-01-15T10:00:00Z", seed = 1) {
  clock.set(nowIso);
  s = await faces[0]!.start({ clock: clock.now, seed, limits: "off" });
  return { token: await accessToken(s), mp: s.sim.meteringPoints };
}

async function documents(
  token: string,
  from: string,
  to: string,
  aggregation: string,
  ...ids: string[]
): Promise<Doc[]> {
  const answer = await s.api(
    "POST",
    `/customerapi/api/meterdata/gettimeseries/${from}/${to}/${aggregation}`,
    {
      token,
      body: body(...ids),
    },
  );
  expect(answer.status, answer.text.slice(0, 200)).toBe(200);
  return items(answer).map((item) => item.MyEnergyData_MarketDocument as Doc);
}

const periods = (doc: Doc | undefined) => doc?.TimeSeries[0]?.Period ?? [];
const kwh = (p: Point) => Number(p["out_Quantity.quantity"] ?? 0);
const wh = (p: Point) => Math.round(kwh(p) * 1000);
const sumWh = (points: Point[]) => points.reduce((a, p) => a + wh(p), 0);

describe("time series", () => {
  it("has the real envelope: empty sender, null sender mRID, requested interval, dotted keys", async () => {
    const { token, mp } = await setup();
    const [doc] = await documents(token, "2026-01-10", "2026-01-12", "Actual", mp.flex.id);
    expect(doc).toMatchObject({
      "sender_MarketParticipant.name": "",
      "sender_MarketParticipant.mRID": { codingScheme: null, name: null },
      "period.timeInterval": { start: "2026-01-09T23:00:00Z", end: "2026-01-11T23:00:00Z" },
      createdDateTime: "2026-01-15T10:00:00Z",
    });
    const series = doc?.TimeSeries[0];
    expect(series).toMatchObject({
      mRID: mp.flex.id,
      businessType: "A04",
      curveType: "A01",
      "measurement_Unit.name": "KWH",
      MarketEvaluationPoint: { mRID: { codingScheme: "A10", name: mp.flex.id } },
    });
    const [first] = periods(doc);
    expect(first?.timeInterval).toEqual({ start: "2026-01-09T23:00:00Z", end: "2026-01-10T23:00:00Z" });
    expect(first?.Point.map((p) => p.position)).toEqual(Array.from({ length: 24 }, (_, i) => String(i + 1)));
    for (const point of periods(doc).flatMap((p) => p.Point)) {
      if (point["out_Quantity.quantity"] !== undefined)
        expect(point["out_Quantity.quantity"]).toMatch(/^\d+(\.\d{1,3})?$/);
    }
  });

  it("has 23 and 25 hourly points on the DST days and one Period per local day", async () => {
    const { token, mp } = await setup();
    const spring = periods((await documents(token, "2025-03-29", "2025-04-01", "Actual", mp.flex.id))[0]);
    expect(spring.map((p) => [p.timeInterval.start, p.Point.length])).toEqual([
      ["2025-03-28T23:00:00Z", 24],
      ["2025-03-29T23:00:00Z", 23],
      ["2025-03-30T22:00:00Z", 24],
    ]);
    const autumn = periods((await documents(token, "2025-10-26", "2025-10-27", "Hour", mp.flex.id))[0]);
    expect(autumn[0]?.Point).toHaveLength(25);
    expect(autumn[0]?.timeInterval).toEqual({ start: "2025-10-25T22:00:00Z", end: "2025-10-26T23:00:00Z" });
  });

  it("switches the household meter from PT1H to PT15M on 2025-10-01, with 100 and 92 quarters on DST days", async () => {
    const { token, mp } = await setup("2026-06-01T10:00:00Z");
    const around = periods(
      (await documents(token, "2025-09-30", "2025-10-02", "Actual", mp.household.id))[0],
    );
    expect(around.map((p) => [p.resolution, p.Point.length])).toEqual([
      ["PT1H", 24],
      ["PT15M", 96],
    ]);
    const autumn = periods(
      (await documents(token, "2025-10-26", "2025-10-27", "Quarter", mp.household.id))[0],
    );
    expect(autumn[0]?.Point).toHaveLength(100);
    const spring = periods(
      (await documents(token, "2026-03-29", "2026-03-30", "Actual", mp.household.id))[0],
    );
    expect(spring[0]?.Point).toHaveLength(92);
  });

  it("answers Quarter at the native PT1H for an hourly meter, and Hour as sums of quarters for a PT15M meter", async () => {
    const { token, mp } = await setup();
    const quarter = periods((await documents(token, "2026-01-05", "2026-01-06", "Quarter", mp.flex.id))[0]);
    expect(quarter[0]?.resolution).toBe("PT1H");
    const [actual] = periods(
      (await documents(token, "2026-01-05", "2026-01-06", "Actual", mp.household.id))[0],
    );
    const [hourly] = periods(
      (await documents(token, "2026-01-05", "2026-01-06", "Hour", mp.household.id))[0],
    );
    expect(actual?.resolution).toBe("PT15M");
    expect(hourly?.resolution).toBe("PT1H");
    hourly?.Point.forEach((point, hour) => {
      expect(wh(point)).toBe(sumWh(actual?.Point.slice(hour * 4, hour * 4 + 4) ?? []));
    });
  });

  it("aggregates Day, Month and Year from the same base data with the live resolution strings", async () => {
    const { token, mp } = await setup();
    const id = mp.household.id;
    const days = periods((await documents(token, "2025-11-15", "2026-01-10", "Day", id))[0]);
    expect(days).toHaveLength(56);
    expect(new Set(days.map((p) => p.resolution))).toEqual(new Set(["PT1D"]));
    const [hoursOfDay] = periods((await documents(token, "2025-12-24", "2025-12-25", "Actual", id))[0]);
    const christmas = days.find((p) => p.timeInterval.start === "2025-12-23T23:00:00Z");
    expect(wh(christmas?.Point[0] as Point)).toBe(sumWh(hoursOfDay?.Point ?? []));
    const months = periods((await documents(token, "2025-11-15", "2026-01-10", "Month", id))[0]);
    expect(months.map((p) => [p.resolution, p.timeInterval.start, p.timeInterval.end])).toEqual([
      ["P1M", "2025-11-14T23:00:00Z", "2025-11-30T23:00:00Z"],
      ["P1M", "2025-11-30T23:00:00Z", "2025-12-31T23:00:00Z"],
      ["P1M", "2025-12-31T23:00:00Z", "2026-01-09T23:00:00Z"],
    ]);
    const monthTotal = months.reduce((a, p) => a + wh(p.Point[0] as Point), 0);
    expect(monthTotal).toBe(days.reduce((a, p) => a + wh(p.Point[0] as Point), 0));
    const years = periods((await documents(token, "2021-01-01", "2022-12-31", "Year", mp.production.id))[0]);
    expect(years.map((p) => [p.resolution, p.timeInterval.start, p.timeInterval.end])).toEqual([
      ["PT1Y", "2021-04-26T22:00:00Z", "2021-12-31T23:00:00Z"],
      ["PT1Y", "2021-12-31T23:00:00Z", "2022-12-30T23:00:00Z"],
    ]);
  });

  it("leaves out the newest days (data lag) and days before the meter existed", async () => {
    const { token, mp } = await setup("2026-01-15T10:00:00Z");
    // Household: a day is there once its end is more than 1 day old; 14 January ends 14 Jan 23:00Z.
    const household = periods(
      (await documents(token, "2026-01-12", "2026-01-15", "Day", mp.household.id))[0],
    );
    expect(household.map((p) => p.timeInterval.start)).toEqual([
      "2026-01-11T23:00:00Z",
      "2026-01-12T23:00:00Z",
    ]);
    const [production] = await documents(token, "2026-01-13", "2026-01-15", "Day", mp.production.id);
    expect(production?.TimeSeries).toEqual([]);
    clock.advance(2 * 86_400_000);
    const fresh = await accessToken(s);
    const later = periods((await documents(fresh, "2026-01-13", "2026-01-15", "Day", mp.production.id))[0]);
    expect(later).toHaveLength(2);
    const [beforeStart] = await documents(fresh, "2021-01-01", "2021-02-01", "Day", mp.production.id);
    expect(beforeStart?.TimeSeries).toEqual([]);
  });

  it("serves yesterday for every metering point under the fresh-data preset, and refuses a bad lag", async () => {
    const { token, mp } = await setup("2026-01-15T10:00:00Z");
    const yesterday = async (id: string) =>
      periods((await documents(token, "2026-01-14", "2026-01-15", "Day", id))[0]).length;
    expect(await yesterday(mp.household.id)).toBe(0);
    s.sim.setScenario({ dataLagDays: 0 });
    for (const id of [mp.household.id, mp.production.id, mp.flex.id]) expect(await yesterday(id)).toBe(1);
    // Today itself is never served: it has not ended.
    const today = await documents(token, "2026-01-15", "2026-01-15", "Day", mp.household.id).catch(() => []);
    expect(JSON.stringify(today)).not.toContain("2026-01-14T23:00:00Z");
    s.sim.setScenario({ dataLagDays: false });
    expect(await yesterday(mp.household.id)).toBe(0);
    for (const bad of [-1, 4, 1.5, "0"]) {
      expect(() => s.sim.setScenario({ dataLagDays: bad as number })).toThrow(/dataLagDays/);
    }
  });

  it("marks some points estimated (A03) and some missing (A02, without a quantity)", async () => {
    const { token, mp } = await setup();
    const all = periods(
      (await documents(token, "2024-01-16", "2026-01-13", "Actual", mp.flex.id))[0],
    ).flatMap((p) => p.Point);
    const qualities = new Set(all.map((p) => p["out_Quantity.quality"]));
    expect(qualities).toEqual(new Set(["A04", "A03", "A02"]));
    const missing = all.filter((p) => p["out_Quantity.quality"] === "A02");
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.length / all.length).toBeLessThan(0.01);
    for (const point of missing) expect(Object.keys(point)).toEqual(["position", "out_Quantity.quality"]);
  });

  it("is deterministic per seed and consistent between overlapping ranges", async () => {
    const { token, mp } = await setup();
    const wide = periods((await documents(token, "2025-12-01", "2026-01-01", "Actual", mp.household.id))[0]);
    const narrow = periods(
      (await documents(token, "2025-12-10", "2025-12-12", "Actual", mp.household.id))[0],
    );
    expect(narrow).toEqual(wide.slice(9, 11));
    await s.stop();
    const again = await setup("2026-01-15T10:00:00Z", 1);
    const repeat = periods(
      (await documents(again.token, "2025-12-10", "2025-12-12", "Actual", again.mp.household.id))[0],
    );
    expect(repeat).toEqual(narrow);
    await s.stop();
    const other = await setup("2026-01-15T10:00:00Z", 2);
    expect(other.mp.household.id).not.toBe(mp.household.id);
    const different = periods(
      (await documents(other.token, "2025-12-10", "2025-12-12", "Actual", other.mp.household.id))[0],
    );
    expect(different.map((p) => p.Point.map(kwh))).not.toEqual(narrow.map((p) => p.Point.map(kwh)));
  });

  it("has daily, weekly and seasonal shapes", async () => {
    const { token, mp } = await setup();
    const monthly = async (id: string) =>
      periods((await documents(token, "2025-01-01", "2026-01-01", "Month", id))[0]).map((p) =>
        kwh(p.Point[0] as Point),
      );
    const household = await monthly(mp.household.id);
    expect(household[0]).toBeGreaterThan(household[6] as number);
    const solar = await monthly(mp.production.id);
    expect(solar[5]).toBeGreaterThan(5 * (solar[11] as number));
    const heating = await monthly(mp.flexHeating.id);
    expect(heating[0]).toBeGreaterThan(10 * (heating[6] as number));
    const [solarDay] = periods(
      (await documents(token, "2025-06-21", "2025-06-22", "Hour", mp.production.id))[0],
    );
    expect(kwh(solarDay?.Point[1] as Point)).toBe(0);
    expect(Math.max(...(solarDay?.Point.map(kwh) ?? []))).toBeGreaterThan(0.5);
    // Weekday mornings start earlier than weekend ones: compare 06:00–08:00 local over eight weeks.
    const weeks = periods((await documents(token, "2025-11-03", "2025-12-29", "Hour", mp.household.id))[0]);
    const morning = (weekend: boolean) => {
      const days = weeks.filter((_, i) => i % 7 >= 5 === weekend);
      return days.reduce((a, p) => a + kwh(p.Point[6] as Point) + kwh(p.Point[7] as Point), 0) / days.length;
    };
    expect(morning(false)).toBeGreaterThan(morning(true));
  });

  it("keeps child metering points consistent with their parent", async () => {
    const { token, mp } = await setup();
    const [production, exported, heated, heating] = await documents(
      token,
      "2025-06-01",
      "2025-06-08",
      "Hour",
      mp.production.id,
      mp.productionExport.id,
      mp.flex.id,
      mp.flexHeating.id,
    );
    const flat = (doc: Doc | undefined) => periods(doc).flatMap((p) => p.Point);
    const productionPoints = flat(production);
    const heatedPoints = flat(heated);
    for (const [i, point] of flat(exported).entries()) {
      expect(wh(point)).toBeLessThanOrEqual(wh(productionPoints[i] as Point));
    }
    for (const [i, point] of flat(heating).entries()) {
      expect(wh(point)).toBeLessThanOrEqual(wh(heatedPoints[i] as Point) + 1);
    }
    expect(exported?.TimeSeries[0]?.businessType).toBe("A01");
    expect(production?.TimeSeries[0]?.businessType).toBe("A01");
  });
});
