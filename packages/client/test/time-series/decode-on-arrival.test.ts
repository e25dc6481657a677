// getTimeSeries decodes each answer as it arrives and drops its JSON; what callers see must not
// change: documents on request, an unreadable item failing its id alone, the latest correlation id,
// and rows and columns equal to flattening every chunk's body at the end.
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  addLocalDays,
  createEloverblik,
  createMemoryTokenStore,
  flattenTimeSeries,
  flattenTimeSeriesColumnar,
  localDateStartUtc,
} from "../../src/index.js";
import { BASE, envelopeItem, ids, refreshToken, tokenHandlers, virtualClock } from "../support.js";

const clock = virtualClock(Date.parse("2026-11-26T10:00:00Z"));
const state = { tokenCalls: 0, issued: [] as string[], now: clock.now };
const server = setupServer(...tokenHandlers(state));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const [A, B] = ids(2) as [string, string];
const iso = (date: string) => new Date(localDateStartUtc(date)).toISOString();

function document(id: string, from: string, to: string, quantity = "1.25") {
  const days: string[] = [];
  for (let d = from; d < to; d = addLocalDays(d, 1)) days.push(d);
  return {
    mRID: `doc-${id}-${from}`,
    TimeSeries: [
      {
        mRID: id,
        businessType: "A04",
        "measurement_Unit.name": "KWH",
        Period: days.map((day) => ({
          resolution: "PT1D",
          timeInterval: { start: iso(day), end: iso(addLocalDays(day, 1)) },
          Point: [{ position: "1", "out_Quantity.quantity": quantity, "out_Quantity.quality": "A04" }],
        })),
      },
    ],
  };
}

