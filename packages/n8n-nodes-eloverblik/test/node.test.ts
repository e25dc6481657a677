import type { IDataObject } from "n8n-workflow";
import { afterEach, describe, expect, it } from "vitest";
import { execute, listSearch } from "./harness";
import { allText, calls, json, node, type Running, setup } from "./support";

let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start() {
  const s = await setup();
  running = s.sim;
  return s;
}

const one = (id: string) => ({ meteringPointSelection: "one", meteringPoint: { mode: "id", value: id } });

describe("the Eloverblik node against the simulator", () => {
  it("lists metering points (unlinked ones too when asked) and gets their details", async () => {
    const { db, ids } = await start();
    const linked = json(
      (await execute({ db, nodeType: node, parameters: { resource: "meteringPoint", operation: "getMany" } }))
        .items,
    );
    expect(linked.map((m) => m.meteringPointId)).toContain(ids.household?.id);
    expect(linked.map((m) => m.meteringPointId)).not.toContain(ids.cprOnly?.id);
    expect(linked.find((m) => m.meteringPointId === ids.household?.id)?.address).toEqual(expect.any(String));
    const all = json(
      (
        await execute({
          db,
          nodeType: node,
          parameters: { resource: "meteringPoint", operation: "getMany", includeAll: true },
        })
      ).items,
    );
    expect(all.map((m) => m.meteringPointId)).toContain(ids.cprOnly?.id);
    const details = json(
      (
        await execute({
          db,
          nodeType: node,
          parameters: {
            resource: "meteringPoint",
            operation: "getDetails",
            meteringPointSelection: "ids",
            meteringPointIds: `${ids.household?.id}, ${ids.flex?.id}`,
          },
        })
      ).items,
    );
    expect(details.map((d) => d.meteringPointId)).toEqual([ids.household?.id, ids.flex?.id]);
  });

  it("offers the metering points in a searchable list for the resource locator, for both APIs", async () => {
    const { db, ids, sim } = await start();
    const all = await listSearch({ db, nodeType: node, parameters: {}, method: "searchMeteringPoints" });
    expect(all.results.map((r) => r.value)).toContain(ids.household?.id);
    expect(all.results.find((r) => r.value === ids.household?.id)?.name).toMatch(/^\d{18} · .+/);
    const filtered = await listSearch({
      db,
      nodeType: node,
      parameters: {},
      method: "searchMeteringPoints",
      filter: String(ids.flex?.id).slice(-6),
    });
    expect(filtered.results.map((r) => r.value)).toEqual([ids.flex?.id]);
    const thirdParty = await listSearch({
      db,
      nodeType: node,
      parameters: { authentication: "thirdPartyApi" },
      method: "searchMeteringPoints",
    });
    expect(thirdParty.results.map((r) => r.value)).toContain(sim.simulator.meteringPoints.business.id);
  });

  it("adds relations by CPR, by web access code, and deletes one", async () => {
    const { db, ids, sim } = await start();
    const added = await execute({
      db,
      nodeType: node,
      parameters: {
        resource: "meteringPoint",
        operation: "addRelations",
        meteringPointSelection: "ids",
        meteringPointIds: ids.cprOnly?.id,
      },
    });
    expect(json(added.items)).toEqual([
      expect.objectContaining({ meteringPointId: ids.cprOnly?.id, added: true }),
    ]);
    const neighbour = sim.simulator.meteringPoints.neighbour;
    const byCode = await execute({
      db,
      nodeType: node,
      parameters: {
        resource: "meteringPoint",
        operation: "addByWebAccessCode",
        singleMeteringPoint: { mode: "id", value: neighbour.id },
        webAccessCode: neighbour.webAccessCode,
      },
    });
    expect(json(byCode.items)).toEqual([
      expect.objectContaining({ meteringPointId: neighbour.id, added: true }),
    ]);
    // The web access code is a secret of its own: not echoed in any item.
    expect(allText(byCode.items)).not.toContain(String(neighbour.webAccessCode));
    const removed = await execute({
      db,
      nodeType: node,
      parameters: {
        resource: "meteringPoint",
        operation: "deleteRelation",
        singleMeteringPoint: { mode: "id", value: neighbour.id },
      },
    });
    expect(json(removed.items)).toEqual([expect.objectContaining({ meteringPointId: neighbour.id })]);
    const after = json(
      (await execute({ db, nodeType: node, parameters: { resource: "meteringPoint", operation: "getMany" } }))
        .items,
    );
    expect(after.map((m) => m.meteringPointId)).toContain(ids.cprOnly?.id);
    expect(after.map((m) => m.meteringPointId)).not.toContain(neighbour.id);
  });

  it("gets time series in every output mode, DST-correct", async () => {
    const { db, ids } = await start();
    const id = ids.flex?.id as string;
    const base = {
      resource: "timeSeries",
      operation: "get",
      ...one(id),
      period: "custom",
      from: "2024-10-26",
      to: "2024-10-28",
      aggregation: "Hour",
    };
    const points = json(
      (await execute({ db, nodeType: node, parameters: { ...base, output: "points" } })).items,
    );
    // 24 + 25 hours: the autumn switch day has two 02:00s, told apart by their offsets.
    expect(points).toHaveLength(49);
    const twoAm = points.filter((p) => String(p.localStart).startsWith("2024-10-27 02:00"));
    expect(twoAm.map((p) => p.localStart)).toEqual(["2024-10-27 02:00+02:00", "2024-10-27 02:00+01:00"]);
    const days = json((await execute({ db, nodeType: node, parameters: { ...base, output: "day" } })).items);
    expect(days.map((d) => [d.period, d.hours])).toEqual([
      ["2024-10-26", 24],
      ["2024-10-27", 25],
    ]);
    const sum = (list: IDataObject[], from: string) =>
      list.filter((p) => p.localDate === from).reduce((s, p) => s + Number(p.quantity ?? 0), 0);
    expect(Number(days[1]?.total)).toBeCloseTo(sum(points, "2024-10-27"), 3);
    const months = json(
      (await execute({ db, nodeType: node, parameters: { ...base, output: "month" } })).items,
    );
    expect(months.map((m) => m.period)).toEqual(["2024-10"]);
    const summary = json(
      (await execute({ db, nodeType: node, parameters: { ...base, output: "summary" } })).items,
    );
    expect(summary).toEqual([
      expect.objectContaining({ meteringPointId: id, points: 49, from: "2024-10-26", to: "2024-10-28" }),
    ]);
    const priced = json(
      (await execute({ db, nodeType: node, parameters: { ...base, output: "tariffs" } })).items,
    );
    expect(priced.map((p) => p.start)).toEqual(points.map((p) => p.start));
    expect(priced.every((p) => typeof p.tariffDkkPerKwh === "number" && Number(p.tariffDkkPerKwh) > 0)).toBe(
      true,
    );
    const first = priced[0] as IDataObject;
    expect(Number(first.tariffCostDkk)).toBeCloseTo(
      Number(first.quantity) * Number(first.tariffDkkPerKwh),
      3,
    );
    const raw = json((await execute({ db, nodeType: node, parameters: { ...base, output: "raw" } })).items);
    expect(raw[0]?.documents).toEqual(
      expect.arrayContaining([expect.objectContaining({ mRID: expect.anything() })]),
    );
  });

  it("splits a long period and many metering points into the calls the API allows", async () => {
    const { db, ids, sim } = await start();
    const before = calls(sim, "getTimeSeries").length;
    const { items } = await execute({
      db,
      nodeType: node,
      parameters: {
        resource: "timeSeries",
        operation: "get",
        meteringPointSelection: "ids",
        meteringPointIds: [ids.household?.id, ids.flex?.id].join(","),
        period: "custom",
        from: "2022-01-01",
        to: "2024-12-31",
        aggregation: "Month",
        output: "month",
      },
    });
    // 1,095 days are two periods of at most 730 days; both ids go in one call each.
    expect(calls(sim, "getTimeSeries").length - before).toBe(2);
    expect(new Set(json(items).map((m) => m.meteringPointId))).toEqual(
      new Set([ids.household?.id, ids.flex?.id]),
    );
    expect(json(items).filter((m) => m.meteringPointId === ids.flex?.id)).toHaveLength(36);
  });

  it("gives charges as an overview, tariffs per hour and all charges", async () => {
    const { db, ids } = await start();
    const base = { resource: "charge", operation: "get", ...one(ids.household?.id as string) };
    const [overview] = json(
      (await execute({ db, nodeType: node, parameters: { ...base, chargeOutput: "overview" } })).items,
    );
    expect(overview).toEqual(
      expect.objectContaining({
        meteringPointId: ids.household?.id,
        monthlySubscriptionsDkk: expect.any(Number),
      }),
    );
    const hourly = json(
      (
        await execute({
          db,
          nodeType: node,
          parameters: { ...base, chargeOutput: "hourly", tariffDate: "2026-10-25" },
        })
      ).items,
    );
    expect(hourly).toHaveLength(25);
    expect(hourly.every((h) => typeof h.total === "number")).toBe(true);
    const all = json(
      (await execute({ db, nodeType: node, parameters: { ...base, chargeOutput: "all" } })).items,
    );
    expect(all.some((c) => c.kind === "tariff")).toBe(true);
    expect(all.some((c) => c.kind === "subscription")).toBe(true);
    expect(all.every((c) => c.meteringPointId === ids.household?.id)).toBe(true);
  });

  it("exports CSV as binary data", async () => {
    const { db, ids } = await start();
    for (const operation of ["timeSeries", "masterData", "charges"]) {
      const { items } = await execute({
        db,
        nodeType: node,
        parameters: {
          resource: "export",
          operation,
          ...one(ids.household?.id as string),
          period: "custom",
          from: "2024-01-01",
          to: "2024-01-08",
          aggregation: "Hour",
        },
      });
      expect(items).toHaveLength(1);
      const binary = items[0]?.binary?.data;
      expect(binary?.mimeType).toBe("text/csv");
      expect(Buffer.from(String(binary?.data), "base64").toString("utf8")).toContain(
        String(ids.household?.id),
      );
    }
  });

  it("answers the API status without a token call", async () => {
    const { db, sim } = await start();
    const { items } = await execute({
      db,
      nodeType: node,
      parameters: { resource: "apiStatus", operation: "get" },
    });
    expect(json(items)).toEqual([expect.objectContaining({ alive: true })]);
    expect(calls(sim, "getToken")).toHaveLength(0);
  });

  it("reads Third Party authorizations and their metering points", async () => {
    const { db, sim } = await start();
    const tp = { authentication: "thirdPartyApi" };
    const auths = json(
      (
        await execute({
          db,
          nodeType: node,
          parameters: { ...tp, resource: "authorization", operation: "getMany" },
        })
      ).items,
    );
    expect(auths.length).toBeGreaterThan(0);
    const cvr = sim.simulator.authorizations.find((a) => String(a.customerCVR ?? "") === "10000009");
    const byCvr = json(
      (
        await execute({
          db,
          nodeType: node,
          parameters: {
            ...tp,
            resource: "authorization",
            operation: "getMeteringPointIds",
            scope: "customerCVR",
            identifier: "10000009",
          },
        })
      ).items,
    );
    expect(byCvr.map((m) => m.meteringPointId)).toContain(sim.simulator.meteringPoints.business.id);
    expect(cvr).toBeDefined();
    const points = json(
      (
        await execute({
          db,
          nodeType: node,
          parameters: {
            ...tp,
            resource: "authorization",
            operation: "getMeteringPoints",
            scope: "customerCVR",
            identifier: "10000009",
          },
        })
      ).items,
    );
    expect(points.map((m) => m.meteringPointId)).toContain(sim.simulator.meteringPoints.business.id);
    const series = json(
      (
        await execute({
          db,
          nodeType: node,
          parameters: {
            ...tp,
            resource: "timeSeries",
            operation: "get",
            ...one(sim.simulator.meteringPoints.business.id),
            period: "last-days",
            days: 7,
            output: "day",
          },
        })
      ).items,
    );
    // The business authorization started a year ago; DataHub is 1–3 days late.
    expect(series.length).toBeGreaterThanOrEqual(4);
    expect(series.every((d) => d.meteringPointId === sim.simulator.meteringPoints.business.id)).toBe(true);
  });

  it("refuses bad input before any request, naming the item", async () => {
    const { db, sim } = await start();
    const cases: IDataObject[] = [
      { resource: "timeSeries", operation: "get", meteringPointSelection: "ids", meteringPointIds: "12345" },
      {
        resource: "timeSeries",
        operation: "get",
        ...one("5713131801000000xx"),
        period: "custom",
        from: "2024-13-40",
      },
      {
        resource: "timeSeries",
        operation: "get",
        ...one("571313180100000001"),
        period: "custom",
        from: "2024-02-01",
        to: "2024-01-01",
      },
      {
        resource: "timeSeries",
        operation: "get",
        ...one("571313180100000001"),
        period: "custom",
        from: "2099-01-01",
      },
      { resource: "charge", operation: "get", ...one("571313180100000001"), tariffDate: "tomorrow" },
    ];
    for (const parameters of cases) {
      const error = await execute({
        db,
        nodeType: node,
        parameters,
        input: [{ json: {} }, { json: {} }],
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "NodeOperationError", context: { itemIndex: 0 } });
      expect(String((error as Error).message).length).toBeLessThan(400);
    }
    expect(calls(sim).filter((c) => c.operation !== "getToken")).toHaveLength(0);
  });

  it("keeps going with continue-on-fail: an error item per failed metering point, paired with its input", async () => {
    const { db, ids } = await start();
    const parameters = {
      resource: "timeSeries",
      operation: "get",
      meteringPointSelection: "ids",
      meteringPointIds: `${ids.household?.id},${ids.blocked?.id}`,
      period: "custom",
      from: "2024-03-01",
      output: "day",
    };
    const { items } = await execute({
      db,
      nodeType: node,
      parameters,
      continueOnFail: true,
      input: [{ json: {} }, { json: {} }],
    });
    const failed = items.filter((i) => i.json.error);
    expect(failed).toHaveLength(2);
    expect(failed[0]?.json).toMatchObject({ meteringPointId: ids.blocked?.id, code: expect.any(String) });
    expect(failed.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
    expect(items.filter((i) => !i.json.error).map((i) => i.json.meteringPointId)).toEqual([
      ids.household?.id,
      ids.household?.id,
    ]);
    // Without it the node fails, naming the metering point.
    const error = await execute({ db, nodeType: node, parameters }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "NodeApiError", context: { itemIndex: 0 } });
    expect(String((error as Error).message)).toContain(String(ids.blocked?.id));
  });

  it("gives an AI agent a compact summary by default and one item per point in a workflow", async () => {
    const { db, ids } = await start();
    const parameters = {
      resource: "timeSeries",
      operation: "get",
      ...one(ids.flex?.id as string),
      period: "last-days",
      days: 7,
    };
    const asTool = await execute({
      db,
      nodeType: node,
      parameters,
      type: "n8n-nodes-eloverblik.eloverblikTool",
    });
    expect(asTool.items).toHaveLength(1);
    expect(asTool.items[0]?.json).toMatchObject({
      meteringPointId: ids.flex?.id,
      periods: expect.any(Array),
    });
    const inWorkflow = await execute({ db, nodeType: node, parameters });
    // Up to yesterday, less the 1–3 days DataHub is late: at least four whole days of hours.
    expect(inWorkflow.items.length).toBeGreaterThanOrEqual(4 * 23);
    expect(
      inWorkflow.items.every((i) => i.json.meteringPointId === ids.flex?.id && "localStart" in i.json),
    ).toBe(true);
  });

  it("never shows a refresh or data-access token in items, errors or logs", async () => {
    const { db, ids } = await start();
    const logs: string[] = [];
    const runs = [
      await execute({
        db,
        nodeType: node,
        parameters: { resource: "meteringPoint", operation: "getMany" },
        logs,
      }),
      await execute({
        db,
        nodeType: node,
        parameters: {
          resource: "timeSeries",
          operation: "get",
          ...one(ids.blocked?.id as string),
          period: "yesterday",
        },
        continueOnFail: true,
        logs,
      }),
    ];
    const error = await execute({
      db,
      nodeType: node,
      parameters: {
        resource: "timeSeries",
        operation: "get",
        ...one(ids.blocked?.id as string),
        period: "yesterday",
      },
    }).catch((e: unknown) => e);
    const access = String(db.get("eloverblikCustomerApi").accessToken);
    const refresh = String(db.get("eloverblikCustomerApi").refreshToken);
    expect(access.length).toBeGreaterThan(20);
    const text = allText({ runs, error, logs });
    expect(text).not.toContain(access);
    expect(text).not.toContain(refresh);
    expect(text).not.toContain(access.slice(-24));
  });
});
