import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createEloverblik, createMemoryTokenStore, isEloverblikError } from "../../src/index.js";
import {
  BASE,
  envelopeItem,
  failedItem,
  ids,
  refreshToken,
  tokenHandlers,
  virtualClock,
} from "../support.js";

const clock = virtualClock(Date.parse("2026-11-26T10:00:00Z"));
const state = { tokenCalls: 0, issued: [] as string[], now: clock.now };
const calls: Array<{ path: string; ids: string[] }> = [];
const server = setupServer(...tokenHandlers(state));

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  calls.length = 0;
});
afterAll(() => server.close());

function client(api: "customer" | "thirdparty" = "customer") {
  return createEloverblik({
    api,
    refreshToken: refreshToken(api),
    now: clock.now,
    sleep: clock.sleep,
    tokenStore: createMemoryTokenStore(),
    retry: { timeoutMs: 0 },
  });
}

/** A one-point daily document for one metering point and period. */
function dayDoc(id: string, from: string) {
  return {
    MyEnergyData_MarketDocument: {
      TimeSeries: [
        {
          mRID: id,
          businessType: "A04",
          "measurement_Unit.name": "KWH",
          Period: [
            {
              resolution: "PT1D",
              timeInterval: {
                start: `${from}T23:00:00Z`,
                end: new Date(Date.parse(`${from}T23:00:00Z`) + 86_400_000).toISOString(),
              },
              Point: [{ position: "1", "out_Quantity.quantity": "1.5", "out_Quantity.quality": "A04" }],
            },
          ],
        },
      ],
    },
  };
}

async function bodyIds(request: Request): Promise<string[]> {
  const body = (await request.json()) as { meteringPoints: { meteringPoint: string[] } };
  return body.meteringPoints.meteringPoint;
}

describe("batching and per-item results", () => {
  it("sends at most 10 ids per call and returns results in the order asked", async () => {
    server.use(
      http.post(`${BASE}/customerapi/api/meteringpoints/meteringpoint/getdetails`, async ({ request }) => {
        const batch = await bodyIds(request);
        calls.push({ path: "getdetails", ids: batch });
        // answer in reverse order: the client must map by id, not by position
        return HttpResponse.json({
          result: [...batch].reverse().map((id) => envelopeItem(id, { result: { meteringPointId: id } })),
        });
      }),
    );
    const wanted = ids(25).reverse();
    const results = await client().getDetails(wanted);
    expect(calls.map((c) => c.ids.length)).toEqual([10, 10, 5]);
    expect(results.map((r) => r.id)).toEqual(wanted);
    expect(
      results.every((r) => r.ok && (r.data as { meteringPointId: string }).meteringPointId === r.id),
    ).toBe(true);
  });

  it("keeps successes when some items fail, and names each failed id", async () => {
    const [good, blocked, missing] = ids(3);
    server.use(
      http.post(`${BASE}/customerapi/api/meteringpoints/meteringpoint/getcharges`, () =>
        HttpResponse.json({
          result: [
            envelopeItem(good!, {
              result: { meteringPointId: good, subscriptions: [], fees: [], tariffs: [] },
            }),
            failedItem(blocked!, 20001, "MeteringPointBlocked"),
          ],
        }),
      ),
    );
    const results = await client().getCharges([good!, blocked!, missing!]);
    expect(results.map((r) => [r.id, r.ok])).toEqual([
      [good, true],
      [blocked, false],
      [missing, false],
    ]);
    const [, b, m] = results;
    expect(b?.ok === false && b.error.apiCode).toBe(20001);
    expect(b?.ok === false && b.error.meteringPointId).toBe(blocked);
    expect(m?.ok === false && m.error.code).toBe("UNEXPECTED_RESPONSE");
    expect(m?.ok === false && m.error.message).toContain(missing);
  });

  it("marks every id of a batch that failed after retries, and keeps the other batches", async () => {
    let n = 0;
    server.use(
      http.post(`${BASE}/customerapi/api/meteringpoints/meteringpoint/getdetails`, async ({ request }) => {
        const batch = await bodyIds(request);
        n++;
        if (batch.includes(ids(1, 11)[0]!)) return HttpResponse.json("DataHub unavailable", { status: 503 });
        return HttpResponse.json({ result: batch.map((id) => envelopeItem(id, { result: {} })) });
      }),
    );
    const results = await client().getDetails(ids(15));
    expect(results.filter((r) => r.ok).map((r) => r.id)).toEqual(ids(10));
    const failed = results.filter((r) => !r.ok);
    expect(failed.map((r) => r.id)).toEqual(ids(5, 11));
    for (const f of failed) {
      expect(f.ok === false && f.error.code).toBe("DATAHUB_UNAVAILABLE");
      expect(f.ok === false && f.error.meteringPointId).toBe(f.id);
    }
    expect(n).toBe(1 + 4);
  });
});

