// Progress notifications for calls that carry a progressToken, and cancellation that stops the
// upstream requests of a call, in flight and queued, through the SDK client.
import { createEloverblik } from "@eloverblik-kit/client";
import type { RunningSimulator } from "@eloverblik-kit/simulator/server";
import type { Progress } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clock, connect, data, idsOf, type Session, simClient, startSim } from "./support/harness.js";

let sim: RunningSimulator;
let ids: ReturnType<typeof idsOf>;

beforeAll(async () => {
  sim = await startSim();
  ids = idsOf(sim);
});

afterEach(() => {
  sim.simulator.setScenario({ slow: false });
});

afterAll(async () => {
  await sim.close();
});

/** 1,461 days: the client plans three requests of at most 730 days. */
const THREE_CHUNKS = { from: "2022-01-01", to: "2026-01-01" };

const timeSeriesRequests = () => sim.simulator.requests.filter((r) => /gettimeseries/i.test(r.path)).length;

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Checks what the spec asks of a progress stream: progress grows with every notification. */
function expectGrowing(events: readonly Progress[], total: number): void {
  for (let i = 1; i < events.length; i++) {
    expect(events[i]!.progress).toBeGreaterThan(events[i - 1]!.progress);
  }
  expect(events.at(-1)).toMatchObject({ progress: total, total });
}

describe("progress", () => {
  let s: Session;
  beforeAll(async () => {
    s = await connect({ client: simClient(sim), refreshToken: sim.tokens.customer });
  });
  afterAll(async () => {
    await s.close();
  });

  it("a three-chunk get_time_series with a progressToken: one notification per finished request", async () => {
    const events: Progress[] = [];
    const r = await s.client.callTool(
      { name: "get_time_series", arguments: { metering_point_ids: [ids.household], ...THREE_CHUNKS } },
      undefined,
      { onprogress: (p) => events.push(p) },
    );
    expect(r.isError).toBeFalsy();
    expect(data(r as never).summaries).toHaveLength(1);
    expect(events.length).toBeGreaterThanOrEqual(3);
    expectGrowing(events, 3);
    expect(events.every((e) => e.total === 3)).toBe(true);
    expect(events[0]?.message).toMatch(/1 of 3 requests to Eloverblik done/);
  });

  it("counts every operation of a tool: estimate_grid_charges fetches the series, then the charges", async () => {
    const events: Progress[] = [];
    const r = await s.client.callTool(
      {
        name: "estimate_grid_charges",
        arguments: { metering_point_ids: [ids.household], from: "2022-02-01", to: "2026-02-01" },
      },
      undefined,
      { onprogress: (p) => events.push(p) },
    );
    expect(r.isError).toBeFalsy();
    expect(events.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < events.length; i++)
      expect(events[i]!.progress).toBeGreaterThan(events[i - 1]!.progress);
    expect(events.at(-1)).toMatchObject({ progress: 4, total: 4 });
  });

  it("sends nothing without a progressToken", async () => {
    const notes: unknown[] = [];
    s.client.fallbackNotificationHandler = async (n) => {
      notes.push(n);
    };
    const r = await s.call("get_time_series", {
      metering_point_ids: [ids.household],
      from: "2022-03-01",
      to: "2026-03-01",
    });
    expect(r.isError).toBeFalsy();
    expect(notes).toEqual([]);
  });
});

describe("cancellation", () => {
  it("a cancelled call stops: no request reaches Eloverblik after the cancel, queued ones included", async () => {
    // One request at a time, each held back 1.5 s: the second and third chunk wait in the queue.
    const client = createEloverblik({
      api: "customer",
      refreshToken: sim.tokens.customer,
      baseUrl: sim.url,
      now: clock,
      retry: { maxAttempts: 1 },
      limits: { concurrency: 1 },
    });
    const s = await connect({ client, refreshToken: sim.tokens.customer });
    try {
      // Exchange the token first, so that the only requests of the call are its chunks.
      expect((await s.call("list_metering_points")).isError).toBeFalsy();
      sim.simulator.setScenario({ slow: { delayMs: 1500, pathIncludes: "gettimeseries" } });
      const before = timeSeriesRequests();
      const controller = new AbortController();
      const call = s.client.callTool(
        {
          name: "get_time_series",
          arguments: { metering_point_ids: [ids.flex], from: "2022-01-01", to: "2026-01-01" },
        },
        undefined,
        { signal: controller.signal },
      );
      call.catch(() => undefined);
      await until(() => timeSeriesRequests() > before, "the first chunk's request");
      controller.abort("the user pressed stop");
      await expect(call).rejects.toThrow();
      const atCancel = timeSeriesRequests();
      expect(atCancel - before).toBe(1);
      // Longer than the held-back request and the two that would have followed it.
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      expect(timeSeriesRequests()).toBe(atCancel);

      // The server goes on serving: the same question, asked again, is answered in full.
      sim.simulator.setScenario({ slow: false });
      const again = await s.call("get_time_series", {
        metering_point_ids: [ids.flex],
        from: "2022-01-01",
        to: "2026-01-01",
      });
      expect(again.isError).toBeFalsy();
      expect(timeSeriesRequests() - atCancel).toBe(3);
    } finally {
      await s.close();
    }
    // At least 5.5 s of deliberate waiting (held-back requests, the 4 s watch); 6.6 s seen under load.
  }, 60_000);
});

describe("identical calls in flight at once", () => {
  it("share one upstream run: ten identical calls, one set of requests, ten answers", async () => {
    const s = await connect({ client: simClient(sim), refreshToken: sim.tokens.customer });
    try {
      expect((await s.call("list_metering_points")).isError).toBeFalsy();
      sim.simulator.setScenario({ slow: { delayMs: 300, pathIncludes: "gettimeseries" } });
      const before = timeSeriesRequests();
      const args = { metering_point_ids: [ids.production], from: "2026-01-05", to: "2026-01-12" };
      const answers = await Promise.all(Array.from({ length: 10 }, () => s.call("get_time_series", args)));
      expect(timeSeriesRequests() - before).toBe(1);
      for (const a of answers) {
        expect(a.isError).toBeFalsy();
        expect(a.structuredContent).toEqual(answers[0]?.structuredContent);
      }
    } finally {
      await s.close();
    }
  });

  it("a caller that cancels leaves the others their answer", async () => {
    const s = await connect({ client: simClient(sim), refreshToken: sim.tokens.customer });
    try {
      expect((await s.call("list_metering_points")).isError).toBeFalsy();
      sim.simulator.setScenario({ slow: { delayMs: 800, pathIncludes: "gettimeseries" } });
      const before = timeSeriesRequests();
      const args = { metering_point_ids: [ids.productionExport], from: "2026-02-02", to: "2026-02-09" };
      const controller = new AbortController();
      const cancelled = s.client.callTool({ name: "get_time_series", arguments: args }, undefined, {
        signal: controller.signal,
      });
      cancelled.catch(() => undefined);
      const kept = s.call("get_time_series", args);
      await until(() => timeSeriesRequests() > before, "the shared request");
      controller.abort();
      await expect(cancelled).rejects.toThrow();
      const r = await kept;
      expect(r.isError).toBeFalsy();
      expect(data(r).summaries).toHaveLength(1);
      expect(timeSeriesRequests() - before).toBe(1);
    } finally {
      await s.close();
    }
  });
});
