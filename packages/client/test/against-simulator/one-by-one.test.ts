// The operations imported one by one run on a session exactly as the client's methods do: same
// answers, same checks before anything is sent, a client accepted as a session, nothing else.
import { afterEach, describe, expect, it } from "vitest";
import {
  createEloverblik,
  createEloverblikSession,
  createMemoryTokenStore,
  getDetails,
  getTimeSeries,
  getTimeSeriesColumnar,
  isEloverblikError,
  listMeteringPoints,
} from "../../src/index.js";
import { faces, type Started, useMsw, virtualClock } from "./support.js";

useMsw();

describe.each(faces)("operations imported one by one ($name)", (face) => {
  let s: Started;
  const clock = virtualClock("2026-01-15T10:00:00Z");
  afterEach(async () => s?.stop());

  const options = (signal?: AbortSignal) => ({
    api: "customer" as const,
    refreshToken: s.sim.tokens.customer,
    baseUrl: s.baseUrl,
    now: clock.now,
    sleep: async (ms: number) => clock.advance(ms),
    tokenStore: createMemoryTokenStore(),
    retry: { maxAttempts: 3, timeoutMs: 0 },
    ...(signal ? { signal } : {}),
  });
  const dataCalls = () => s.sim.requests.filter((r) => r.operation !== "getToken").length;

  it("answer as the client's methods do, a session sharing one token between them", async () => {
    s = await face.start({ clock: clock.now });
    const mp = s.sim.meteringPoints;
    const ids = [mp.household.id, mp.production.id];
    const query = { from: "2025-10-25", to: "2025-10-27", aggregation: "Hour" as const };
    const session = createEloverblikSession(options());
    const [fromSession, fromClient] = await Promise.all([
      getTimeSeries(session, ids, query),
      createEloverblik(options()).getTimeSeries(ids, query),
    ]);
    expect(fromSession).toHaveLength(2);
    expect(fromSession[0]?.ok && fromSession[0].data.points).toHaveLength(24 + 25);
    expect(fromSession.map((r) => r.ok && r.data.points)).toEqual(
      fromClient.map((r) => r.ok && r.data.points),
    );
    const [columns] = await getTimeSeriesColumnar(session, [mp.household.id], query);
    expect(columns?.ok && columns.data.columns.series[0]?.length).toBe(24 + 25);
    const points = await listMeteringPoints(session);
    expect(points.map((p) => p.meteringPointId)).toContain(mp.household.id);
    expect(session.lastCorrelationId).toBeTruthy();
    // One exchange for the session, one for the client.
    expect(s.sim.requests.filter((r) => r.operation === "getToken")).toHaveLength(2);
  });

  it("take a whole client as a session", async () => {
    s = await face.start({ clock: clock.now });
    const client = createEloverblik(options());
    const [details] = await getDetails(client, [s.sim.meteringPoints.household.id]);
    expect(details?.ok).toBe(true);
  });

  it("refuse what is not a session, and bad options, before anything is sent", async () => {
    s = await face.start({ clock: clock.now });
    const query = { from: "2025-10-25", to: "2025-10-27" };
    const notASession = { api: "customer", baseUrl: s.baseUrl } as never;
    const refused = await getTimeSeries(notASession, [s.sim.meteringPoints.household.id], query).catch(
      (e) => e,
    );
    expect(isEloverblikError(refused) && refused.code).toBe("INVALID_INPUT");
    expect(String(refused.message)).toMatch(/createEloverblikSession/);
    const session = createEloverblikSession(options());
    const bad = await getTimeSeries(session, [s.sim.meteringPoints.household.id], {
      ...query,
      userCorrelationId: "two\nlines",
    }).catch((e) => e);
    expect(isEloverblikError(bad) && bad.code).toBe("INVALID_INPUT");
    expect(s.sim.requests).toHaveLength(0);
  });

  it("stop when the session's own signal aborts", async () => {
    s = await face.start({ clock: clock.now });
    const controller = new AbortController();
    controller.abort();
    const session = createEloverblikSession(options(controller.signal));
    const aborted = await getTimeSeries(session, [s.sim.meteringPoints.household.id], {
      from: "2025-10-25",
    }).catch((e) => e);
    expect(isEloverblikError(aborted) && aborted.code).toBe("ABORTED");
    expect(dataCalls()).toBe(0);
  });
});
