import { afterEach, describe, expect, it } from "vitest";
import { addLocalMonths, createEloverblik, createMemoryTokenStore } from "../../src/index.js";
import { faces, type Started, useMsw, virtualClock } from "./support.js";

useMsw();

/**
 * A Third Party request whose 730-day chunks reach outside an access window: Eloverblik refuses
 * such a chunk as a whole (30010). The client asks again for the covered part and names the rest.
 */
describe.each(faces)("Third Party access windows ($name)", (face) => {
  let s: Started;
  const clock = virtualClock();
  afterEach(async () => s?.stop());

  async function start() {
    clock.set("2026-11-20T10:00:00Z");
    s = await face.start({ clock: clock.now });
  }

  const client = () =>
    createEloverblik({
      api: "thirdparty",
      refreshToken: s.sim.tokens.thirdparty,
      baseUrl: s.baseUrl,
      now: clock.now,
      sleep: async (ms: number) => clock.advance(ms),
      tokenStore: createMemoryTokenStore(),
      retry: { timeoutMs: 0 },
    });

  /** The production meter's window: granted six months after its power of attorney began. */
  function productionWindow() {
    const auth = s.sim.authorizations.find((a) =>
      a.meteringPointIds.includes(s.sim.meteringPoints.production.id),
    );
    if (!auth) throw new Error("no authorization for the production meter");
    return { from: addLocalMonths(auth.validFrom.slice(0, 10), 6), auth };
  }

  it("a long request equals, point by point, the request for the authorized window alone", async () => {
    await start();
    const id = s.sim.meteringPoints.production.id;
    const { from: accessFrom } = productionWindow();
    expect(accessFrom > "2024-01-01" && accessFrom < "2025-12-31").toBe(true); // inside the 2nd chunk

    const [long] = await client().getTimeSeries([id], {
      from: "2022-01-01",
      to: "2026-11-20",
      aggregation: "Day",
    });
    const [windowOnly] = await client().getTimeSeries([id], {
      from: accessFrom,
      to: "2026-11-20",
      aggregation: "Day",
    });
    expect(windowOnly?.ok).toBe(true);
    if (windowOnly?.ok !== true || long?.ok !== false) throw new Error("expected a partial answer");
    const got = long.partial?.points ?? [];
    expect(got.length).toBeGreaterThan(700);
    expect(got).toEqual(windowOnly.data.points);
    expect(got[0]?.start).toBe(windowOnly.data.points[0]?.start);

    // The part before the window is reported, by id and period, as not authorized.
    expect(long.error.code).toBe("FORBIDDEN");
    expect(long.error.apiCode).toBe(30010);
    expect(long.error.meteringPointId).toBe(id);
    expect(long.error.period).toEqual({ from: "2022-01-01", to: accessFrom });
    expect(long.error.message).toContain(`from 2022-01-01 to ${accessFrom}`);
    expect(long.errors ?? [long.error]).toHaveLength(1);
  });

  it("reads the windows once per client and does not touch requests that are inside", async () => {
    await start();
    const mp = s.sim.meteringPoints;
    const { from: accessFrom } = productionWindow();
    const c = client();
    const inside = await c.getTimeSeries([mp.household.id], {
      from: "2025-01-01",
      to: "2025-02-01",
      aggregation: "Day",
    });
    expect(inside[0]?.ok).toBe(true);
    expect(s.sim.requests.filter((r) => r.operation === "listAuthorizations")).toHaveLength(0);

    for (let i = 0; i < 2; i++) {
      const [r] = await c.getTimeSeries([mp.production.id, mp.household.id], {
        from: addLocalMonths(accessFrom, -2),
        to: addLocalMonths(accessFrom, 2),
        aggregation: "Day",
      });
      expect(r?.ok === false && r.error.period).toEqual({
        from: addLocalMonths(accessFrom, -2),
        to: accessFrom,
      });
    }
    expect(s.sim.requests.filter((r) => r.operation === "listAuthorizations")).toHaveLength(1);
  });

  it("names the whole period when no authorization covers any of it", async () => {
    await start();
    const id = s.sim.meteringPoints.production.id;
    const { from: accessFrom } = productionWindow();
    const before = addLocalMonths(accessFrom, -3);
    const [r] = await client().getTimeSeries([id], {
      from: before,
      to: addLocalMonths(accessFrom, -1),
      aggregation: "Day",
    });
    expect(r?.ok).toBe(false);
    if (r?.ok !== false) return;
    expect(r.error.code).toBe("FORBIDDEN");
    expect(r.error.period).toEqual({ from: before, to: addLocalMonths(accessFrom, -1) });
    expect(r.partial).toBeUndefined();
  });
});
