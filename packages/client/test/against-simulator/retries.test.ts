import { afterEach, describe, expect, it } from "vitest";
import {
  createEloverblik,
  createMemoryTokenStore,
  type EloverblikOptions,
  isEloverblikError,
  type ProgressEvent,
} from "../../src/index.js";
import { faces, type Started, useMsw, virtualClock } from "./support.js";

useMsw();

/**
 * What is retried and how long the client waits, against the simulator's faults (429 with or
 * without Retry-After, 503, dropped connections, cut-off bodies) on a virtual clock.
 */
describe.each(faces)("retries against the simulator ($name)", (face) => {
  let s: Started;
  const clock = virtualClock();
  afterEach(async () => s?.stop());

  async function start(scenario: NonNullable<Parameters<Face["start"]>[0]>["scenario"]) {
    clock.set("2026-11-20T10:00:00Z");
    s = await face.start({ clock: clock.now, scenario });
  }

  const waits: number[] = [];
  const client = (events: ProgressEvent[] = [], extra: Partial<EloverblikOptions> = {}) => {
    waits.length = 0;
    return createEloverblik({
      api: "customer",
      refreshToken: s.sim.tokens.customer,
      baseUrl: s.baseUrl,
      now: clock.now,
      sleep: async (ms: number, signal?: AbortSignal) => {
        signal?.throwIfAborted();
        waits.push(ms);
        clock.advance(ms);
      },
      random: () => 0.5,
      tokenStore: createMemoryTokenStore(),
      retry: { timeoutMs: 0 },
      onProgress: (e) => events.push(e),
      ...extra,
    });
  };
  const list = { operation: "data" as const, pathIncludes: "meteringpoints/meteringpoints" };
  const statuses = () =>
    s.sim.requests.filter((r) => r.operation === "listMeteringPoints").map((r) => r.status);
  const waitsFor = (events: ProgressEvent[], reason: string) =>
    events.flatMap((e) => (e.type === "wait" && e.reason === reason ? [e.ms] : []));

  it("waits out a 429 storm honouring Retry-After, then succeeds", async () => {
    await start({ rateLimited: { ...list, calls: 3, retryAfterSeconds: 17 } });
    const events: ProgressEvent[] = [];
    expect(await client(events).listMeteringPoints()).not.toHaveLength(0);
    expect(statuses()).toEqual([429, 429, 429, 200]);
    expect(waitsFor(events, "retry-after")).toEqual([17_000, 17_000, 17_000]);
  });

  it("waits a minute plus jitter after a 503 without Retry-After", async () => {
    await start({ unavailable: { ...list, calls: 2 } });
    const events: ProgressEvent[] = [];
    await client(events).listMeteringPoints();
    expect(statuses()).toEqual([503, 503, 200]);
    expect(waitsFor(events, "datahub-unavailable")).toEqual([62_500, 62_500]);
  });

  it("stops after maxAttempts and reports RATE_LIMITED with retryAfterMs", async () => {
    await start({ rateLimited: { ...list, retryAfterSeconds: 5 } });
    const error = await client()
      .listMeteringPoints()
      .catch((e: unknown) => e);
    expect(isEloverblikError(error) && [error.code, error.retryAfterMs, error.retryable]).toEqual([
      "RATE_LIMITED",
      5_000,
      true,
    ]);
    expect(statuses()).toEqual([429, 429, 429, 429]);
  });

  it("does not wait when Retry-After is longer than maxWaitMs", async () => {
    await start({ rateLimited: { ...list, retryAfterSeconds: 3600 } });
    const error = await client()
      .listMeteringPoints()
      .catch((e: unknown) => e);
    expect(isEloverblikError(error) && error.retryAfterMs).toBe(3_600_000);
    expect(statuses()).toEqual([429]);
    expect(waits.filter((ms) => ms >= 3_600_000)).toEqual([]);
  });

  it("retries a dropped connection, and reports NETWORK when it keeps dropping", async () => {
    await start({ connectionReset: { ...list, calls: 2 } });
    const events: ProgressEvent[] = [];
    expect(await client(events).listMeteringPoints()).not.toHaveLength(0);
    expect(waitsFor(events, "network")).toHaveLength(2);
    s.sim.setScenario({ connectionReset: { ...list } });
    const error = await client()
      .listMeteringPoints()
      .catch((e: unknown) => e);
    expect(isEloverblikError(error) && [error.code, error.status]).toEqual(["NETWORK", 0]);
  });

  it("sends a call again when its 200 answer is cut off, within the same budget", async () => {
    await start({ malformedJson: { ...list, calls: 2 } });
    const events: ProgressEvent[] = [];
    expect(await client(events).listMeteringPoints()).not.toHaveLength(0);
    expect(statuses()).toEqual([200, 200, 200]);
    expect(waitsFor(events, "unreadable-answer")).toHaveLength(2);
  });

  it("aborts during a retry wait with ABORTED and sends nothing more", async () => {
    await start({ unavailable: { ...list } });
    const controller = new AbortController();
    const c = client([], {
      sleep: async () => {
        controller.abort();
        throw controller.signal.reason;
      },
    });
    const error = await c.listMeteringPoints({ signal: controller.signal }).catch((e: unknown) => e);
    expect(isEloverblikError(error) && error.code).toBe("ABORTED");
    expect(statuses()).toEqual([503]);
  });
});

type Face = (typeof faces)[number];
