// get_electricity_cost through the SDK client, against the simulator (both APIs on one loopback port).
import { createEnergiDataServiceCore, getElectricityCost } from "@eloverblik-kit/client/energi-data-service";
import type { RunningSimulator } from "@eloverblik-kit/simulator/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clock, connect, data, idsOf, type Session, simClient, startSim, textOf } from "./support/harness.js";

let sim: RunningSimulator;
let s: Session;
let ids: ReturnType<typeof idsOf>;
const eds = () =>
  createEnergiDataServiceCore({
    baseUrl: sim.url,
    ports: { fetch: (r) => fetch(r), now: clock, sleep: async () => undefined, random: () => 0.5 },
    limits: "off",
    // The test's sleep returns at once, so a per-attempt timer would fire at once too.
    retry: { timeoutMs: 0 },
  });

beforeAll(async () => {
  sim = await startSim({ edsLimits: "off" });
  ids = idsOf(sim);
  s = await connect({ client: simClient(sim), refreshToken: sim.tokens.customer, energiDataService: eds() });
});
afterAll(async () => {
  await s.close();
  await sim.close();
});

const edsRequests = () => sim.simulator.requests.filter((r) => r.operation?.startsWith("eds:")).length;

describe("get_electricity_cost", () => {
  const period = { from: "2025-09-01", to: "2025-11-01" };

  it("gives every component, the rule and what was inferred, with the hourly detail as a resource", async () => {
    const r = await s.call("get_electricity_cost", {
      metering_point_ids: [ids.household],
      ...period,
      detail: "days",
    });
    expect(r.isError, textOf(r)).toBeFalsy();
    const [cost] = data(r).costs;
    const [direct] = await getElectricityCost(simClient(sim), eds(), [ids.household], {
      ...period,
      includePoints: true,
    });
    if (!direct?.ok) throw new Error("no direct cost");
    expect(cost).toMatchObject({
      meteringPointId: ids.household,
      priceArea: "DK2",
      priceAreaInferred: true,
      totalDkk: direct.data.totalDkk,
      spotDkk: direct.data.spotDkk,
      gridTariffDkk: direct.data.gridTariffDkk,
      elafgiftDkk: direct.data.elafgiftDkk,
    });
    expect(cost.days).toHaveLength(61);
    expect(cost.priceRules).toContain("same-resolution");
    expect(cost.notes[0]).toMatch(
      /^Price area DK2 inferred from postcode \d{4}; give the price area if that is wrong\.$/,
    );
    expect(cost.notes.some((n: string) => n.startsWith("No supplier markup"))).toBe(true);
    expect(textOf(r)).toMatch(/DKK incl\. VAT/);
    const link = r.content.find((c) => c.type === "resource_link");
    expect(link && link.type === "resource_link" && link.uri).toBe(cost.hourlyDetailUri);
    const read = await s.client.readResource({ uri: cost.hourlyDetailUri });
    const csv = read.contents[0] && "text" in read.contents[0] ? String(read.contents[0].text) : "";
    expect(csv.trimEnd().split("\r\n")).toHaveLength(1 + (direct.data.points?.length ?? 0));
  });

  it("asks Energi Data Service nothing for a period it has priced, and takes the user's supplier terms", async () => {
    const before = edsRequests();
    const r = await s.call("get_electricity_cost", {
      metering_point_ids: [ids.household],
      ...period,
      price_area: "DK2",
      supplier_markup_dkk_per_kwh: 0.1,
    });
    const [cost] = data(r).costs;
    expect(edsRequests()).toBe(before);
    expect(cost.supplierMarkupDkk).toBeCloseTo(cost.kWh * 0.1, 1);
    expect(cost.priceAreaInferred).toBe(false);
    expect(cost.notes.some((n: string) => n.includes("your input"))).toBe(true);
  });

  it("refuses a bad argument before any request", async () => {
    const before = sim.simulator.requests.length;
    const r = await s.call("get_electricity_cost", {
      metering_point_ids: [ids.household],
      ...period,
      price_area: "DK3",
    });
    expect(r.isError).toBe(true);
    expect(sim.simulator.requests.length).toBe(before);
  });
});
