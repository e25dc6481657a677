// export_time_series_csv through the SDK client against the simulator: the CSV is a resource the
// server serves, read back with resources/read and checked row by row, DST days included.
import type { Aggregation } from "@eloverblik-kit/client";
import type { RunningSimulator } from "@eloverblik-kit/simulator/server";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPORT_TTL_MS, ExportStore } from "../src/resources/exports.js";
import {
  clock,
  connect,
  data,
  idsOf,
  type Session,
  simClient,
  startSim,
  textOf,
  tokensOf,
} from "./support/harness.js";

let sim: RunningSimulator;
let s: Session;
let ids: ReturnType<typeof idsOf>;

beforeAll(async () => {
  sim = await startSim();
  ids = idsOf(sim);
  s = await connect({ client: simClient(sim), refreshToken: sim.tokens.customer });
});

afterAll(async () => {
  await s.close();
  await sim.close();
});

const HEADER =
  "metering_point_id,start_utc,end_utc,start_local,end_local,quantity,unit,quality,resolution,business_type";

async function exported(args: Record<string, unknown>): Promise<{ r: CallToolResult; csv: string }> {
  const r = await s.call("export_time_series_csv", args);
  expect(r.isError, textOf(r)).toBeFalsy();
  const read = await s.client.readResource({ uri: data(r).uri });
  const [content] = read.contents;
  expect(content?.mimeType).toBe("text/csv");
  return { r, csv: content && "text" in content ? String(content.text) : "" };
}

/** The data lines as arrays of fields (the points format has no quoted fields). */
function rowsOf(csv: string, separator = ","): string[][] {
  return csv
    .split("\n")
    .slice(1)
    .filter((line) => line !== "")
    .map((line) => line.split(separator));
}

async function direct(id: string, from: string, to: string, aggregation: Aggregation = "Actual") {
  const [result] = await simClient(sim).getTimeSeries([id], { from, to, aggregation });
  if (!result?.ok) throw new Error("direct fetch failed");
  return result.data.points;
}

