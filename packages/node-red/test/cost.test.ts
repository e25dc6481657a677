import { describe, expect, it } from "vitest";
import { config, credentials, load, type Msg, next, useNodeRed } from "./support.js";

const state = useNodeRed({
  simulator: { limits: "off", edsLimits: "off" },
  settings: {
    eloverblik: {
      limits: { tokenPerWindow: 1000, callsPerWindow: 10_000, windowMs: 60_000, concurrency: 4 },
      // The second message asks DayAheadPrices again at once: no minute's wait in a test.
      energiDataService: { limits: "off" },
    },
  },
});
const edsCalls = () => state.sim.simulator.requests.filter((r) => r.operation?.startsWith("eds:")).length;

describe("the charges node's cost output", () => {
  it("gives what electricity really cost per metering point and day, and keeps published prices in files", async () => {
    const id = state.sim.simulator.meteringPoints.household.id;
    const { node, out } = await load(
      [
        config(state.sim, "customer"),
        {
          id: "n1",
          type: "eloverblik-charges",
          server: "cfg",
          wires: [["out"]],
          output: "cost",
          meteringPointIds: id,
          period: "custom",
          from: "2025-10-01",
          to: "2025-11-01",
        },
        { id: "out", type: "helper" },
      ],
      credentials(state.sim, "customer"),
    );
    const first = next(node, out);
    node.receive({});
    const msg: Msg = await first;
    const [cost] = msg.payload.costs;
    expect(msg.payload.failed).toEqual([]);
    expect(cost).toMatchObject({ meteringPointId: id, priceArea: { area: "DK2", source: "postcode" } });
    expect(cost.days).toHaveLength(31);
    expect(cost.days.reduce((s: number, d: { totalDkk: number }) => s + d.totalDkk, 0)).toBeCloseTo(
      cost.totalDkk,
      0,
    );
    expect(cost.noteTexts[0]).toMatch(/^Price area DK2 inferred from postcode \d{4}/);
    const asked = edsCalls();
    expect(asked).toBe(2);
    const second = next(node, out);
    node.receive({ priceArea: "DK1", supplierMarkup: "0,1" });
    const again: Msg = await second;
    expect(again.payload.costs[0].priceArea).toEqual({ area: "DK1", source: "option" });
    expect(again.payload.costs[0].supplierMarkupDkk).toBeCloseTo(cost.kWh * 0.1, 1);
    // DK1's prices were not asked before; the price list was (cached).
    expect(edsCalls()).toBe(asked + 1);
  });
});
