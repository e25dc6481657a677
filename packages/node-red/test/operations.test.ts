import { describe, expect, it } from "vitest";
import { config, credentials, helper, load, type Msg, next, statusTexts, useNodeRed } from "./support.js";

// Every test starts a fresh runtime and user directory, so each exchanges a token: without limits on
// either side, the tests do not queue for Energinet's 2 token calls a minute.
const state = useNodeRed({
  simulator: { limits: "off" },
  settings: {
    eloverblik: {
      limits: { tokenPerWindow: 1000, callsPerWindow: 10_000, windowMs: 60_000, concurrency: 4 },
    },
  },
});
const roles = () => state.sim.simulator.meteringPoints;

async function run(
  type: string,
  props: Record<string, unknown>,
  msg: Msg = {},
  api: "customer" | "thirdparty" = "customer",
) {
  const { node, out } = await load(
    [
      config(state.sim, api),
      { id: "n1", type, server: "cfg", wires: [["out"]], ...props },
      { id: "out", type: "helper" },
    ],
    credentials(state.sim, api),
  );
  const got = next(node, out);
  node.receive(msg);
  return { msg: await got, node };
}

/** The error a node hands to done(err), as a Catch node sees it. */
async function caught(
  type: string,
  props: Record<string, unknown>,
  msg: Msg,
  api: "customer" | "thirdparty" = "customer",
) {
  await helper.unload();
  await helper.load(
    (await import("../src/index.js")).register,
    [
      config(state.sim, api),
      { id: "n1", type, server: "cfg", wires: [["out"]], ...props },
      { id: "out", type: "helper" },
      { id: "c1", type: "catch", scope: null, uncaught: false, wires: [["caught"]] },
      { id: "caught", type: "helper" },
    ],
    credentials(state.sim, api),
  );
  const got = new Promise<Msg>((resolve, reject) => {
    helper.getNode("caught").on("input", resolve);
    helper
      .getNode("out")
      .on("input", (m: Msg) => reject(new Error(`sent instead: ${JSON.stringify(m.payload).slice(0, 300)}`)));
  });
  helper.getNode("n1").receive(msg);
  return { msg: await got, node: helper.getNode("n1") };
}

