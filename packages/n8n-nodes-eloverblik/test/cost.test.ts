import { afterEach, describe, expect, it } from "vitest";
import { execute } from "./harness";
import { json, node, type Running, setup } from "./support";

let running: Running | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const edsCalls = (sim: Running) =>
  sim.simulator.requests.filter((r) => r.operation?.startsWith("eds:")).length;

describe("Charge → Get Electricity Cost", () => {
  it("gives every component per metering point and per day, the inferred price area, and caches prices", async () => {
    const s = await setup({ edsLimits: "off" });
    running = s.sim;
    const parameters = {
      resource: "charge",
      operation: "getCost",
      meteringPointSelection: "one",
      meteringPoint: { mode: "id", value: s.ids.household?.id },
      period: "custom",
      from: "2025-10-01",
      to: "2025-11-01",
      supplierMarkup: 0.05,
    };
    const [summary] = json((await execute({ db: s.db, nodeType: node, parameters })).items);
    expect(summary).toMatchObject({
      meteringPointId: s.ids.household?.id,
      priceArea: { area: "DK2", source: "postcode" },
    });
    expect(summary?.noteKinds).toContain("price-area-inferred");
    expect(summary?.noteKinds).toContain("supplier-terms-from-user");
    expect(summary?.supplierMarkupDkk).toBeCloseTo((summary?.kWh as number) * 0.05, 1);
    const first = edsCalls(s.sim);
    expect(first).toBe(2);
    const days = json(
      (await execute({ db: s.db, nodeType: node, parameters: { ...parameters, costOutput: "day" } })).items,
    );
    expect(days).toHaveLength(31);
    expect(days.reduce((sum, d) => sum + (d.totalDkk as number), 0)).toBeCloseTo(
      summary?.totalDkk as number,
      0,
    );
    // Published prices came from the process's cache the second time.
    expect(edsCalls(s.sim)).toBe(first);
  });

  it("refuses a period that ends before it starts, before any request", async () => {
    const s = await setup({ edsLimits: "off" });
    running = s.sim;
    const before = s.sim.simulator.requests.length;
    await expect(
      execute({
        db: s.db,
        nodeType: node,
        parameters: {
          resource: "charge",
          operation: "getCost",
          meteringPointSelection: "ids",
          meteringPointIds: s.ids.household?.id,
          period: "custom",
          from: "2025-11-01",
          to: "2025-10-01",
        },
      }),
    ).rejects.toThrow(/before/);
    expect(s.sim.simulator.requests.filter((r) => r.operation !== "getToken").length).toBe(before);
  });
});
