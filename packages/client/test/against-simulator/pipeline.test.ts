import { afterEach, describe, expect, it } from "vitest";
import {
  type AuthProvider,
  createEloverblik,
  createMemoryTokenStore,
  type EloverblikOptions,
  isEloverblikError,
  type Pacer,
  type ProgressEvent,
  type Stage,
} from "../../src/index.js";
import { faces, type Started, useMsw, virtualClock } from "./support.js";

useMsw();

/**
 * The request pipeline is made of stages a host can replace: its own auth (the client's token
 * exchange switched off), its own pacing, extra stages. Counted at the simulator.
 */
describe.each(faces)("a composable request pipeline ($name)", (face) => {
  let s: Started;
  const clock = virtualClock();
  afterEach(async () => s?.stop());

  async function start() {
    clock.set("2026-11-20T10:00:00Z");
    s = await face.start({ clock: clock.now });
    return s.sim.meteringPoints;
  }

  const base = (): Partial<EloverblikOptions> => ({
    api: "customer",
    baseUrl: s.baseUrl,
    now: clock.now,
    sleep: async (ms: number) => clock.advance(ms),
    tokenStore: createMemoryTokenStore(),
    retry: { timeoutMs: 0 },
  });
  const calls = (operation: string) => s.sim.requests.filter((r) => r.operation === operation);

  /** A host's auth that gets tokens elsewhere (as an n8n credential does) and renews after a 401. */
  function hostAuth(first: string) {
    const log: string[] = [];
    let token = first;
    const auth: AuthProvider = {
      token: async () => {
        log.push("token");
        return token;
      },
      refused: async (refused) => {
        log.push("refused");
        expect(refused).toBe(token);
        token = s.sim.issueDataAccessToken({ api: "customer" });
        return token;
      },
    };
    return { auth, log };
  }

  it("uses a host's auth with the client's token exchange switched off, 401 path included", async () => {
    const mp = await start();
    const { auth, log } = hostAuth(s.sim.issueDataAccessToken({ api: "customer", expiresInMs: 60_000 }));
    const c = createEloverblik({ ...base(), api: "customer", auth });
    const [first] = await c.getDetails([mp.household.id]);
    expect(first?.ok).toBe(true);
    clock.advance(2 * 60_000); // the host's token expires at the server
    const [second] = await c.getDetails([mp.household.id]);
    expect(second?.ok).toBe(true);
    expect(calls("getDetails").map((r) => r.status)).toEqual([200, 401, 200]);
    expect(calls("getToken")).toHaveLength(0);
    expect(log).toEqual(["token", "token", "refused"]);
    expect(await c.accessToken()).toBe(await auth.token());
  });

  it("reports the 401 when the host's auth has no better token", async () => {
    const mp = await start();
    const stale = s.sim.issueDataAccessToken({ api: "customer", expiresInMs: -1000 });
    const c = createEloverblik({
      ...base(),
      api: "customer",
      auth: { token: async () => stale, refused: async () => undefined },
    });
    const error = await c.listMeteringPoints().catch((e: unknown) => e);
    expect(isEloverblikError(error) && error.status).toBe(401);
    expect(calls("listMeteringPoints")).toHaveLength(1);
    expect(calls("getToken")).toHaveLength(0);
    const [r] = await c.getDetails([mp.household.id]);
    expect(r?.ok).toBe(false);
  });

  it("paces every call, the token exchange included, with a host's own limiter", async () => {
    const mp = await start();
    const seen: string[] = [];
    let active = 0;
    let maxActive = 0;
    const pacer: Pacer = {
      acquire: async (kind) => {
        seen.push(kind);
        active++;
        maxActive = Math.max(maxActive, active);
        return () => {
          active--;
        };
      },
    };
    const c = createEloverblik({
      ...base(),
      api: "customer",
      refreshToken: s.sim.tokens.customer,
      rateLimiter: pacer,
    });
    const ids = [mp.household.id, mp.flex.id];
    await Promise.all([
      c.listMeteringPoints(),
      c.getDetails(ids),
      c.getCharges(ids),
      c.getTimeSeries(ids, { from: "2026-11-01", to: "2026-11-03", aggregation: "Day" }),
      c.isAlive(),
    ]);
    expect(seen.filter((k) => k === "token")).toHaveLength(1);
    expect(seen).toHaveLength(s.sim.requests.length);
    expect(active).toBe(0);
    expect(maxActive).toBeGreaterThan(1);
  });

  it("runs a host's extra stage around every attempt, retries included", async () => {
    const mp = await start();
    s.sim.setScenario({ unavailable: { calls: 1, pathIncludes: "getdetails" } });
    const attempts: Array<{ operation: string; status: number }> = [];
    const record: Stage = (next) => async (call) => {
      const response = await next(call);
      attempts.push({ operation: call.context.operation, status: response.status });
      return response;
    };
    const c = createEloverblik({
      ...base(),
      api: "customer",
      refreshToken: s.sim.tokens.customer,
      stages: [record],
    });
    const [r] = await c.getDetails([mp.household.id]);
    expect(r?.ok).toBe(true);
    // Between auth and retry: the stage sees the call once, with its final answer.
    expect(attempts).toEqual([
      { operation: "getToken", status: 200 },
      { operation: "getDetails", status: 200 },
    ]);
    expect(calls("getDetails").map((x) => x.status)).toEqual([503, 200]);
  });

  it("tells each call's own listener of its requests and finished chunks", async () => {
    const mp = await start();
    const all: ProgressEvent[] = [];
    const mine: ProgressEvent[] = [];
    const other: ProgressEvent[] = [];
    const c = createEloverblik({
      ...base(),
      api: "customer",
      refreshToken: s.sim.tokens.customer,
      onProgress: (e) => all.push(e),
    });
    await Promise.all([
      c.getTimeSeries([mp.household.id], {
        from: "2022-01-01",
        to: "2026-11-01",
        aggregation: "Month",
        onProgress: (e) => mine.push(e),
      }),
      c.getDetails([mp.flex.id], { onProgress: (e) => other.push(e) }),
    ]);
    const chunks = mine.filter((e) => e.type === "chunk");
    expect(chunks.map((e) => e.type === "chunk" && [e.index, e.total, e.ok])).toEqual([
      [1, 3, true],
      [2, 3, true],
      [3, 3, true],
    ]);
    const requests = (events: ProgressEvent[]) =>
      events.flatMap((e) => (e.type === "request" ? [e.operation] : []));
    expect(requests(mine)).toEqual(["getTimeSeries", "getTimeSeries", "getTimeSeries"]);
    expect(requests(other)).toEqual(["getDetails"]);
    expect(requests(all).sort()).toEqual([
      "getDetails",
      "getTimeSeries",
      "getTimeSeries",
      "getTimeSeries",
      "getToken",
    ]);
    expect(all.filter((e) => e.type === "chunk")).toHaveLength(4);
    // Five years of data from the simulator: 5 s seen on a loaded CI machine.
  }, 60_000);

  it("refuses an auth, a pacer or stages that are not what they claim", async () => {
    await start();
    for (const [extra, pattern] of [
      [{ auth: {} }, /auth must have a token/],
      [{ rateLimiter: { ready: () => true } }, /rateLimiter must be a Pacer/],
      [{ stages: ["log"] }, /stages must be an array of functions/],
    ] as const) {
      expect(() => createEloverblik({ ...base(), api: "customer", ...(extra as object) })).toThrow(pattern);
    }
    expect(() => createEloverblik({ ...base(), api: "customer" })).toThrow(/No refresh token was given/);
  });
});
