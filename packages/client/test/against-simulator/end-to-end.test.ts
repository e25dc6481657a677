import { afterEach, describe, expect, it } from "vitest";
import { createEloverblik, createMemoryTokenStore } from "../../src/index.js";
import { faces, type Started, useMsw, virtualClock } from "./support.js";

useMsw();

/**
 * The project's own client against the simulator: if the fake behaved differently from what
 * the client was built for (envelopes, DST, batching limits, retries), this is where it shows.
 */
describe.each(faces)("the client against the simulator ($name)", (face) => {
  let s: Started;
  const clock = virtualClock("2026-01-15T10:00:00Z");
  afterEach(async () => s?.stop());

  const client = (api: "customer" | "thirdparty") =>
    createEloverblik({
      api,
      refreshToken: s.sim.tokens[api],
      baseUrl: s.baseUrl,
      now: clock.now,
      // Sleeping moves the virtual clock, so the client's own timeout timer is switched off.
      sleep: async (ms: number) => clock.advance(ms),
      tokenStore: createMemoryTokenStore(),
      retry: { maxAttempts: 3, timeoutMs: 0 },
    });

  it("reads metering points and DST-day time series in batches of at most 10", async () => {
    clock.set("2026-01-15T10:00:00Z");
    s = await face.start({ clock: clock.now });
    const eloverblik = client("customer");
    const points = await eloverblik.listMeteringPoints({ includeAll: true });
    expect(points.map((p) => p.meteringPointId)).toContain(s.sim.meteringPoints.cprOnly.id);
    const mp = s.sim.meteringPoints;
    const ids = [
      mp.household.id,
      mp.production.id,
      mp.productionExport.id,
      mp.productionImport.id,
      mp.flex.id,
      mp.flexHeating.id,
    ];
    const results = await eloverblik.getTimeSeries(
      [...ids, ...ids.map((id) => id.replace(/\d$/, (d) => String((Number(d) + 1) % 10)))],
      {
        from: "2025-03-29",
        to: "2025-03-31",
        aggregation: "Hour",
      },
    );
    expect(results).toHaveLength(12);
    const household = results[0];
    expect(household?.ok).toBe(true);
    if (household?.ok) {
      const points = household.data.points;
      expect(points).toHaveLength(24 + 23);
      expect(points[24]?.start).toBe("2025-03-29T23:00:00.000Z");
      expect(points.every((p) => p.quantity === null || p.quantity >= 0)).toBe(true);
    }
    const calls = s.sim.requests.filter((r) => r.operation === "getTimeSeries");
    expect(calls).toHaveLength(2);
    expect(s.sim.requests.filter((r) => r.operation === "getToken")).toHaveLength(1);
  });

  it("retries a 503 burst and reads details and charges", async () => {
    clock.set("2026-01-15T10:00:00Z");
    s = await face.start({
      clock: clock.now,
      scenario: { unavailable: { calls: 1, pathIncludes: "getdetails" } },
    });
    const eloverblik = client("customer");
    const [details] = await eloverblik.getDetails([s.sim.meteringPoints.flex.id]);
    expect(details?.ok).toBe(true);
    expect(s.sim.requests.filter((r) => r.operation === "getDetails").map((r) => r.status)).toEqual([
      503, 200,
    ]);
    const [charges] = await eloverblik.getCharges([s.sim.meteringPoints.flex.id]);
    expect(charges?.ok).toBe(true);
    if (charges?.ok)
      expect(charges.data.tariffs.some((t) => t.periodType === "PT1H" && t.prices.length === 24)).toBe(true);
  });

  it("works for a third party", async () => {
    clock.set("2026-01-15T10:00:00Z");
    s = await face.start({ clock: clock.now });
    const eloverblik = client("thirdparty");
    const authorizations = await eloverblik.listAuthorizations();
    expect(authorizations).toHaveLength(2);
    const ids = await eloverblik.listAuthorizedMeteringPointIds("customerKey", "kunde-1001");
    const results = await eloverblik.getTimeSeries(ids, {
      from: "2025-12-01",
      to: "2026-01-01",
      aggregation: "Day",
    });
    expect(results.map((r) => r.ok)).toEqual([true, true]);
  });
});