/** Answers every chunk with one document per id; `bad` gets an unreadable quantity. */
function answer(sent: unknown[], bad?: string) {
  server.use(
    http.post(
      `${BASE}/customerapi/api/meterdata/gettimeseries/:from/:to/:agg`,
      async ({ request, params }) => {
        const body = (await request.json()) as { meteringPoints: { meteringPoint: string[] } };
        const result = body.meteringPoints.meteringPoint.map((id) =>
          envelopeItem(id, {
            MyEnergyData_MarketDocument: document(
              id,
              String(params.from),
              String(params.to),
              id === bad ? "1,25" : "1.25",
            ),
          }),
        );
        sent.push(...result);
        return HttpResponse.json({ result }, { headers: { "X-Correlation-ID": `corr-${params.from}` } });
      },
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

// 2022-01-01 … 2026-11-20: three request chunks.
const query = { from: "2022-01-01", to: "2026-11-20", aggregation: "Day" as const };

/** The items as sent, in time order (the chunks may be answered in any order). */
function inTimeOrder<T>(sent: T[]): T[] {
  const from = (item: T) =>
    String((item as { MyEnergyData_MarketDocument: { mRID: string } }).MyEnergyData_MarketDocument.mRID);
  return [...sent].sort((a, b) => (from(a) < from(b) ? -1 : 1));
}

describe("decoding each answer as it arrives", () => {
  it("gives the rows and columns of flattening every chunk's body at the end", async () => {
    const sent: unknown[] = [];
    answer(sent);
    const c = client();
    const [rows] = await c.getTimeSeries([A], query);
    expect(sent).toHaveLength(3);
    const expected = flattenTimeSeries({ result: inTimeOrder(sent) });
    expect(rows?.ok && rows.data.points).toEqual(expected.points);
    expect(rows?.ok && rows.data.gaps).toEqual([]);
    expect(rows?.ok && "documents" in rows.data).toBe(false);
    expect(c.lastCorrelationId).toMatch(/^corr-/);

    sent.length = 0;
    const [cols] = await c.getTimeSeriesColumnar([A], query);
    const columns = flattenTimeSeriesColumnar({ result: inTimeOrder(sent) });
    const series = cols?.ok ? cols.data.columns.series : [];
    expect(series).toHaveLength(1);
    expect(Array.from(series[0]!.start)).toEqual(columns.series.flatMap((s) => Array.from(s.start)));
    expect(Array.from(series[0]!.quantity)).toEqual(expected.points.map((p) => p.quantity));
  });

  it("still returns every chunk's document when asked", async () => {
    const sent: Array<{ MyEnergyData_MarketDocument: unknown }> = [];
    answer(sent);
    const [r] = await client().getTimeSeries([A], { ...query, includeDocuments: true });
    expect(r?.ok && r.data.documents).toEqual(
      inTimeOrder(sent).map((item) => item.MyEnergyData_MarketDocument),
    );
    expect(r?.ok && r.data.points.length).toBeGreaterThan(1000);
  });

  it("fails only the id whose item cannot be read, in both forms", async () => {
    answer([], B);
    for (const form of ["getTimeSeries", "getTimeSeriesColumnar"] as const) {
      const [a, b] = await client()[form]([A, B], query);
      expect(a?.ok).toBe(true);
      expect(b?.ok).toBe(false);
      expect(!b?.ok && b?.error.code).toBe("UNEXPECTED_RESPONSE");
      expect(!b?.ok && b?.error.meteringPointId).toBe(B);
      expect(!b?.ok && b?.error.message).toMatch(/1,25/);
    }
  });

  it("reports a body that is not JSON as an unreadable answer for each id", async () => {
    server.use(
      http.post(
        `${BASE}/customerapi/api/meterdata/gettimeseries/:from/:to/:agg`,
        () => new HttpResponse('{"result":[{"id"', { headers: { "content-type": "application/json" } }),
      ),
    );
    const results = await client().getTimeSeries([A, B], { from: "2026-11-01", to: "2026-11-10" });
    expect(results.map((r) => !r.ok && r.error.code)).toEqual(["UNEXPECTED_RESPONSE", "UNEXPECTED_RESPONSE"]);
  });

  /** Answers each chunk with the body `sent` records, as a stream of `size`-byte pieces; `breakFirst` cuts the first answer off halfway. */
  function answerInPieces(sent: unknown[], size: number, breakFirst = false) {
    let answers = 0;
    server.use(
      http.post(
        `${BASE}/customerapi/api/meterdata/gettimeseries/:from/:to/:agg`,
        async ({ request, params }) => {
          const body = (await request.json()) as { meteringPoints: { meteringPoint: string[] } };
          const result = body.meteringPoints.meteringPoint.map((id) =>
            envelopeItem(id, {
              MyEnergyData_MarketDocument: document(id, String(params.from), String(params.to)),
            }),
          );
          const bytes = new TextEncoder().encode(JSON.stringify({ result }));
          const cutAt = breakFirst && answers++ === 0 ? bytes.length >> 1 : bytes.length;
          if (cutAt === bytes.length) sent.push(...result);
          let offset = 0;
          const stream = new ReadableStream<Uint8Array>({
            pull(controller) {
              if (offset >= cutAt) {
                if (cutAt < bytes.length) controller.error(new TypeError("terminated"));
                else controller.close();
                return;
              }
              controller.enqueue(bytes.slice(offset, Math.min(offset + size, cutAt)));
              offset += size;
            },
          });
          return new HttpResponse(stream, { headers: { "content-type": "application/json" } });
        },
      ),
    );
  }

  it("reads an answer that arrives in small pieces as if it had come whole", async () => {
    const sent: unknown[] = [];
    answerInPieces(sent, 7);
    const [rows] = await client().getTimeSeries([A, B], query);
    expect(rows?.ok && rows.data.points).toEqual(
      flattenTimeSeries({ result: inTimeOrder(sent).filter((i) => (i as { id: string }).id === A) }).points,
    );
  });

  it("sends a call again whose answer breaks off inside an item, and keeps nothing of the broken one", async () => {
    const sent: unknown[] = [];
    const events: string[] = [];
    answerInPieces(sent, 4096, true);
    const c = createEloverblik({
      api: "customer",
      refreshToken: refreshToken(),
      now: clock.now,
      sleep: clock.sleep,
      tokenStore: createMemoryTokenStore(),
      retry: { timeoutMs: 0 },
      onProgress: (e) => {
        if (e.type === "request" && e.operation === "getTimeSeries") events.push(e.type);
      },
    });
    const [rows] = await c.getTimeSeries([A], { from: "2024-01-01", to: "2025-01-01", aggregation: "Day" });
    expect(events).toEqual(["request", "request"]);
    expect(rows?.ok && rows.data.points).toHaveLength(366);
    expect(rows?.ok && rows.data.points).toEqual(flattenTimeSeries({ result: sent }).points);
  });
});
