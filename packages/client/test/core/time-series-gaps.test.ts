import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  addLocalDays,
  createEloverblik,
  createMemoryTokenStore,
  localDateStartUtc,
} from "../../src/index.js";
import { BASE, envelopeItem, ids, refreshToken, tokenHandlers, virtualClock } from "../support.js";

const clock = virtualClock(Date.parse("2026-11-26T10:00:00Z"));
const state = { tokenCalls: 0, issued: [] as string[], now: clock.now };
const server = setupServer(...tokenHandlers(state));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const ID = ids(1)[0]!;
const iso = (date: string) => new Date(localDateStartUtc(date)).toISOString();

/** A daily series covering the given Danish dates, one Period per day. */
function series(days: string[], businessType = "A04") {
  return {
    mRID: ID,
    businessType,
    "measurement_Unit.name": "KWH",
    Period: days.map((day) => ({
      resolution: "PT1D",
      timeInterval: { start: iso(day), end: iso(addLocalDays(day, 1)) },
      Point: [{ position: "1", "out_Quantity.quantity": "1.0", "out_Quantity.quality": "A04" }],
    })),
  };
}

function answer(build: (from: string, to: string) => unknown[]) {
  server.use(
    http.post(`${BASE}/customerapi/api/meterdata/gettimeseries/:from/:to/:agg`, ({ params }) =>
      HttpResponse.json({
        result: [
          envelopeItem(ID, {
            MyEnergyData_MarketDocument: { TimeSeries: build(String(params.from), String(params.to)) },
          }),
        ],
      }),
    ),
  );
}

const client = () =>
  createEloverblik({
    api: "customer",
    refreshToken: refreshToken(),
    now: clock.now,
    sleep: clock.sleep,
    tokenStore: createMemoryTokenStore(),
    retry: { timeoutMs: 0 },
  });

describe("gaps over the whole asked period", () => {
  it("reports a hole that spans a 730-day request boundary, in rows and columns alike", async () => {
    // every chunk answers only its first two days
    answer((from) => [series([from, addLocalDays(from, 1)])]);
    const query = { from: "2024-11-20", to: "2026-11-25", aggregation: "Day" as const };
    const [rows] = await client().getTimeSeries([ID], query);
    const [cols] = await client().getTimeSeriesColumnar([ID], query);
    const expected = [
      { start: iso("2024-11-22"), end: iso("2026-11-20") },
      { start: iso("2026-11-22"), end: iso("2026-11-25") },
    ];
    expect(rows?.ok && rows.data.gaps.map(({ start, end }) => ({ start, end }))).toEqual(expected);
    expect(cols?.ok && cols.data.columns.gaps.map(({ start, end }) => ({ start, end }))).toEqual(expected);
    expect(cols?.ok && cols.data.columns.series).toHaveLength(1);
    expect(cols?.ok && cols.data.columns.series[0]?.length).toBe(4);
  });

  it("finds a lagging series even when another one is up to date", async () => {
    answer(() => [series(["2024-02-12", "2024-02-13"], "A04"), series(["2024-02-13", "2024-02-14"], "A01")]);
    const [r] = await client().getTimeSeries([ID], { from: "2024-02-12", to: "2024-02-15" });
    expect(r?.ok && r.data.gaps.map(({ start, end }) => ({ start, end }))).toEqual([
      { start: iso("2024-02-14"), end: iso("2024-02-15") },
      { start: iso("2024-02-12"), end: iso("2024-02-13") },
    ]);
  });

  it("reports the whole period when an answer has no points at all", async () => {
    answer(() => [
      { ...series(["2026-11-20"]), Period: [{ ...series(["2026-11-20"]).Period[0], Point: [] }] },
    ]);
    const [r] = await client().getTimeSeries([ID], { from: "2026-11-20", to: "2026-11-25" });
    expect(r?.ok && r.data.gaps).toEqual([
      { meteringPointId: ID, start: iso("2026-11-20"), end: iso("2026-11-25"), resolution: "" },
    ]);
  });
});