describe("export_time_series_csv", () => {
  it("exports a month of quarter hours as one resource instead of six pages", async () => {
    const { r, csv } = await exported({
      metering_point_ids: [ids.household],
      from: "2025-10-01",
      to: "2025-11-01",
    });
    const points = await direct(ids.household, "2025-10-01", "2025-11-01");
    // October 2025 has a 25-hour day: 31 × 96 + 4 quarter hours, less any the meter did not send.
    expect(points.length).toBeGreaterThan(2_900);
    expect(points.length).toBeLessThanOrEqual(31 * 96 + 4);
    expect(data(r)).toMatchObject({
      uri: expect.stringMatching(/^eloverblik:\/\/exports\/[0-9a-f-]{36}\.csv$/),
      mimeType: "text/csv",
      rows: points.length,
      embedded: false,
      format: "points",
      clockChanges: [{ date: "2025-10-26", hours: 25 }],
      meteringPoints: [{ meteringPointId: ids.household, rows: points.length }],
    });
    // The model reads a few lines, not 2,980 rows.
    expect(tokensOf(r)).toBeLessThan(1_500);
    expect(textOf(r)).toContain(data(r).uri);
    expect(textOf(r)).toMatch(/2025-10-26 has 25 hours/);

    expect(csv.split("\n")[0]).toBe(HEADER);
    const rows = rowsOf(csv);
    expect(rows).toHaveLength(points.length);
    expect(data(r).characters).toBe(csv.length);
    for (const [i, row] of rows.entries()) {
      const p = points[i]!;
      expect(row.slice(0, 3), `row ${i}`).toEqual([ids.household, p.start, p.end]);
      expect(row[5] === "" ? null : Number(row[5]), `row ${i}`).toBe(p.quantity);
      expect(row[7], `row ${i}`).toBe(p.quality);
    }
    // The 25-hour day: 100 quarter hours, the repeated hour told apart by its offset.
    const day = rows.filter((row) => row[3]!.startsWith("2025-10-26 "));
    const sent = points.filter((p) => p.start >= "2025-10-25T22:00" && p.start < "2025-10-26T23:00");
    expect(day).toHaveLength(sent.length);
    const local = day.map((row) => row[3]);
    expect(new Set(local).size).toBe(local.length);
    expect(local).toEqual(expect.arrayContaining(["2025-10-26 02:00+02:00", "2025-10-26 02:00+01:00"]));

    const { resources } = await s.client.listResources();
    expect(resources.map((x) => x.uri)).toContain(data(r).uri);
    // A resource link block the host can open; too large to embed as well.
    expect(r.content).toContainEqual(
      expect.objectContaining({
        type: "resource_link",
        uri: data(r).uri,
        mimeType: "text/csv",
        size: csv.length,
      }),
    );
    expect(r.content.some((c) => c.type === "resource")).toBe(false);
  });

  it("embeds a small export in the text; hourly days of 23 and 25 rows; decimal comma", async () => {
    for (const [day, hours] of [
      ["2025-10-26", 25],
      ["2026-03-29", 23],
    ] as const) {
      const next = day === "2025-10-26" ? "2025-10-27" : "2026-03-30";
      const { r, csv } = await exported({
        metering_point_ids: [ids.household],
        from: day,
        to: next,
        aggregation: "Hour",
        decimal: ",",
      });
      expect(data(r)).toMatchObject({ rows: hours, embedded: true, clockChanges: [{ date: day, hours }] });
      expect(textOf(r)).toContain(csv.trimEnd());
      expect(r.content).toContainEqual({
        type: "resource",
        resource: { uri: data(r).uri, mimeType: "text/csv", text: csv },
      });
      const rows = rowsOf(csv, ";");
      expect(rows).toHaveLength(hours);
      expect(rows.every((row) => /^\d+(,\d+)?$/.test(row[5]!))).toBe(true);
      const local = rows.map((row) => row[3]!.slice(11));
      expect(new Set(local).size).toBe(hours);
      if (hours === 25) expect(local.slice(2, 4)).toEqual(["02:00+02:00", "02:00+01:00"]);
      else expect(local.slice(1, 3)).toEqual(["01:00+01:00", "03:00+02:00"]);
      const points = await direct(ids.household, day, next, "Hour");
      const sum = rows.reduce((a, row) => a + Number(row[5]!.replace(",", ".")), 0);
      expect(sum).toBeCloseTo(
        points.reduce((a, p) => a + (p.quantity ?? 0), 0),
        6,
      );
    }
  });

  it("several metering points over more than two years: split and batched by the client", async () => {
    const period = { from: "2024-01-01", to: "2026-01-02" };
    const before = sim.simulator.requests.filter((x) => x.operation === "getTimeSeries").length;
    const { r, csv } = await exported({
      metering_point_ids: [ids.household, ids.flex],
      ...period,
      aggregation: "Hour",
    });
    // 732 days: two periods of at most 730 days, both metering points in each request.
    const after = sim.simulator.requests.filter((x) => x.operation === "getTimeSeries").length;
    expect(after - before).toBe(2);
    const rows = rowsOf(csv);
    for (const id of [ids.household, ids.flex]) {
      const points = await direct(id, period.from, period.to, "Hour");
      const mine = rows.filter((row) => row[0] === id);
      expect(mine).toHaveLength(points.length);
      expect(data(r).meteringPoints).toContainEqual({
        meteringPointId: id,
        rows: points.length,
        firstStart: points[0]!.start,
        lastEnd: points.at(-1)!.end,
      });
    }
    expect(data(r).clockChanges.map((c: { date: string }) => c.date)).toEqual([
      "2024-03-31",
      "2024-10-27",
      "2025-03-30",
      "2025-10-26",
    ]);
  }, 60_000);

  it("Eloverblik's own CSV export (Customer API), joined under one header", async () => {
    const { r, csv } = await exported({
      metering_point_ids: [ids.household],
      from: "2025-10-01",
      to: "2025-11-01",
      format: "eloverblik",
    });
    const points = await direct(ids.household, "2025-10-01", "2025-11-01");
    const lines = csv.split("\r\n").filter((line) => line !== "");
    expect(lines[0]).toMatch(/^Målepunkt id;Fra dato;Til dato;Mængde/);
    expect(lines).toHaveLength(points.length + 1);
    expect(data(r)).toMatchObject({ format: "eloverblik", rows: points.length });
    expect(data(r).notes.join(" ")).toMatch(/without offset/);

    const long = await exported({
      metering_point_ids: [ids.household],
      from: "2023-12-01",
      to: "2026-01-01",
      aggregation: "Day",
      format: "eloverblik",
    });
    const headers = long.csv.split("\r\n").filter((line) => line.startsWith("Målepunkt id"));
    expect(headers).toHaveLength(1);
    expect(data(long.r).rows).toBe((await direct(ids.household, "2023-12-01", "2026-01-01", "Day")).length);
  });

  it("says where the latest data is when the period has none", async () => {
    const r = await s.call("export_time_series_csv", {
      metering_point_ids: [ids.household],
      from: "2026-11-25",
    });
    expect(r.isError).toBeFalsy();
    expect(data(r).rows).toBe(0);
    expect(data(r).notes.join(" ")).toMatch(
      /No data for \d{18} in the period\. The latest day with data is \d{4}-\d{2}-\d{2}/,
    );
  });

  it("an unknown or expired export is refused with what to do", async () => {
    await expect(
      s.client.readResource({ uri: "eloverblik://exports/00000000-0000-4000-8000-000000000000.csv" }),
    ).rejects.toThrow(/kept for 15 minutes\. Call export_time_series_csv again/);
  });
});

describe("the export store", () => {
  it("forgets exports after their time and the oldest when full", () => {
    const store = new ExportStore(100);
    const now = clock();
    const a = store.put("a".repeat(40), { name: "a.csv", title: "a" }, now);
    const b = store.put("b".repeat(40), { name: "b.csv", title: "b" }, now + 1);
    expect(store.size).toBe(80);
    const c = store.put("c".repeat(40), { name: "c.csv", title: "c" }, now + 2);
    expect(store.get(a.id, now + 2)).toBeUndefined();
    expect(store.get(b.id, now + 2)?.text).toBe("b".repeat(40));
    expect(store.size).toBe(80);
    expect(store.get(c.id, now + 2 + EXPORT_TTL_MS)).toBeUndefined();
    expect(store.list(now + 2 + EXPORT_TTL_MS)).toEqual([]);
    expect(store.size).toBe(0);
  });
});
