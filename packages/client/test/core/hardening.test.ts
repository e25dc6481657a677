import { runInNewContext } from "node:vm";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseRetryAfter } from "../../src/errors/from-response.js";
import {
  createEloverblik,
  createMemoryTokenStore,
  type EloverblikOptions,
  isEloverblikError,
  type ProgressEvent,
  RateLimiter,
  resolveDateRange,
} from "../../src/index.js";
import { BASE, envelopeItem, ids, NOW, refreshToken, tokenHandlers, virtualClock } from "../support.js";

const clock = virtualClock();
const state = { tokenCalls: 0, issued: [] as string[], now: clock.now };
const server = setupServer(...tokenHandlers(state));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  state.tokenCalls = 0;
});
afterAll(() => server.close());

function client(extra: Partial<EloverblikOptions> = {}) {
  return createEloverblik({
    api: "customer",
    refreshToken: refreshToken(),
    now: clock.now,
    sleep: clock.sleep,
    tokenStore: createMemoryTokenStore(),
    retry: { timeoutMs: 0 },
    ...extra,
  });
}

describe("hardening", () => {
  it("one caller's abort does not cancel the token exchange the others wait for", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    server.use(
      http.get(`${BASE}/customerapi/api/token`, async () => {
        state.tokenCalls++;
        await gate;
        return HttpResponse.json({ result: refreshToken().replace("Refresh", "DataAccess") });
      }),
      http.get(`${BASE}/customerapi/api/meteringpoints/meteringpoints`, () =>
        HttpResponse.json({ result: [] }),
      ),
    );
    const c = client({ now: () => NOW });
    const controller = new AbortController();
    const impatient = c.listMeteringPoints({ signal: controller.signal }).catch((e: unknown) => e);
    const patient = c.listMeteringPoints();
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    const early = await impatient;
    expect(isEloverblikError(early) && early.code).toBe("ABORTED");
    release();
    await expect(patient).resolves.toEqual([]);
    expect(state.tokenCalls).toBe(1);
  });

  it("times out a response whose body stalls", async () => {
    server.use(
      http.get(`${BASE}/customerapi/api/meteringpoints/meteringpoints`, () => {
        const stream = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"result":['));
          },
        });
        return new HttpResponse(stream, { headers: { "Content-Type": "application/json" } });
      }),
    );
    const c = createEloverblik({
      api: "customer",
      refreshToken: refreshToken(),
      now: () => NOW,
      tokenStore: createMemoryTokenStore(),
      retry: { timeoutMs: 60, maxAttempts: 2, networkBaseMs: 1 },
    });
    const error = await c.listMeteringPoints().catch((e: unknown) => e);
    expect(isEloverblikError(error) && error.code).toBe("TIMEOUT");
  });

  it("reports isalive's 503 as false after one call", async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/customerapi/api/isalive`, () => {
        calls++;
        return HttpResponse.json(false, { status: 503 });
      }),
    );
    await expect(client().isAlive()).resolves.toBe(false);
    expect(calls).toBe(1);
  });

  it("treats an explicit undefined retry option as the default and refuses nonsense", async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/customerapi/api/meteringpoints/meteringpoints`, () => {
        calls++;
        return calls < 3 ? HttpResponse.json("busy", { status: 503 }) : HttpResponse.json({ result: [] });
      }),
    );
    const events: ProgressEvent[] = [];
    await client({
      retry: { timeoutMs: 0, defaultWaitMs: undefined },
      random: () => 0,
      onProgress: (e) => events.push(e),
    }).listMeteringPoints();
    expect(events.flatMap((e) => (e.type === "wait" ? [e.ms] : []))).toEqual([60_000, 60_000]);
    expect(() => client({ retry: { maxAttempts: -1 } })).toThrowError(/maxAttempts/);
    expect(() => client({ retry: { defaultWaitMs: Number.NaN } })).toThrowError(/defaultWaitMs/);
  });

  it("reads Retry-After strictly", () => {
    expect(parseRetryAfter("30", NOW)).toBe(30_000);
    expect(parseRetryAfter(" ", NOW)).toBeUndefined();
    expect(parseRetryAfter("0x3c", NOW)).toBeUndefined();
    expect(parseRetryAfter("-5", NOW)).toBeUndefined();
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
  });

  it("does not hold up data calls while token calls wait for their window", async () => {
    let now = NOW;
    const sleeping: Array<() => void> = [];
    const ports = {
      now: () => now,
      sleep: (ms: number) =>
        new Promise<void>((resolve) => {
          sleeping.push(() => {
            now += ms;
            resolve();
          });
        }),
    };
    const limiter = new RateLimiter({ concurrency: 1 }, ports);
    for (let i = 0; i < 2; i++) (await limiter.acquire("token", undefined))();
    const waits: string[] = [];
    const queuedToken = limiter.acquire("token", undefined, (w) => waits.push(w.reason));
    await new Promise((r) => setImmediate(r));
    expect(sleeping).toHaveLength(1);
    // the only slot is free although a token call is waiting for its window
    const data = await limiter.acquire("data", undefined);
    data();
    expect(now).toBe(NOW);
    sleeping.shift()!();
    (await queuedToken)();
    expect(waits).toEqual(["token-rate-limit"]);
  });

  it("keeps the web access code out of progress events", async () => {
    server.use(
      http.put(`${BASE}/customerapi/api/meteringpoints/meteringpoint/relation/add/:id/:code`, () =>
        HttpResponse.json({ result: "ok" }),
      ),
    );
    const events: ProgressEvent[] = [];
    await client({ onProgress: (e) => events.push(e) }).addRelationByWebAccessCode(ids(1)[0]!, "Ab12Cd34");
    expect(JSON.stringify(events)).not.toContain("Ab12Cd34");
    expect(events.some((e) => e.type === "request" && e.path.endsWith("/********"))).toBe(true);
  });

  it("does not send a relation change again after the connection dropped", async () => {
    let calls = 0;
    server.use(
      http.post(`${BASE}/customerapi/api/meteringpoints/meteringpoint/relation/add`, () => {
        calls++;
        return HttpResponse.error();
      }),
    );
    const [r] = await client().addRelations(ids(1));
    expect(calls).toBe(1);
    expect(r?.ok === false && r.error.code).toBe("NETWORK");
    expect(r?.ok === false && r.error.message).toMatch(/may or may not have been made/);
  });

  it("accepts Dates from another realm (Node-RED function nodes)", () => {
    const foreign = runInNewContext("new Date('2024-03-31T12:00:00Z')") as Date;
    expect(foreign instanceof Date).toBe(false);
    expect(resolveDateRange({ from: foreign }, { nowMs: NOW })).toMatchObject({
      from: "2024-03-31",
      to: "2024-04-01",
    });
  });

  it("refuses a refresh token with a pasted line break, and never echoes a long id", async () => {
    const token = refreshToken();
    const broken = `${token.slice(0, 40)}\n${token.slice(40)}`;
    expect(() => client({ refreshToken: broken })).toThrowError(/line break/);
    const error = await client()
      .getDetails([token])
      .catch((e: unknown) => e);
    expect(isEloverblikError(error)).toBe(true);
    expect(JSON.stringify(isEloverblikError(error) && error.toJSON())).not.toContain(token.slice(10, 40));
  });

  it("still maps per-item results when the body is fine", async () => {
    server.use(
      http.post(`${BASE}/customerapi/api/meteringpoints/meteringpoint/getdetails`, () =>
        HttpResponse.json({ result: [envelopeItem(ids(1)[0]!, { result: { meteringPointId: ids(1)[0] } })] }),
      ),
    );
    const [r] = await client().getDetails(ids(1));
    expect(r?.ok).toBe(true);
  });
});
