import type { SimulatorOptions } from "@eloverblik-kit/simulator";
import { afterEach, describe, expect, it } from "vitest";
import {
  createEloverblik,
  createMemoryTokenStore,
  type EloverblikOptions,
  isEloverblikError,
  type TokenStore,
  tokenVerifier,
} from "../../src/index.js";
import { faces, type Started, useMsw, virtualClock } from "./support.js";

useMsw();

/**
 * The client's resilience against the simulator's rules: quotas, 429s, 503s, revoked tokens,
 * broken bodies, cancellation, quarter-hour DST days and per-item failures. Everything runs on a
 * virtual clock that the client's sleeps move forward.
 */
describe.each(faces)("client resilience against the simulator ($name)", (face) => {
  let s: Started;
  const clock = virtualClock();
  afterEach(async () => s?.stop());

  async function start(options: SimulatorOptions = {}, at = "2026-11-20T10:00:00Z") {
    clock.set(at);
    s = await face.start({ clock: clock.now, ...options });
    return s.sim.meteringPoints;
  }

  const client = (extra: Partial<EloverblikOptions> = {}) =>
    createEloverblik({
      api: "customer",
      refreshToken: s.sim.tokens.customer,
      baseUrl: s.baseUrl,
      now: clock.now,
      sleep: async (ms: number, signal?: AbortSignal) => {
        signal?.throwIfAborted();
        clock.advance(ms);
      },
      tokenStore: createMemoryTokenStore(),
      retry: { timeoutMs: 0 },
      ...extra,
    });

  const statuses = (operation: string) =>
    s.sim.requests.filter((r) => r.operation === operation).map((r) => r.status);

  // The two jobs below make 200+ calls each (over real HTTP on the http face): about 0.3–0.4 s on an idle
  // machine, up to several seconds on a loaded CI machine, so their budget is explicit. Fewer calls would
  // not cross a quota window (120 data calls a minute; 25 with the 2024 quotas).
  const heavyMs = 60_000;

  it(
    "runs a 200-call job within the live quotas without a single 429",
    async () => {
      const mp = await start();
      const eloverblik = client();
      const ids = [mp.household.id, mp.flex.id, mp.production.id];
      for (let i = 0; i < 40; i++) {
        const [details, charges, series] = await Promise.all([
          eloverblik.getDetails(ids),
          eloverblik.getCharges(ids),
          eloverblik.getTimeSeries(ids, { from: "2026-11-01", to: "2026-11-02", aggregation: "Day" }),
        ]);
        expect([...details, ...charges, ...series].every((r) => r.ok)).toBe(true);
        await eloverblik.listMeteringPoints();
        await eloverblik.isAlive();
      }
      expect(s.sim.requests.length).toBeGreaterThanOrEqual(200);
      expect(s.sim.requests.filter((r) => r.status === 429)).toEqual([]);
      expect(statuses("getToken")).toEqual([200]);
    },
    heavyMs,
  );

  it(
    "rides out 429s from a server stricter than the client was told (2024 quotas) and loses nothing",
    async () => {
      const mp = await start({ limits: "2024" });
      const eloverblik = client();
      const ids = [mp.household.id, mp.flex.id, mp.production.id];
      const rounds = await Promise.all(Array.from({ length: 40 }, () => eloverblik.getDetails(ids)));
      expect(rounds.flat().every((r) => r.ok)).toBe(true);
      expect(statuses("getDetails").filter((x) => x === 429).length).toBeGreaterThan(0);
      // and with the matching client profile there are none
      const before = s.sim.requests.length;
      clock.advance(120_000);
      const strict = client({ limits: "2024" });
      await Promise.all(Array.from({ length: 40 }, () => strict.getDetails([mp.flex.id])));
      expect(s.sim.requests.slice(before).filter((r) => r.status === 429)).toEqual([]);
    },
    heavyMs,
  );

  it("retries a 503 burst on time series and then succeeds", async () => {
    const mp = await start({ scenario: { unavailable: { calls: 2, pathIncludes: "gettimeseries" } } });
    const [r] = await client().getTimeSeries([mp.flex.id], { from: "2026-11-01", aggregation: "Hour" });
    expect(r?.ok).toBe(true);
    expect(statuses("getTimeSeries")).toEqual([503, 503, 200]);
  });

  it("re-exchanges the token once when the server refuses a cached one mid-run", async () => {
    const mp = await start();
    // A store holding a data-access token that the server will consider expired in one hour,
    // while the store claims it is good for a day: the server's 401 is the only signal.
    const stale = s.sim.issueDataAccessToken({ api: "customer", expiresInMs: 3_600_000 });
    const store: TokenStore = {
      get: () => ({
        accessToken: stale,
        expiresAtMs: clock.now() + 86_400_000,
        verifier: tokenVerifier(s.sim.tokens.customer),
      }),
      set: () => {},
    };
    const eloverblik = client({ tokenStore: store });
    const first = await eloverblik.getDetails([mp.flex.id]);
    expect(first[0]?.ok).toBe(true);
    expect(statuses("getToken")).toEqual([]);
    clock.advance(2 * 3_600_000);
    const second = await eloverblik.getDetails([mp.flex.id]);
    expect(second[0]?.ok).toBe(true);
    expect(statuses("getDetails")).toEqual([200, 401, 200]);
    expect(statuses("getToken")).toEqual([200]);
  });

  it("refuses an expired refresh token before sending anything", async () => {
    await start();
    const expired = s.sim.issueRefreshToken({ api: "customer", expiresInMs: -60_000 });
    const attempt = () => client({ refreshToken: expired });
    expect(attempt).toThrowError(/expired/);
    expect(s.sim.requests).toEqual([]);
  });

  it("reports a malformed body as UNEXPECTED_RESPONSE for the ids of that call only", async () => {
    // Four cut-off answers in a row: the first batch spends its whole retry budget on them.
    const mp = await start({ scenario: { malformedJson: { calls: 4, pathIncludes: "getdetails" } } });
    const ids = [...Array(12).keys()].map((i) =>
      i < 10 ? mp.flex.id.replace(/\d{2}$/, String(10 + i)) : mp.flex.id,
    );
    const eloverblik = client();
    const failed = await eloverblik.getDetails(ids.slice(0, 10));
    expect(failed.map((r) => r.id)).toEqual(ids.slice(0, 10));
    for (const f of failed) expect(f.ok === false && f.error.code).toBe("UNEXPECTED_RESPONSE");
    expect(failed[0]?.ok === false && failed[0].error.message).toMatch(/not valid JSON 4 times/);
    expect(statuses("getDetails")).toEqual([200, 200, 200, 200]);
    const [after] = await eloverblik.getDetails(ids.slice(10));
    expect(after?.ok).toBe(true);
  });

  it("stops a long job when it is aborted and says so", async () => {
    const mp = await start({ scenario: { unavailable: { pathIncludes: "gettimeseries" } } });
    const controller = new AbortController();
    const eloverblik = client({
      signal: controller.signal,
      sleep: async () => {
        controller.abort(new Error("user pressed stop"));
        throw controller.signal.reason;
      },
    });
    const error = await eloverblik
      .getTimeSeries([mp.flex.id], { from: "2026-11-01", aggregation: "Hour" })
      .catch((e: unknown) => e);
    expect(isEloverblikError(error) && error.code).toBe("ABORTED");
    expect(statuses("getTimeSeries")).toEqual([503]);
  });

  it("reads quarter-hour data across the October DST day (100 points) and the PT1H→PT15M switch", async () => {
    const mp = await start({}, "2026-01-15T10:00:00Z");
    const [r] = await client().getTimeSeries([mp.household.id], { from: "2025-09-30", to: "2025-10-02" });
    expect(r?.ok).toBe(true);
    if (!r?.ok) return;
    const resolutions = r.data.points.map((p) => p.resolution);
    expect(resolutions.filter((x) => x === "PT1H")).toHaveLength(24);
    expect(resolutions.filter((x) => x === "PT15M")).toHaveLength(96);
    const [dst] = await client().getTimeSeries([mp.household.id], { from: "2025-10-26" });
    expect(dst?.ok && dst.data.points).toHaveLength(100);
    if (dst?.ok) {
      expect(dst.data.points[0]?.start).toBe("2025-10-25T22:00:00.000Z");
      expect(dst.data.points.at(-1)?.end).toBe("2025-10-26T23:00:00.000Z");
    }
  });

  it("keeps good metering points when others are unknown or blocked, naming each failure", async () => {
    const mp = await start();
    const unknown = "571313100000000000";
    const results = await client().getTimeSeries([mp.flex.id, unknown, mp.blocked.id], {
      from: "2026-11-01",
      aggregation: "Day",
    });
    expect(results.map((r) => [r.id, r.ok])).toEqual([
      [mp.flex.id, true],
      [unknown, false],
      [mp.blocked.id, false],
    ]);
    const [, u, b] = results;
    expect(u?.ok === false && u.error.apiCode).toBe(20008);
    expect(b?.ok === false && b.error.apiCode).toBe(20001);
    expect(b?.ok === false && b.error.period).toEqual({ from: "2026-11-01", to: "2026-11-02" });
    expect(isEloverblikError(u?.ok === false ? u.error : undefined)).toBe(true);
  });

  it("reports DataHub's data lag as a gap at the end of the period", async () => {
    const mp = await start({}, "2026-11-20T10:00:00Z");
    const [r] = await client().getTimeSeries([mp.flex.id], { from: "2026-11-10", to: "2026-11-20" });
    expect(r?.ok).toBe(true);
    if (!r?.ok) return;
    const last = r.data.points.at(-1)!;
    const trailing = r.data.gaps.at(-1);
    expect(trailing).toMatchObject({ start: last.end, end: "2026-11-19T23:00:00.000Z" });
    expect(Date.parse(last.end)).toBeLessThan(Date.parse("2026-11-19T23:00:00Z"));
  });
});