describe("every operation against the simulator", () => {
  it("status: alive, and the token's name and expiry without the token", async () => {
    const { msg } = await run("eloverblik-status", {});
    expect(msg.payload.alive).toBe(true);
    expect(msg.payload.refreshToken.expired).toBe(false);
    expect(msg.payload.refreshToken.daysLeft).toBeGreaterThan(300);
    expect(JSON.stringify(msg)).not.toContain(state.sim.tokens.customer);
  });

  it("metering points: list (with includeAll from the message) and details", async () => {
    const list = await run("eloverblik-metering-points", { operation: "list" }, { includeAll: true });
    const cprOnly = list.msg.payload.meteringPoints.find(
      (p: Msg) => p.meteringPointId === roles().cprOnly.id,
    );
    expect(cprOnly.hasRelation).toBe(false);
    expect(list.msg.payload.meteringPoints[0].typeLabel).toBeTruthy();
    const details = await run("eloverblik-metering-points", {
      operation: "details",
      meteringPointIds: roles().household.id,
    });
    expect(details.msg.payload.details).toHaveLength(1);
    expect(details.msg.payload.failed).toEqual([]);
  });

  it("time series: totals per day and month, summaries and raw documents", async () => {
    const id = roles().household.id;
    const base = {
      meteringPointIds: id,
      period: "custom",
      from: "2025-03-01",
      to: "2025-04-01",
      aggregation: "Hour",
    };
    const days = await run("eloverblik-time-series", { ...base, output: "days" });
    expect(days.msg.payload.totals).toHaveLength(31);
    expect(days.msg.payload.totals.find((t: Msg) => t.period === "2025-03-30").hours).toBe(23);
    const months = await run("eloverblik-time-series", { ...base, output: "months" });
    expect(months.msg.payload.totals).toHaveLength(1);
    const summary = await run("eloverblik-time-series", { ...base, output: "summary" });
    expect(summary.msg.payload.summaries[0].total).toBeCloseTo(months.msg.payload.totals[0].total, 3);
    const raw = await run("eloverblik-time-series", { ...base, output: "raw" });
    expect(raw.msg.payload.documents[0].documents.length).toBeGreaterThan(0);
  });

  it("time series: meter readings are withdrawn by Energinet, each id listed in payload.failed", async () => {
    const { msg } = await run(
      "eloverblik-time-series",
      { meteringPointIds: roles().household.id, output: "meterReadings" },
      {},
    );
    expect(msg.payload.failed[0]).toMatchObject({ id: roles().household.id, code: "ENDPOINT_WITHDRAWN" });
  });

  it("charges: charges, tariffs of a date, overview, and an estimate from incoming points", async () => {
    const id = roles().household.id;
    const charges = await run("eloverblik-charges", { meteringPointIds: id, output: "charges" });
    expect(charges.msg.payload.charges[0].tariffs.length).toBeGreaterThan(0);
    const tariffs = await run(
      "eloverblik-charges",
      { meteringPointIds: id, output: "tariffs" },
      { date: "2025-10-26" },
    );
    expect(tariffs.msg.payload.tables[0].rows).toHaveLength(25);
    const overview = await run("eloverblik-charges", { meteringPointIds: id, output: "overview" });
    expect(overview.msg.payload.overviews[0].monthlySubscriptionsDkk).toBeGreaterThan(0);
    const series = await run("eloverblik-time-series", {
      meteringPointIds: id,
      period: "custom",
      from: "2025-03-01",
      to: "2025-03-08",
      output: "points",
    });
    const estimate = await run("eloverblik-charges", { output: "estimate" }, series.msg);
    expect(estimate.msg.payload.estimates[0].consumptionKwh).toBeGreaterThan(0);
    expect(estimate.msg.payload.estimates[0].from).toBe("2025-03-01");
    const links = await caught("eloverblik-charges", { meteringPointIds: id, output: "chargeLinks" }, {});
    expect(links.msg.error.code).toBe("NOT_AVAILABLE");
    const noPoints = await caught("eloverblik-charges", { output: "estimate" }, { payload: 1 });
    expect(noPoints.msg.error.message).toMatch(/msg\.payload\.points/);
  });

  it("export: Energinet's CSV of time series, master data and charges", async () => {
    for (const kind of ["timeSeries", "masterData", "charges"]) {
      const { msg } = await run("eloverblik-export", {
        export: kind,
        meteringPointIds: roles().household.id,
        period: "last-7-days",
        aggregation: "Day",
      });
      expect(typeof msg.payload).toBe("string");
      expect(msg.payload).toContain(";");
    }
  });

  it("relations: add by CPR, add with a web access code, delete", async () => {
    const added = await run("eloverblik-relations", {
      operation: "add",
      meteringPointIds: roles().cprOnly.id,
    });
    expect(added.msg.payload.added).toEqual([roles().cprOnly.id]);
    const byCode = await run(
      "eloverblik-relations",
      { operation: "addByWebAccessCode" },
      {
        meteringPointIds: roles().neighbour.id,
        webAccessCode: roles().neighbour.webAccessCode,
      },
    );
    expect(byCode.msg.payload.added).toEqual([roles().neighbour.id]);
    const deleted = await run("eloverblik-relations", {
      operation: "delete",
      meteringPointIds: roles().neighbour.id,
    });
    expect(deleted.msg.payload.deleted).toEqual([roles().neighbour.id]);
  });

  it("authorizations: list, metering points and ids of a customer (Third Party API)", async () => {
    const list = await run("eloverblik-authorizations", { operation: "list" }, {}, "thirdparty");
    expect(list.msg.payload.authorizations.length).toBeGreaterThan(0);
    const mps = await run(
      "eloverblik-authorizations",
      { operation: "meteringPoints" },
      { scope: "customerKey", identifier: "kunde-1001" },
      "thirdparty",
    );
    expect(mps.msg.payload.meteringPoints.length).toBeGreaterThan(0);
    const ids = await run(
      "eloverblik-authorizations",
      { operation: "meteringPointIds", scope: "customerKey", identifier: "kunde-1001" },
      {},
      "thirdparty",
    );
    expect(ids.msg.meteringPointIds).toEqual(mps.msg.meteringPointIds);
  });
});

describe("input, failures and waits", () => {
  it("refuses ids that are not 18 digits before any request, through done(err)", async () => {
    const { msg, node } = await caught("eloverblik-time-series", {}, { meteringPointIds: ["123", "abc"] });
    expect(msg.error.code).toBe("INVALID_INPUT");
    expect(msg.error.message).toMatch(/123/);
    expect(statusTexts(node).at(-1)).toBe("INVALID_INPUT");
    expect(state.sim.simulator.requests).toHaveLength(0);
  });

  it("refuses an unknown period name and an output it does not know", async () => {
    const period = await caught("eloverblik-time-series", {}, { period: "last-week" });
    expect(period.msg.error.code).toBe("INVALID_INPUT");
    const output = await caught("eloverblik-time-series", {}, { output: "csv" });
    expect(output.msg.error.message).toMatch(/points, days/);
  });

  it("lists a failed metering point in payload.failed with its id and keeps the others", async () => {
    const ids = [roles().household.id, roles().blocked.id];
    const { msg, node } = await run(
      "eloverblik-time-series",
      { period: "custom", from: "2025-03-01", to: "2025-03-02" },
      { meteringPointIds: ids },
    );
    expect(msg.payload.points.length).toBe(24);
    expect(msg.payload.failed).toHaveLength(1);
    expect(msg.payload.failed[0]).toMatchObject({ id: roles().blocked.id, code: expect.any(String) });
    expect(statusTexts(node).at(-1)).toMatch(/24 points, 1 failed/);
  });
});
