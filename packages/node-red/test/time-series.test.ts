import { describe, expect, it } from "vitest";
import { config, credentials, load, next, statusTexts, useNodeRed } from "./support.js";

const state = useNodeRed();

function flow(props: Record<string, unknown>) {
  return [
    config(state.sim),
    { id: "n1", type: "eloverblik-time-series", server: "cfg", wires: [["out"]], ...props },
    { id: "out", type: "helper" },
  ];
}

describe("eloverblik-time-series", () => {
  it("gives yesterday's hourly points of every related metering point, DST-correct and flat", async () => {
    const { node, out } = await load(
      flow({ period: "yesterday", aggregation: "Hour", output: "points" }),
      credentials(state.sim),
    );
    const got = next(node, out);
    node.receive({ payload: "" });
    const msg = await got;
    expect(msg.payload.failed.length).toBeGreaterThanOrEqual(0);
    expect(msg.payload.points.length).toBeGreaterThan(0);
    const p = msg.payload.points[0];
    expect(Object.keys(p)).toEqual(
      expect.arrayContaining([
        "meteringPointId",
        "start",
        "end",
        "localStart",
        "quantity",
        "unit",
        "quality",
      ]),
    );
    expect(msg.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(statusTexts(node).at(-1)).toMatch(/points/);
  });

  it("takes ids, dates and the aggregation from the message: 25 hours on the autumn DST day", async () => {
    const id = state.sim.simulator.meteringPoints.household.id;
    const { node, out } = await load(flow({ output: "points" }), credentials(state.sim));
    const got = next(node, out);
    node.receive({ meteringPointIds: [id], from: "2024-10-27", to: "2024-10-28", aggregation: "Hour" });
    const msg = await got;
    expect(msg.payload.points).toHaveLength(25);
    expect(msg.payload.points[2].localStart).toBe("2024-10-27 02:00+02:00");
    expect(msg.payload.points[3].localStart).toBe("2024-10-27 02:00+01:00");
    expect(msg.payload.failed).toEqual([]);
  });
});
