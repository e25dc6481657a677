import { describe, expect, it } from "vitest";
import { isEloverblikError } from "../../src/errors/eloverblik-error.js";
import { columnarPoints } from "../../src/insights/columnar-points.js";
import { pointsCsvLines } from "../../src/insights/points-csv-lines.js";
import { pointsToCsv } from "../../src/insights/points-to-csv.js";
import { writePointsCsv } from "../../src/insights/write-points-csv.js";
import type { ColumnarSeries } from "../../src/time-series/columnar.js";
import type { TimeSeriesPoint } from "../../src/time-series/types.js";
import { HOUR, MP, QUARTER, run } from "./points.js";

const point = (start: string, quantity: number | null, quality = "A04"): TimeSeriesPoint => ({
  meteringPointId: MP,
  start,
  end: new Date(Date.parse(start) + HOUR).toISOString(),
  quantity,
  quality,
  resolution: "PT1H",
  unit: "KWH",
  businessType: "A04",
});

function invalid(fn: () => unknown): string | false {
  try {
    fn();
  } catch (e) {
    return isEloverblikError(e) && e.code;
  }
  return false;
}

describe("pointsToCsv", () => {
  it("writes every column by default, with UTC and unambiguous Danish times", () => {
    const csv = pointsToCsv([
      point("2025-10-26T00:00:00.000Z", 0.734),
      point("2025-10-26T01:00:00.000Z", 1.5, "A03"),
    ]);
    expect(csv).toBe(
      "metering_point_id,start_utc,end_utc,start_local,end_local,quantity,unit,quality,resolution,business_type\n" +
        `${MP},2025-10-26T00:00:00.000Z,2025-10-26T01:00:00.000Z,2025-10-26 02:00+02:00,2025-10-26 02:00+01:00,0.734,KWH,A04,PT1H,A04\n` +
        `${MP},2025-10-26T01:00:00.000Z,2025-10-26T02:00:00.000Z,2025-10-26 02:00+01:00,2025-10-26 03:00+01:00,1.5,KWH,A03,PT1H,A04\n`,
    );
  });

  it("writes decimal commas with semicolons, empty fields for missing quantities", () => {
    const csv = pointsToCsv(
      [point("2025-01-15T11:00:00.000Z", 0.734), point("2025-01-15T12:00:00.000Z", null, "A02")],
      {
        decimal: ",",
        columns: ["startLocal", "quantity", "quality"],
      },
    );
    expect(csv).toBe(
      "start_local;quantity;quality\n2025-01-15 12:00+01:00;0,734;A04\n2025-01-15 13:00+01:00;;A02\n",
    );
  });

  it("takes own headers, separators and line ends, quotes what needs it, and can skip the header", () => {
    const odd = { ...point("2025-01-15T11:00:00.000Z", 1e-7), unit: 'k"W;h' };
    expect(
      pointsToCsv([odd], {
        columns: ["quantity", "unit"],
        headers: { quantity: "kwh" },
        separator: ";",
        newline: "\r\n",
      }),
    ).toBe('kwh;unit\r\n0.0000001;"k""W;h"\r\n');
    expect(pointsToCsv([odd], { columns: ["quality"], header: false })).toBe("A04\n");
    expect(pointsToCsv([], { columns: ["quality"] })).toBe("quality\n");
  });

  it("marks only the repeated hour with localOffset: 'ambiguous'", () => {
    const day = run("2025-10-25T22:00:00Z", 25, HOUR);
    const lines = pointsToCsv(day, { columns: ["startLocal"], header: false, localOffset: "ambiguous" })
      .trim()
      .split("\n");
    expect(lines.slice(0, 5)).toEqual([
      "2025-10-26 00:00",
      "2025-10-26 01:00",
      "2025-10-26 02:00+02:00",
      "2025-10-26 02:00+01:00",
      "2025-10-26 03:00",
    ]);
    expect(new Set(lines).size).toBe(25);
  });

  it("refuses options that would write an unreadable file", () => {
    const p = [point("2025-01-15T11:00:00.000Z", 1)];
    expect(invalid(() => pointsToCsv(p, { decimal: ",", separator: "," }))).toBe("INVALID_INPUT");
    expect(invalid(() => pointsToCsv(p, { columns: ["kwh" as "quantity"] }))).toBe("INVALID_INPUT");
    expect(invalid(() => pointsToCsv(p, { columns: [] }))).toBe("INVALID_INPUT");
    expect(invalid(() => pointsToCsv(p, { separator: '"' }))).toBe("INVALID_INPUT");
    expect(invalid(() => pointsToCsv(p, { decimal: ";" as "," }))).toBe("INVALID_INPUT");
  });
});

