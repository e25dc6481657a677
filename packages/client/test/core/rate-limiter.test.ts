import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEloverblik, createMemoryTokenStore, LIMITS_2024, RateLimiter } from "../../src/index.js";
import { BASE, envelopeItem, ids, refreshToken, tokenHandlers, virtualClock } from "../support.js";

/** Largest number of starts inside any window of `windowMs` (sliding, so it also bounds fixed windows). */
function maxInWindow(starts: number[], windowMs: number): number {
  let max = 0;
  let lo = 0;
  for (let hi = 0; hi < starts.length; hi++) {
    while (starts[hi]! - starts[lo]! >= windowMs) lo++;
    max = Math.max(max, hi - lo + 1);
  }
  return max;
}

describe("RateLimiter", () => {
  it("never lets more than the limit start within a minute", async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter("current", clock);
    const starts: number[] = [];
    for (let i = 0; i < 500; i++) {
      const release = await limiter.acquire("data", undefined);
      starts.push(clock.now());
      release();
    }
    expect(maxInWindow(starts, 60_000)).toBeLessThanOrEqual(120);
    // and it is not needlessly slow: 500 calls fit in about 5 windows
    expect(starts.at(-1)! - starts[0]!).toBeLessThan(5 * 61_000);
  });

  it("keeps token calls within 2 per minute, and 1 with the 2024 profile", async () => {
    for (const [profile, limit] of [
      ["current", 2],
      ["2024", 1],
    ] as const) {
      const clock = virtualClock();
      const limiter = new RateLimiter(profile, clock);
      const starts: number[] = [];
      for (let i = 0; i < 10; i++) {
        (await limiter.acquire("token", undefined))();
        starts.push(clock.now());
      }
      expect(maxInWindow(starts, 60_000)).toBe(limit);
    }
    expect(LIMITS_2024.callsPerWindow).toBe(25);
  });

  it("bounds concurrency", async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ concurrency: 2 }, clock);
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const release = await limiter.acquire("data", undefined);
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setImmediate(r));
        active--;
        release();
      }),
    );
    expect(peak).toBe(2);
  });

  it("rejects nonsense limits", () => {
    const clock = virtualClock();
    expect(() => new RateLimiter({ callsPerWindow: 0 }, clock)).toThrowError(/callsPerWindow/);
  });
});

describe("a long job within the documented limits", () => {
  const clock = virtualClock();
  const state = { tokenCalls: 0, issued: [] as string[], now: clock.now };
  const starts: number[] = [];
  let rejected = 0;
  // A server that enforces 120 calls per fixed minute like the real one, on the virtual clock.
  const server = setupServer(
    ...tokenHandlers(state),
    http.post(`${BASE}/customerapi/api/meteringpoints/meteringpoint/getdetails`, async ({ request }) => {
      const now = clock.now();
      const minute = Math.floor(now / 60_000);
      const inMinute = starts.filter((s) => Math.floor(s / 60_000) === minute).length;
      starts.push(now);
      if (inMinute >= 120) {
        rejected++;
        return HttpResponse.json("Too many requests", { status: 429, headers: { "Retry-After": "60" } });
      }
      const body = (await request.json()) as { meteringPoints: { meteringPoint: string[] } };
      return HttpResponse.json({
        result: body.meteringPoints.meteringPoint.map((id) =>
          envelopeItem(id, { result: { meteringPointId: id } }),
        ),
      });
    }),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());

  // 300 calls through msw: about 0.3–0.5 s on an idle machine, several seconds on a loaded CI machine,
  // so the budget is explicit rather than vitest's default.
  it("gets zero 429s for 3000 metering points (300 calls)", { timeout: 60_000 }, async () => {
    const client = createEloverblik({
      api: "customer",
      refreshToken: refreshToken(),
      now: clock.now,
      sleep: clock.sleep,
      tokenStore: createMemoryTokenStore(),
      retry: { timeoutMs: 0 },
    });
    const all = ids(3000);
    const results = await client.getDetails(all);
    expect(results.map((r) => r.id)).toEqual(all);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(starts).toHaveLength(300);
    expect(rejected).toBe(0);
    expect(state.tokenCalls).toBe(1);
  });
});

describe("sharing the quota", () => {
  it("gives clients of one process and base URL one limiter, unless they ask for their own", () => {
    const make = (extra: Record<string, unknown> = {}) =>
      createEloverblik({ api: "customer", refreshToken: refreshToken(), ...extra });
    expect(make().rateLimiter).toBe(make().rateLimiter);
    expect(make({ baseUrl: "http://127.0.0.1:1" }).rateLimiter).not.toBe(make().rateLimiter);
    expect(make({ limits: "2024" }).rateLimiter).not.toBe(make().rateLimiter);
  });
});