describe("time series planning", () => {
  it("splits 1826 days for 25 ids into ceil(25/10) × ceil(1826/730) = 9 calls and reports a failed chunk by period", async () => {
    server.use(
      http.post(
        `${BASE}/customerapi/api/meterdata/gettimeseries/:from/:to/:agg`,
        async ({ request, params }) => {
          const batch = await bodyIds(request);
          calls.push({ path: `${params.from}/${params.to}/${params.agg}`, ids: batch });
          if (params.from === "2023-11-25" && batch.includes(ids(1)[0]!)) {
            return HttpResponse.json("#30011: Internal server error", { status: 400 });
          }
          return HttpResponse.json({
            result: batch.map((id) => ({ ...dayDoc(id, String(params.from)), ...envelopeItem(id, {}) })),
          });
        },
      ),
    );
    const wanted = ids(25);
    const results = await client().getTimeSeries(wanted, {
      from: "2021-11-25",
      to: "2026-11-25",
      aggregation: "Day",
    });
    expect(calls).toHaveLength(9);
    expect(new Set(calls.map((c) => c.path))).toEqual(
      new Set(
        ["2021-11-25/2023-11-25/Day", "2023-11-25/2025-11-24/Day", "2025-11-24/2026-11-25/Day"].map((p) => p),
      ),
    );
    expect(results.map((r) => r.id)).toEqual(wanted);
    const ok = results.filter((r) => r.ok);
    expect(ok).toHaveLength(15);
    expect(ok[0]?.ok && ok[0].data.points).toHaveLength(3);
    const failed = results.filter((r) => !r.ok);
    expect(failed).toHaveLength(10);
    for (const f of failed) {
      if (f.ok) continue;
      expect(f.error.period).toEqual({ from: "2023-11-25", to: "2025-11-24" });
      expect(f.error.apiCode).toBe(30011);
      expect(f.partial?.points).toHaveLength(2);
    }
  });
});

describe("bad input is refused before any request", () => {
  const bad: Array<[string, () => Promise<unknown>, RegExp]> = [
    ["short id", () => client().getDetails(["12345"]), /18 digits|5 digits/],
    ["numeric id", () => client().getDetails([571313180100000 as unknown as string]), /must be strings/],
    ["empty list", () => client().getCharges([]), /at least one|empty/i],
    [
      "from == to",
      () => client().getTimeSeries(ids(1), { from: "2026-01-01", to: "2026-01-01" }),
      /exclusive/,
    ],
    [
      "to in the future",
      () => client().getTimeSeries(ids(1), { from: "2026-11-01", to: "2026-11-28" }),
      /2026-11-26/,
    ],
    ["too old", () => client().getTimeSeries(ids(1), { from: "2019-12-31", to: "2020-01-02" }), /2021-01-01/],
    ["bad date", () => client().getTimeSeries(ids(1), { from: "2026-02-30" }), /YYYY-MM-DD|date/],
    [
      "bad aggregation",
      () => client().getTimeSeries(ids(1), { from: "2026-01-01", aggregation: "Weekly" as never }),
      /Quarter/,
    ],
    [
      "bad web access code",
      () => client().addRelationByWebAccessCode(ids(1)[0]!, "12$"),
      /8 letters or digits/,
    ],
    ["wrong API", () => client("thirdparty").listMeteringPoints(), /Customer API/],
    ["bad scope", () => client("thirdparty").listAuthorizedMeteringPoints("cpr" as never, "x"), /scope/],
    ["bad CVR", () => client("thirdparty").listAuthorizedMeteringPointIds("customerCVR", "12"), /8 digits/],
  ];
  it.each(bad)("%s", async (_name, run, message) => {
    server.use(http.all("*", () => HttpResponse.json({}, { status: 500 })));
    const before = state.tokenCalls;
    const error = await run().catch((e: unknown) => e);
    expect(isEloverblikError(error)).toBe(true);
    if (!isEloverblikError(error)) return;
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toMatch(message);
    expect(state.tokenCalls).toBe(before);
  });
});

describe("endpoints that are not there", () => {
  it("reports charge links as NOT_AVAILABLE", async () => {
    server.use(
      http.post(`${BASE}/customerapi/api/meteringpoints/meteringpoint/getchargelinkswithcharges`, () =>
        HttpResponse.json({ title: "Not Found", status: 404, traceId: "00-t" }, { status: 404 }),
      ),
    );
    const error = await client()
      .getChargeLinks([{ meteringPointId: ids(1)[0]!, from: "2026-01-01", to: "2026-02-01" }])
      .catch((e: unknown) => e);
    expect(isEloverblikError(error) && error.code).toBe("NOT_AVAILABLE");
    expect(isEloverblikError(error) && error.message).toMatch(/not available/);
  });

  it("reports meter readings as withdrawn per metering point", async () => {
    server.use(
      http.post(`${BASE}/customerapi/api/meterdata/getmeterreadings/:from/:to`, () =>
        HttpResponse.json({ title: "Not Found", status: 404 }, { status: 404 }),
      ),
    );
    const [result] = await client().getMeterReadings(ids(1), { from: "2026-01-01", to: "2026-02-01" });
    expect(result?.ok).toBe(false);
    expect(result?.ok === false && result.error.code).toBe("ENDPOINT_WITHDRAWN");
    expect(result?.ok === false && result.error.message).toMatch(/withdrawn/);
  });
});
