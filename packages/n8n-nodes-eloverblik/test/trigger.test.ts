import type { TimeSeriesPoint } from "@eloverblik-kit/client/core";
import type { IDataObject } from "n8n-workflow";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { newDays } from "../nodes/EloverblikTrigger/new-days";
import { execute, poll } from "./harness";
import { json, node, type Running, setup, trigger } from "./support";

let running: Running | undefined;
beforeEach(() => {
  // Only Date is faked: the simulator's "today" and data lag and the trigger's follow it, while
  // sockets and timers stay real.
  vi.useFakeTimers({ toFake: ["Date"] });
});
afterEach(async () => {
  vi.useRealTimers();
  await running?.close();
  running = undefined;
});

async function start(at: string) {
  vi.setSystemTime(new Date(at));
  const s = await setup();
  running = s.sim;
  return s;
}

const keyOf = (p: IDataObject) => `${p.meteringPointId} ${p.start}`;

describe("the Eloverblik Trigger", () => {
  it("emits each new point once, across the autumn clock change and late data, and never skips one", async () => {
    const { db, ids } = await start("2025-10-22T09:00:00Z");
    const watched = [ids.flex?.id, ids.production?.id].join(",");
    const parameters = { meteringPointIds: watched, initialDays: 3, output: "points" };
    const staticData: IDataObject = {};
    const emitted: IDataObject[] = [];
    const returnedAt: boolean[] = [];
    for (const at of [
      "2025-10-22T09:00:00Z",
      "2025-10-23T09:00:00Z",
      "2025-10-23T15:00:00Z",
      "2025-10-27T06:00:00Z",
      "2025-10-31T23:30:00Z",
    ]) {
      vi.setSystemTime(new Date(at));
      const result = await poll({ db, nodeType: trigger, parameters, staticData });
      returnedAt.push(result.returned);
      emitted.push(...json(result.items));
    }
    // The third poll comes the same day as the second: nothing new, no items, the cursor kept.
    expect(returnedAt[2]).toBe(false);
    const keys = emitted.map(keyOf);
    expect(new Set(keys).size).toBe(keys.length);
    // Everything the API has for the days emitted, point for point.
    const first = String(emitted.map((p) => p.localDate).sort()[0]);
    const lastDays = staticData.lastDay as Record<string, string>;
    for (const id of watched.split(",")) {
      const last = lastDays[id] as string;
      const { items } = await execute({
        db,
        nodeType: node,
        parameters: {
          resource: "timeSeries",
          operation: "get",
          meteringPointSelection: "ids",
          meteringPointIds: id,
          period: "custom",
          from: first,
          to: new Date(Date.parse(`${last}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10),
          output: "points",
        },
      });
      expect(
        emitted
          .filter((p) => p.meteringPointId === id)
          .map(keyOf)
          .sort(),
      ).toEqual(json(items).map(keyOf).sort());
    }
    // The 25-hour day is there whole, with both 02:00s.
    const autumn = emitted.filter((p) => p.meteringPointId === ids.flex?.id && p.localDate === "2025-10-26");
    expect(autumn).toHaveLength(25);
    expect(autumn.filter((p) => String(p.localStart).includes(" 02:00"))).toHaveLength(2);
  });

  it("gives one item per day with its length and completeness, the spring day 23 hours", async () => {
    const { db, ids } = await start("2025-04-02T09:00:00Z");
    const staticData: IDataObject = {};
    const { items } = await poll({
      db,
      nodeType: trigger,
      parameters: { meteringPointIds: ids.flex?.id, initialDays: 5, output: "day" },
      staticData,
    });
    const spring = json(items).find((d) => d.date === "2025-03-30");
    expect(spring).toMatchObject({ expectedPoints: 23, points: 23, complete: true });
    expect(Number(spring?.total)).toBeGreaterThan(0);
  });

  it('treats a 429 during a poll as "nothing yet": no items, the cursor kept, one warning, all of it next poll', async () => {
    const { db, ids, sim } = await start("2025-06-10T09:00:00Z");
    const parameters = { meteringPointIds: ids.flex?.id, initialDays: 2, output: "day" };
    const staticData: IDataObject = { lastDay: { [String(ids.flex?.id)]: "2025-06-05" } };
    sim.simulator.setScenario({
      rateLimited: { calls: 2, pathIncludes: "gettimeseries", retryAfterSeconds: 1 },
    });
    const limited = await poll({ db, nodeType: trigger, parameters, staticData });
    expect(limited.returned).toBe(false);
    expect(staticData).toEqual({ lastDay: { [String(ids.flex?.id)]: "2025-06-05" } });
    expect(limited.logs.filter((l) => l.startsWith("warn:"))).toHaveLength(1);
    const { accessToken, refreshToken } = db.get("eloverblikCustomerApi");
    for (const secret of [String(accessToken), String(refreshToken)]) {
      expect(secret.length).toBeGreaterThan(20);
      expect(limited.logs.join("\n")).not.toContain(secret.slice(-24));
    }
    const next = await poll({ db, nodeType: trigger, parameters, staticData });
    expect(json(next.items)[0]).toMatchObject({ date: "2025-06-06" });
  });

  it("watches every metering point of the account when none is listed, telling a refused one in the log", async () => {
    const { db, ids } = await start("2025-06-10T09:00:00Z");
    const staticData: IDataObject = {};
    const result = await poll({
      db,
      nodeType: trigger,
      parameters: { output: "day", initialDays: 3 },
      staticData,
    });
    const watched = new Set(json(result.items).map((d) => d.meteringPointId));
    expect(watched.has(ids.household?.id)).toBe(true);
    expect(watched.has(ids.flex?.id)).toBe(true);
    expect(watched.has(ids.blocked?.id)).toBe(false);
    expect(
      result.logs.filter((l) => l.startsWith("warn:") && l.includes(String(ids.blocked?.id))),
    ).toHaveLength(1);
    expect(Object.keys(staticData.lastDay as object)).not.toContain(ids.blocked?.id);
  });

  it("returns a sample in manual mode without moving the cursor", async () => {
    const { db, ids } = await start("2025-06-10T09:00:00Z");
    const staticData: IDataObject = {};
    const sample = await poll({
      db,
      nodeType: trigger,
      parameters: { meteringPointIds: ids.flex?.id, output: "day" },
      staticData,
      mode: "manual",
    });
    expect(sample.items).toHaveLength(1);
    expect(staticData).toEqual({});
  });

  it("refuses bad ids before any request", async () => {
    const { db, sim } = await start("2025-06-10T09:00:00Z");
    const error = await poll({
      db,
      nodeType: trigger,
      parameters: { meteringPointIds: "1234, abc" },
      staticData: {},
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "NodeOperationError" });
    expect(sim.simulator.requests).toHaveLength(0);
  });
});

describe("newDays", () => {
  const hour = (iso: string, quantity: number | null = 1): TimeSeriesPoint => ({
    meteringPointId: "571313180100000001",
    start: new Date(Date.parse(iso)).toISOString(),
    end: new Date(Date.parse(iso) + 3_600_000).toISOString(),
    quantity,
    quality: quantity === null ? "A02" : "A04",
    resolution: "PT1H",
    unit: "KWH",
    businessType: "A04",
  });
  const day = (date: string, hours: number, from = 0) =>
    Array.from({ length: hours }, (_, h) =>
      hour(new Date(Date.parse(`${date}T00:00:00+01:00`) + (from + h) * 3_600_000).toISOString()),
    );

  it("stops at the first day that may still fill up, and lets a day that stays incomplete go after the wait", () => {
    const points = [...day("2025-01-10", 24), ...day("2025-01-11", 12), ...day("2025-01-12", 24)];
    // 11 January has only half its hours: nothing after it yet, though the 12th is complete.
    expect(newDays("571313180100000001", points, "2025-01-10", "2025-01-13", 7).map((d) => d.date)).toEqual([
      "2025-01-10",
    ]);
    // A week after it ended it goes out as it is, with its missing hours counted.
    const later = newDays("571313180100000001", points, "2025-01-11", "2025-01-19", 7);
    expect(later.map((d) => [d.date, d.missingPoints, d.complete])).toEqual([
      ["2025-01-11", 12, false],
      ["2025-01-12", 0, true],
    ]);
  });

  it("counts a reading without a quantity as missing, and 15-minute days as 96 (92, 100) slots", () => {
    const withHole = [...day("2025-01-10", 23), hour("2025-01-10T22:00:00Z", null)];
    expect(newDays("571313180100000001", withHole, "2025-01-10", "2025-01-11", 7)).toEqual([]);
    expect(newDays("571313180100000001", withHole, "2025-01-10", "2025-01-18", 7)[0]).toMatchObject({
      missingPoints: 1,
    });
    const quarter = Array.from({ length: 100 }, (_, q) => ({
      ...hour(new Date(Date.parse("2025-10-25T22:00:00Z") + q * 900_000).toISOString()),
      end: new Date(Date.parse("2025-10-25T22:00:00Z") + (q + 1) * 900_000).toISOString(),
      resolution: "PT15M" as const,
    }));
    expect(newDays("571313180100000001", quarter, "2025-10-26", "2025-10-27", 7)[0]).toMatchObject({
      expectedPoints: 100,
      complete: true,
    });
  });
});
