import { describe, expect, it } from "vitest";
import { createSimulator, startSimulator } from "../src/index.js";
import { accessToken, body, caller, faces, items, type Started, useMsw, virtualClock } from "./support.js";

useMsw();

type Envelope = {
  total: number;
  filters: string;
  dataset: string;
  limit?: number;
  sort?: string;
  records: Array<Record<string, unknown>>;
};

const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

describe.each(faces)("Energi Data Service datasets ($name)", (face) => {
  const clock = virtualClock("2026-01-15T10:00:00Z");
  async function start(iso = "2026-01-15T10:00:00Z", limited = false) {
    clock.set(iso);
    const started = await face.start({
      seed: 3,
      clock: clock.now,
      ...(limited ? {} : { edsLimits: "off" as const }),
    });
    const edsUrl = face.name === "msw" ? started.sim.edsBaseUrl : started.baseUrl;
    return { ...started, eds: caller(edsUrl) };
  }

  it("answers with the envelope, newest first, and only 100 rows without start or limit", async () => {
    const s = await start();
    const answer = await s.eds("GET", "/dataset/Elspotprices");
    const envelope = answer.json as Envelope;
    expect(answer.status).toBe(200);
    expect(envelope.dataset).toBe("Elspotprices");
    expect(envelope.records).toHaveLength(100);
    expect(envelope.total).toBeGreaterThan(80_000);
    const first = envelope.records[0] as Record<string, string>;
    // Newest first: the last hour before the switch, in both areas; no zone designator.
    expect(first.HourUTC).toBe("2025-09-30T21:00:00");
    expect(first.HourDK).toBe("2025-09-30T23:00:00");
    expect(Object.keys(first)).toEqual(["HourUTC", "HourDK", "PriceArea", "SpotPriceDKK", "SpotPriceEUR"]);
    await s.stop();
  });

  it("filters, sorts ascending when asked, pages with offset and limit, and reports the total", async () => {
    const s = await start();
    const params = {
      start: "2025-03-01",
      end: "2025-03-02",
      filter: JSON.stringify({ PriceArea: ["DK1"] }),
      sort: "HourUTC",
      columns: "HourUTC,SpotPriceDKK",
    };
    const all = (await s.eds("GET", `/dataset/Elspotprices${q(params)}`)).json as Envelope;
    expect(all.total).toBe(24);
    expect(all.records).toHaveLength(24);
    expect(all.filters).toBe(params.filter);
    expect(all.sort).toBe("HourUTC");
    // Local start: 2025-03-01 00:00 Danish time is 23:00 UTC the day before.
    expect(all.records[0]).toEqual({ HourUTC: "2025-02-28T23:00:00", SpotPriceDKK: expect.any(Number) });
    const page = (await s.eds("GET", `/dataset/Elspotprices${q({ ...params, offset: "20", limit: "10" })}`))
      .json as Envelope;
    expect(page.total).toBe(24);
    expect(page.limit).toBe(10);
    expect(page.records).toEqual(all.records.slice(20));
    const utc = (
      await s.eds(
        "GET",
        `/dataset/Elspotprices${q({ ...params, start: "2025-03-01T00:00", timezone: "UTC" })}`,
      )
    ).json as Envelope;
    expect(utc.records[0]?.HourUTC).toBe("2025-03-01T00:00:00");
    await s.stop();
  });

  it("refuses bad input in plain text: an unknown column 400, an unknown dataset 404, /meta 204", async () => {
    const s = await start();
    const column = await s.eds("GET", `/dataset/Elspotprices${q({ columns: "HourUTC,Nope" })}`);
    expect([column.status, column.text, column.headers.get("content-type")]).toEqual([
      400,
      "Invalid column Nope",
      "text/plain; charset=utf-8",
    ]);
    const filter = await s.eds("GET", `/dataset/Elspotprices${q({ filter: "{not json" })}`);
    expect(filter.status).toBe(400);
    const missing = await s.eds("GET", "/dataset/Elspotpricez");
    expect([missing.status, missing.text]).toEqual([404, "dataset not found Elspotpricez"]);
    const meta = await s.eds("GET", "/meta/dataset/Nope");
    expect([meta.status, meta.text]).toEqual([204, ""]);
    await s.stop();
  });

  it("serves DST days on UTC: the repeated hour twice in HourDK, the skipped one never", async () => {
    const s = await start();
    const rows = async (dataset: string, day: string, next: string) =>
      (
        (
          await s.eds(
            "GET",
            `/dataset/${dataset}${q({ start: day, end: next, filter: '{"PriceArea":"DK2"}', sort: "HourUTC asc,TimeUTC asc".split(",")[dataset === "Elspotprices" ? 0 : 1] as string })}`,
          )
        ).json as Envelope
      ).records;
    const autumn = await rows("Elspotprices", "2024-10-27", "2024-10-28");
    expect(autumn).toHaveLength(25);
    expect(autumn.filter((r) => String(r.HourDK).startsWith("2024-10-27T02:"))).toHaveLength(2);
    const spring = await rows("Elspotprices", "2025-03-30", "2025-03-31");
    expect(spring).toHaveLength(23);
    expect(spring.some((r) => String(r.HourDK).startsWith("2025-03-30T02:"))).toBe(false);
    const quarters = await rows("DayAheadPrices", "2025-10-26", "2025-10-27");
    expect(quarters).toHaveLength(100);
    expect(quarters.filter((r) => String(r.TimeDK).startsWith("2025-10-26T02:"))).toHaveLength(8);
    await s.stop();
  });

  it("switches datasets on 2025-10-01: hourly Elspotprices before, quarter-hour DayAheadPrices after", async () => {
    const s = await start();
    const range = q({ start: "2025-09-30", end: "2025-10-02", filter: '{"PriceArea":["DK1"]}' });
    const hourly = (await s.eds("GET", `/dataset/Elspotprices${range}`)).json as Envelope;
    const quarter = (await s.eds("GET", `/dataset/DayAheadPrices${range}`)).json as Envelope;
    expect(hourly.total).toBe(24);
    expect(quarter.total).toBe(96);
    expect(quarter.records.at(-1)?.TimeDK).toBe("2025-10-01T00:00:00");
    // The four quarters of an hour differ, so the mean-of-four rule matters.
    const firstHour = quarter.records.slice(-4).map((r) => r.DayAheadPriceDKK);
    expect(new Set(firstHour).size).toBeGreaterThan(1);
    await s.stop();
  });

  it("serves tomorrow's rows with null prices until the 13:00 publication", async () => {
    const s = await start("2026-01-15T10:00:00Z"); // 11:00 in Denmark
    const tomorrow = q({ start: "2026-01-16", end: "2026-01-17", filter: '{"PriceArea":["DK1"]}' });
    const before = (await s.eds("GET", `/dataset/DayAheadPrices${tomorrow}`)).json as Envelope;
    expect(before.total).toBe(96);
    expect(before.records.every((r) => r.DayAheadPriceDKK === null && r.DayAheadPriceEUR === null)).toBe(
      true,
    );
    clock.set("2026-01-15T12:30:00Z"); // 13:30
    const after = (await s.eds("GET", `/dataset/DayAheadPrices${tomorrow}`)).json as Envelope;
    expect(after.records.every((r) => typeof r.DayAheadPriceDKK === "number")).toBe(true);
    await s.stop();
  });

  it("limits each dataset to one request a minute per client, with a JSON 429 and Retry-After", async () => {
    const s = await start("2026-01-15T10:00:00Z", true);
    const range = q({ start: "2025-01-01", end: "2025-01-02" });
    expect((await s.eds("GET", `/dataset/Elspotprices${range}`)).status).toBe(200);
    // Another dataset has a window of its own.
    expect((await s.eds("GET", `/dataset/DatahubPricelist${q({ limit: "1" })}`)).status).toBe(200);
    clock.advance(20_000);
    const refused = await s.eds("GET", `/dataset/Elspotprices${range}`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("40");
    expect(refused.json).toEqual({
      statusCode: 429,
      message: "Rate limit is exceeded. Try again in 40 seconds.",
    });
    clock.advance(40_000);
    expect((await s.eds("GET", `/dataset/Elspotprices${range}`)).status).toBe(200);
    await s.stop();
  });

  it("downloads as JSON or semicolon CSV", async () => {
    const s = await start();
    const range = {
      start: "2025-01-01T00:00",
      end: "2025-01-01T02:00",
      filter: '{"PriceArea":["DK1"]}',
      sort: "HourUTC",
    };
    const json = await s.eds("GET", `/dataset/Elspotprices/download${q({ ...range, format: "json" })}`);
    expect(json.json).toHaveLength(2);
    const csv = await s.eds("GET", `/dataset/Elspotprices/download${q({ ...range, format: "csv" })}`);
    const lines = csv.text.split("\r\n");
    expect(lines[0]).toBe("HourUTC;HourDK;PriceArea;SpotPriceDKK;SpotPriceEUR");
    expect(lines).toHaveLength(3);
    await s.stop();
  });

  it("keeps DatahubPricelist consistent with its own getcharges", async () => {
    const s = await start("2026-01-15T10:00:00Z");
    const token = await accessToken(s as Started);
    const mp = s.sim.meteringPoints;
    const charges = await s.api("POST", "/customerapi/api/meteringpoints/meteringpoint/getcharges", {
      token,
      body: body(mp.household.id, mp.flex.id),
    });
    const rows = ((await s.eds("GET", `/dataset/DatahubPricelist${q({ limit: "0" })}`)).json as Envelope)
      .records as Array<Record<string, string | number | null>>;
    const today = "2026-01-15";
    const validNow = (r: Record<string, unknown>) =>
      String(r.ValidFrom).slice(0, 10) <= today &&
      (r.ValidTo === null || String(r.ValidTo).slice(0, 10) > today);
    for (const item of items(charges)) {
      const result = item.result as {
        tariffs: Array<{
          owner: string;
          priceId: string;
          name: string;
          periodType: string;
          validFromDate: string;
          prices: Array<{ position: string; price: number }>;
        }>;
      };
      expect(result.tariffs.length).toBeGreaterThan(0);
      for (const t of result.tariffs) {
        const row = rows.find(
          (r) => r.GLN_Number === t.owner && r.ChargeTypeCode === t.priceId && validNow(r),
        );
        expect(row, `${t.priceId} in DatahubPricelist`).toBeDefined();
        expect([row?.Note, row?.ResolutionDuration, row?.ChargeType]).toEqual([t.name, t.periodType, "D03"]);
        for (const p of t.prices) {
          const n = t.periodType === "PT15M" ? Math.ceil(Number(p.position) / 4) : Number(p.position);
          const price = row?.[`Price${n}`] ?? row?.Price1;
          expect(price, `${t.priceId} position ${p.position}`).toBe(p.price);
        }
      }
    }
    // What getcharges cannot show: history, the discount code, a code change, zero leftovers, EA-002.
    const radius = rows.filter((r) => r.GLN_Number === "5790000705689" && r.ChargeType === "D03");
    expect(radius.some((r) => r.ChargeTypeCode === "DT_C_R" && Number(r.Price18) < 0)).toBe(true);
    const leftover = radius.find((r) => r.ChargeTypeCode === "DT_C_00" && r.ValidTo === null);
    expect(Array.from({ length: 24 }, (_, i) => leftover?.[`Price${i + 1}`])).toEqual(Array(24).fill(0));
    const notes = new Set(
      radius.filter((r) => /^DT_C_(00|01|15)$/.test(String(r.ChargeTypeCode))).map((r) => r.Note),
    );
    expect([...notes]).toEqual(["Nettarif C"]);
    const tax = rows
      .filter((r) => r.ChargeTypeCode === "EA-001")
      .map((r) => [String(r.ValidFrom).slice(0, 10), r.Price1, r.Price2]);
    expect(tax).toContainEqual(["2023-07-01", 0.697, null]);
    expect(tax).toContainEqual(["2026-01-01", 0.008, null]);
    expect(rows.some((r) => r.ChargeTypeCode === "EA-002" && r.Price1 === 0.008)).toBe(true);
    await s.stop();
  });
});

describe("Energi Data Service on a running server", () => {
  it("shares the loopback port with the Eloverblik API", async () => {
    const running = await startSimulator({
      port: 0,
      simulator: createSimulator({ seed: 1, edsLimits: "off" }),
    });
    const answer = await fetch(`${running.url}/dataset/DayAheadPrices?limit=4&sort=TimeUTC%20desc`);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as Envelope).records).toHaveLength(4);
    await running.close();
  });
});