describe("pointsCsvLines", () => {
  it("yields the header and then one line per point, lazily", () => {
    function* endless(): Generator<TimeSeriesPoint> {
      for (let i = 0; ; i++)
        yield point(new Date(Date.parse("2025-01-15T11:00:00Z") + i * HOUR).toISOString(), i);
    }
    const lines = pointsCsvLines(endless(), { columns: ["start", "quantity"] });
    expect([lines.next().value, lines.next().value, lines.next().value]).toEqual([
      "start_utc,quantity\n",
      "2025-01-15T11:00:00.000Z,0\n",
      "2025-01-15T12:00:00.000Z,1\n",
    ]);
  });
});

describe("writePointsCsv", () => {
  const points = run("2025-01-09T23:00:00Z", 96, QUARTER);

  it("writes the same text as pointsToCsv in chunks of about chunkSize", async () => {
    const chunks: string[] = [];
    const result = await writePointsCsv(points, { write: (c) => chunks.push(c) }, { chunkSize: 1000 });
    expect(chunks.join("")).toBe(pointsToCsv(points));
    expect(result).toEqual({ rows: 96, chars: pointsToCsv(points).length });
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.slice(0, -1).every((c) => c.length >= 1000 && c.length < 1200)).toBe(true);
  });

  it("reads async iterables and awaits a WHATWG stream writer", async () => {
    async function* later() {
      for (const p of points.slice(0, 3)) yield p;
    }
    const received: string[] = [];
    const stream = new WritableStream<string>({ write: (c) => void received.push(c) });
    const writer = stream.getWriter();
    await writePointsCsv(later(), writer, { columns: ["quantity"] });
    await writer.close();
    expect(received.join("")).toBe("quantity\n0.25\n0.25\n0.25\n");
  });

  it("waits for drain when a Node-style sink says it is full", async () => {
    let drain: (() => void) | undefined;
    const writes: string[] = [];
    const sink = {
      write(chunk: string) {
        writes.push(chunk);
        return writes.length > 1; // the first write fills the buffer
      },
      once(_event: "drain", listener: () => void) {
        drain = listener;
      },
    };
    let done = false;
    const writing = writePointsCsv(points, sink, { chunkSize: 500 }).then(() => {
      done = true;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(writes).toHaveLength(1);
    expect(done).toBe(false);
    drain?.();
    await writing;
    expect(writes.join("")).toBe(pointsToCsv(points));
  });

  it("stops with ABORTED when its signal aborts", async () => {
    const controller = new AbortController();
    const chunks: string[] = [];
    const sink = {
      write(c: string) {
        chunks.push(c);
        controller.abort();
      },
    };
    const error = await writePointsCsv(points, sink, { chunkSize: 500, signal: controller.signal }).catch(
      (e) => e,
    );
    expect(isEloverblikError(error) && error.code).toBe("ABORTED");
    expect(chunks).toHaveLength(1);
  });
});

describe("columnarPoints", () => {
  it("gives the row form of a columnar series, one point at a time", () => {
    const start = Date.parse("2025-09-30T21:00:00Z");
    const series: ColumnarSeries = {
      meteringPointId: MP,
      businessType: "A04",
      unit: "KWH",
      length: 3,
      start: Float64Array.from([start, start + HOUR, start + HOUR + QUARTER]),
      durationMs: Float64Array.from([HOUR, QUARTER, QUARTER]),
      quantity: Float64Array.from([1.5, Number.NaN, 0.25]),
      quality: Uint8Array.from([0, 1, 0]),
      qualityCodes: ["A04", "A02"],
      resolution: [
        { resolution: "PT1H", startIndex: 0, count: 1 },
        { resolution: "PT15M", startIndex: 1, count: 2 },
      ],
    };
    expect([...columnarPoints(series)]).toEqual([
      { ...point("2025-09-30T21:00:00.000Z", 1.5) },
      {
        ...point("2025-09-30T22:00:00.000Z", null, "A02"),
        end: "2025-09-30T22:15:00.000Z",
        resolution: "PT15M",
      },
      {
        ...point("2025-09-30T22:15:00.000Z", 0.25),
        end: "2025-09-30T22:30:00.000Z",
        resolution: "PT15M",
      },
    ]);
  });
});
