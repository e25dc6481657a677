// The gap pass works on runs of points recorded while decoding instead of sorting every row by its
// ISO strings. These tests hold it to the old definition (rows grouped per series, sorted by start,
// walked one by one) on many small random answers with overlapping, repeated, unsorted and
// missing periods, several series and several request chunks.
import { describe, expect, it } from "vitest";
import { decodeRowChunk, joinRowChunks } from "../../src/time-series/chunks.js";
import { type CoverageSeries, coverageGaps } from "../../src/time-series/coverage-gaps.js";
import { flattenTimeSeries } from "../../src/time-series/flatten.js";
import type { TimeSeriesGap, TimeSeriesPoint } from "../../src/time-series/types.js";

/** The former implementation: sort each series' rows by their ISO start and parse every date. */
function referenceGaps(
  points: readonly TimeSeriesPoint[],
  range: { startMs: number; endMs: number },
  meteringPointId: string,
): TimeSeriesGap[] {
  const groups = new Map<string, TimeSeriesPoint[]>();
  for (const p of points) {
    const key = `${p.meteringPointId}|${p.businessType}|${p.unit}`;
    const list = groups.get(key) ?? [];
    list.push(p);
    groups.set(key, list);
  }
  const series: CoverageSeries[] = [...groups.values()].map((list) => {
    const sorted = [...list].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    return {
      meteringPointId: sorted[0]!.meteringPointId,
      length: sorted.length,
      startAt: (i) => Date.parse(sorted[i]!.start),
      endAt: (i) => Date.parse(sorted[i]!.end),
      resolutionAt: (i) => sorted[i]!.resolution,
    };
  });
  return coverageGaps(series, range, meteringPointId);
}

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}

const ID = "571313180100000001";
const BASE_MS = Date.parse("2024-03-30T23:00:00Z"); // the spring DST switch is inside the range
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A random answer item: 1–3 series, each with unsorted, overlapping or missing hourly/quarterly periods. */
function randomItem(random: () => number, chunkStartMs: number, chunkHours: number) {
  const seriesCount = 1 + Math.floor(random() * 3);
  const series = Array.from({ length: seriesCount }, (_, s) => {
    const periods = [];
    const periodCount = Math.floor(random() * 5);
    for (let p = 0; p < periodCount; p++) {
      const quarter = random() < 0.3;
      const stepMs = quarter ? HOUR / 4 : HOUR;
      const startMs = chunkStartMs + Math.floor(random() * chunkHours) * HOUR;
      const slots = 1 + Math.floor(random() * (quarter ? 12 : 6));
      const points = [];
      for (let i = 1; i <= slots; i++) {
        if (random() < 0.15) continue; // a missing position
        points.push({ position: String(i), "out_Quantity.quantity": "1.5", "out_Quantity.quality": "A04" });
        if (random() < 0.05) points.push({ position: String(i), "out_Quantity.quantity": "9.0" });
      }
      periods.push({
        resolution: quarter ? "PT15M" : "PT1H",
        timeInterval: { start: iso(startMs), end: iso(startMs + slots * stepMs) },
        Point: points,
      });
    }
    return {
      mRID: ID,
      businessType: ["A04", "A01", "A64"][s],
      "measurement_Unit.name": "KWH",
      Period: periods,
    };
  });
  return {
    MyEnergyData_MarketDocument: { TimeSeries: series },
    success: true,
    errorCode: 10000,
    errorText: "NoError",
    id: ID,
  };
}

describe("coverage from the decoder's instants", () => {
  it("gives exactly the gaps of sorting and walking every row, over 400 random answers", () => {
    const random = rng(20240331);
    for (let round = 0; round < 400; round++) {
      const chunkCount = 1 + Math.floor(random() * 3);
      const chunkHours = 4 + Math.floor(random() * 20);
      const items = Array.from({ length: chunkCount }, (_, c) =>
        randomItem(random, BASE_MS + c * chunkHours * HOUR, chunkHours + 2),
      );
      const range = {
        startMs: BASE_MS + Math.floor(random() * 4) * HOUR,
        endMs: BASE_MS + (chunkCount * chunkHours - Math.floor(random() * 4)) * HOUR,
      };
      const joined = joinRowChunks(items.map(decodeRowChunk));
      const flat = flattenTimeSeries({ result: items });
      expect(joined.points).toEqual(flat.points);
      expect(joined.warnings).toEqual(flat.warnings);
      expect(coverageGaps(joined.coverage.series(), range, ID)).toEqual(
        referenceGaps(flat.points, range, ID),
      );
    }
  });

  it("keeps a whole-period gap for an answer without points, and series in order of their first point", () => {
    const empty = decodeRowChunk({
      MyEnergyData_MarketDocument: { TimeSeries: [{ mRID: ID, businessType: "A04", Period: [] }] },
      success: true,
      id: ID,
    });
    const range = { startMs: BASE_MS, endMs: BASE_MS + 4 * HOUR };
    expect(coverageGaps(joinRowChunks([empty]).coverage.series(), range, ID)).toEqual([
      { meteringPointId: ID, start: iso(range.startMs), end: iso(range.endMs), resolution: "" },
    ]);

    const period = (startMs: number) => ({
      resolution: "PT1H",
      timeInterval: { start: iso(startMs), end: iso(startMs + HOUR) },
      Point: [{ position: "1", "out_Quantity.quantity": "1" }],
    });
    // A01's series is empty in the first chunk and gets its first point after A04's.
    const first = decodeRowChunk({
      MyEnergyData_MarketDocument: {
        TimeSeries: [
          { mRID: ID, businessType: "A01", Period: [] },
          { mRID: ID, businessType: "A04", Period: [period(BASE_MS)] },
        ],
      },
      success: true,
      id: ID,
    });
    const second = decodeRowChunk({
      MyEnergyData_MarketDocument: {
        TimeSeries: [{ mRID: ID, businessType: "A01", Period: [period(BASE_MS + 2 * HOUR)] }],
      },
      success: true,
      id: ID,
    });
    const joined = joinRowChunks([first, second]);
    expect(coverageGaps(joined.coverage.series(), range, ID)).toEqual(
      referenceGaps(joined.points, range, ID),
    );
    expect(coverageGaps(joined.coverage.series(), range, ID).map((g) => g.start)).toEqual([
      iso(BASE_MS + HOUR),
      iso(BASE_MS),
      iso(BASE_MS + 3 * HOUR),
    ]);
  });
});
