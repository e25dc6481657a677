// The Third Party server: its own tools, the shared data tools, and access limited by authorization.
import { addLocalMonths } from "@eloverblik-kit/client";
import type { RunningSimulator } from "@eloverblik-kit/simulator/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, data, type Session, simClient, startSim, textOf } from "./support/harness.js";

let sim: RunningSimulator;
let s: Session;

beforeAll(async () => {
  sim = await startSim();
  s = await connect({ client: simClient(sim, "thirdparty"), refreshToken: sim.tokens.thirdparty });
});

afterAll(async () => {
  await s.close();
  await sim.close();
});

const active = () => sim.simulator.authorizations.filter((a) => a.active);

describe("third-party tools", () => {
  it("offers the third-party and shared tools, no relation tools", async () => {
    const names = (await s.client.listTools()).tools.map((t) => t.name).sort();
    expect(names).toEqual(
      [
        "api_status",
        "estimate_grid_charges",
        "export_time_series_csv",
        "get_charges",
        "get_consumption_profile",
        "get_electricity_cost",
        "get_metering_point_details",
        "get_time_series",
        "list_authorizations",
        "list_authorized_metering_points",
      ].sort(),
    );
    const status = await s.call("api_status");
    expect(data(status)).toMatchObject({ api: "thirdparty", ready: true });
  });

  it("lists the active authorizations only", async () => {
    const r = await s.call("list_authorizations");
    expect(r.isError).toBeFalsy();
    expect(
      data(r)
        .authorizations.map((a: { id: string }) => a.id)
        .sort(),
    ).toEqual(
      active()
        .map((a) => a.id)
        .sort(),
    );
    expect(data(r).count).toBe(active().length);
    expect(textOf(r)).toContain(active()[0]!.customerName);
  });

  it("lists authorized metering points by authorization, CVR and ids only, paged", async () => {
    const [first] = active();
    const byId = await s.call("list_authorized_metering_points", {
      scope: "authorizationId",
      identifier: first!.id,
    });
    expect(byId.isError).toBeFalsy();
    expect(
      data(byId)
        .meteringPoints.map((p: { meteringPointId: string }) => p.meteringPointId)
        .sort(),
    ).toEqual([...first!.meteringPointIds].sort());
    expect(data(byId).meteringPoints[0].accessFrom).toBeDefined();

    const business = active().find((a) => a.customerCVR)!;
    const byCvr = await s.call("list_authorized_metering_points", {
      scope: "customerCVR",
      identifier: business.customerCVR,
      ids_only: true,
    });
    expect(data(byCvr).meteringPointIds).toEqual(business.meteringPointIds);

    const paged = await s.call("list_authorized_metering_points", {
      scope: "authorizationId",
      identifier: first!.id,
      ids_only: true,
      page_size: 1,
    });
    expect(data(paged)).toMatchObject({ page: 1, totalPages: first!.meteringPointIds.length, nextPage: 2 });
    expect(data(paged).meteringPointIds).toHaveLength(1);
    expect(textOf(paged)).toMatch(/page: 2/);

    const badCvr = await s.call("list_authorized_metering_points", {
      scope: "customerCVR",
      identifier: "12",
    });
    expect(badCvr.isError).toBe(true);
    expect(textOf(badCvr)).toMatch(/INVALID_INPUT[\s\S]*8 digits/);
  });

  it("reads time series of an authorized quarter-hour meter", async () => {
    const business = sim.simulator.meteringPoints.business;
    const r = await s.call("get_time_series", {
      metering_point_ids: [business.id],
      from: "2026-03-02",
      to: "2026-03-09",
    });
    expect(r.isError).toBeFalsy();
    expect(data(r).summaries[0]).toMatchObject({ meteringPointId: business.id, breakdown: "day" });
    expect(data(r).summaries[0].resolutions[0].resolution).toBe("PT15M");
    const charges = await s.call("get_charges", { metering_point_ids: [business.id] });
    expect(charges.isError).toBeFalsy();
    expect(data(charges).results[0].fees).toEqual([]);
  });

  it("exports an authorized meter as CSV; Eloverblik's own export format is the Customer API's only", async () => {
    const business = sim.simulator.meteringPoints.business;
    const period = { metering_point_ids: [business.id], from: "2026-03-02", to: "2026-03-03" };
    const r = await s.call("export_time_series_csv", period);
    expect(r.isError).toBeFalsy();
    expect(data(r)).toMatchObject({ rows: 96, format: "points" });
    const read = await s.client.readResource({ uri: data(r).uri });
    const content = read.contents[0];
    const text = content && "text" in content ? content.text : "";
    expect(text.split("\n").filter((line) => line.startsWith(business.id))).toHaveLength(96);

    const own = await s.call("export_time_series_csv", { ...period, format: "eloverblik" });
    expect(own.isError).toBe(true);
    expect(textOf(own)).toMatch(/INVALID_INPUT[\s\S]*Customer API's own CSV export/);
  });

  it("a period before the metering point's access fails with that period named", async () => {
    const [first] = active();
    const production = sim.simulator.meteringPoints.production;
    expect(first!.meteringPointIds).toContain(production.id);
    const early = first!.validFrom;
    const r = await s.call("get_time_series", {
      metering_point_ids: [production.id],
      from: early,
      to: addLocalMonths(early, 1),
    });
    expect(r.isError).toBe(true);
    expect(data(r).failures[0]).toMatchObject({ meteringPointId: production.id, period: { from: early } });
    expect(textOf(r)).toMatch(/30010|authori[sz]ation/i);
  });

  it("shows validity and access as Danish dates, not the UTC day before", async () => {
    const r = await s.call("list_authorizations");
    type Listed = { id: string; validFrom: string; validTo: string };
    const authorizations: Listed[] = data(r).authorizations;
    // The simulator's clock puts the private authorization's start on 1 May 2024 (Danish time),
    // which the API sends as the instant before midnight UTC.
    const may = authorizations.find((a) => a.validFrom === "2024-04-30T22:00:00.000Z");
    expect(may).toBeDefined();
    const line = textOf(r)
      .split("\n")
      .find((l) => l.includes(may!.id));
    expect(line).toMatch(/valid 2024-05-01 to \d{4}-\d{2}-\d{2}/);
    expect(line).not.toContain("2024-04-30");
    const active = sim.simulator.authorizations.find((a) => a.id === may!.id)!;
    expect(line).toContain(`to ${active.validTo} `);

    const points = await s.call("list_authorized_metering_points", {
      scope: "authorizationId",
      identifier: may!.id,
    });
    const household = sim.simulator.meteringPoints.household.id;
    const row = data(points).meteringPoints.find(
      (p: { meteringPointId: string }) => p.meteringPointId === household,
    );
    expect(row.accessFrom).toBe("2024-04-30T22:00:00.000Z");
    expect(textOf(points)).toMatch(new RegExp(`${household}: .*access 2024-05-01 to `));
  });

  it("a customer token on a Third Party server", async () => {
    const session = await connect({ api: "thirdparty", refreshToken: sim.tokens.customer, baseUrl: sim.url });
    try {
      const r = await session.call("list_authorizations");
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/WRONG_TOKEN_TYPE[\s\S]*Customer API/);
    } finally {
      await session.close();
    }
  });
});
