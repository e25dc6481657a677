import { describe, expect, it } from "vitest";
import { config, credentials, helper, load, next, statusTexts, useNodeRed } from "./support.js";

// One virtual clock for the simulator and the client (through Node-RED's settings): a 60 s wait
// after a 429 passes at once, and the simulator sees the time move.
let clock = Date.UTC(2025, 5, 15, 10);
const now = () => clock;
// The client also sleeps for its 120 s request timeout, raced against each request: that one must
// not pass at once, or every request would time out; waits for Energinet pass at once.
let cancelledWaits = 0;
const sleep = (ms: number, signal?: AbortSignal) => {
  if (ms >= 100_000) {
    // A long wait lasts until it is cancelled (a stopped flow), as a real timer would.
    return new Promise<void>((_resolve, reject) => {
      signal?.addEventListener(
        "abort",
        () => {
          cancelledWaits++;
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }
  clock += ms;
  return Promise.resolve();
};
const state = useNodeRed({ simulator: { clock: now }, settings: { eloverblik: { now, sleep } } });

describe("waits", () => {
  it("waits out a 429 on the virtual clock, shows it in the status and then delivers", async () => {
    const before = clock;
    state.sim.simulator.setScenario({ rateLimited: { calls: 1, retryAfterSeconds: 60, operation: "data" } });
    const { node, out } = await load(
      [
        config(state.sim),
        {
          id: "n1",
          type: "eloverblik-time-series",
          server: "cfg",
          meteringPointIds: state.sim.simulator.meteringPoints.household.id,
          period: "custom",
          from: "2025-06-01",
          to: "2025-06-02",
          aggregation: "Hour",
          output: "points",
          wires: [["out"]],
        },
        { id: "out", type: "helper" },
      ],
      credentials(state.sim),
    );
    const got = next(node, out);
    node.receive({});
    const msg = await got;
    expect(msg.payload.failed).toEqual([]);
    expect(msg.payload.points).toHaveLength(24);
    expect(statusTexts(node)).toContain("waiting 60 s (429)");
    expect(statusTexts(node).at(-1)).toBe("24 points");
    expect(clock - before).toBeGreaterThanOrEqual(60_000);
  });

  it("stops a waiting request when the flow stops: no message, no error, the wait cancelled", async () => {
    // Retry-After 150 s: the client waits (the virtual clock passes only waits under 100 s).
    state.sim.simulator.setScenario({ rateLimited: { calls: 1, retryAfterSeconds: 150, operation: "data" } });
    const { node, out } = await load(
      [
        config(state.sim),
        {
          id: "n1",
          type: "eloverblik-time-series",
          server: "cfg",
          meteringPointIds: state.sim.simulator.meteringPoints.household.id,
          period: "custom",
          from: "2025-06-01",
          to: "2025-06-02",
          aggregation: "Hour",
          output: "points",
          wires: [["out"]],
        },
        { id: "out", type: "helper" },
      ],
      credentials(state.sim),
    );
    const delivered: unknown[] = [];
    const errors: unknown[] = [];
    out.on("input", (msg) => delivered.push(msg));
    node.on("call:error", (call) => errors.push(call));
    node.receive({});
    for (let i = 0; !statusTexts(node).some((t) => t.includes("waiting 150 s")); i++) {
      if (i > 1000) throw new Error(`never waited: ${statusTexts(node).join(" | ")}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const calls = state.sim.simulator.requests.filter((r) => r.operation === "getTimeSeries").length;
    const cancelledBefore = cancelledWaits;
    await helper.unload();
    await new Promise((resolve) => setImmediate(resolve));
    expect(delivered).toEqual([]);
    expect(errors).toEqual([]);
    expect(cancelledWaits).toBeGreaterThan(cancelledBefore);
    // The call after the wait was never sent.
    expect(state.sim.simulator.requests.filter((r) => r.operation === "getTimeSeries")).toHaveLength(calls);
  });
});
