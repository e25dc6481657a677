import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEloverblik, createMemoryTokenStore } from "../../src/index.js";
import { BASE, envelopeItem, ids, refreshToken, tokenHandlers, virtualClock } from "../support.js";

const clock = virtualClock();
const state = { tokenCalls: 0, issued: [] as string[], now: clock.now };
const [granted1, granted2, denied] = ids(3);
const bodies: string[][] = [];

async function idsOf(request: Request): Promise<string[]> {
  return ((await request.json()) as { meteringPoints: { meteringPoint: string[] } }).meteringPoints
    .meteringPoint;
}

// Like the live Third Party API: one id outside every authorization makes the whole request a 401.
const server = setupServer(
  ...tokenHandlers(state),
  http.post(`${BASE}/thirdpartyapi/api/meteringpoint/getdetails`, async ({ request }) => {
    const batch = await idsOf(request);
    bodies.push(batch);
    if (batch.includes(denied!)) {
      return HttpResponse.json({ title: "Unauthorized", status: 401, traceId: "00-tp" }, { status: 401 });
    }
    return HttpResponse.json({
      result: batch.map((id) => envelopeItem(id, { result: { meteringPointId: id } })),
    });
  }),
  http.post(`${BASE}/thirdpartyapi/api/meterdata/gettimeseries/:from/:to/:agg`, async ({ request }) => {
    const batch = await idsOf(request);
    if (batch.includes(denied!))
      return HttpResponse.json({ title: "Unauthorized", status: 401 }, { status: 401 });
    return HttpResponse.json({
      result: batch.map((id) => envelopeItem(id, { MyEnergyData_MarketDocument: {} })),
    });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

const client = () =>
  createEloverblik({
    api: "thirdparty",
    refreshToken: refreshToken("thirdparty"),
    now: clock.now,
    sleep: clock.sleep,
    tokenStore: createMemoryTokenStore(),
    retry: { timeoutMs: 0 },
  });

describe("a Third Party batch with one metering point outside the authorizations", () => {
  it("still returns the authorized ones and reports the denied one as FORBIDDEN, not as a token problem", async () => {
    const results = await client().getDetails([granted1!, denied!, granted2!]);
    expect(results.map((r) => [r.id, r.ok])).toEqual([
      [granted1, true],
      [denied, false],
      [granted2, true],
    ]);
    const failed = results[1];
    expect(failed?.ok === false && failed.error.code).toBe("FORBIDDEN");
    expect(failed?.ok === false && failed.error.message).toMatch(/authorization/);
    expect(failed?.ok === false && failed.error.message).not.toMatch(/refresh token/);
    expect(bodies[0]).toEqual([granted1, denied, granted2]);
    expect(bodies.slice(1).every((b) => b.length === 1)).toBe(true);
    expect(state.tokenCalls).toBe(1);
  });

  it("does the same for time series, naming the period", async () => {
    const results = await client().getTimeSeries([denied!, granted1!], {
      from: "2026-11-01",
      aggregation: "Day",
    });
    expect(results.map((r) => [r.id, r.ok])).toEqual([
      [denied, false],
      [granted1, true],
    ]);
    expect(results[0]?.ok === false && results[0].error.period).toEqual({
      from: "2026-11-01",
      to: "2026-11-02",
    });
  });
});
