import { describe, expect, it } from "vitest";
import { columnarResolutionAt, flattenTimeSeriesColumnar } from "../../src/time-series/columnar.js";
import { flattenTimeSeries } from "../../src/time-series/flatten.js";

const MP = "571313180100000001";

function period(
  resolution: string,
  start: string,
  end: string,
  points: Array<[number, string | null, string]>,
) {
  return {
    resolution,
    timeInterval: { start, end },
    Point: points.map(([position, q, quality]) => ({
      position: String(position),
      "out_Quantity.quantity": q,
      "out_Quantity.quality": quality,
    })),
  };
}

function body() {
  const hourly = Array.from({ length: 25 }, (_, i): [number, string | null, string] => [
    i + 1,
    i === 4 ? null : (i / 10).toFixed(1),
    i === 4 ? "A02" : i % 3 === 0 ? "A03" : "A04",
  ]).filter(([p]) => p !== 7);
  const quarter = Array.from({ length: 96 }, (_, i): [number, string | null, string] => [
    i + 1,
    String(i),
    "A04",
  ]);
  return {
    result: [
      {
        id: MP,
        success: true,
        errorCode: 10000,
        errorText: "NoError",
        MyEnergyData_MarketDocument: {
          TimeSeries: [
            {
              businessType: "A04",
              "measurement_Unit.name": "KWH",
              MarketEvaluationPoint: { mRID: { codingScheme: "A10", name: MP } },
              Period: [
                period("PT1H", "2024-10-26T22:00:00Z", "2024-10-27T23:00:00Z", hourly),
                period("PT15M", "2024-10-27T23:00:00Z", "2024-10-28T23:00:00Z", quarter),
                period("PT1D", "2024-10-28T23:00:00Z", "2024-10-29T23:00:00Z", [[1, "12.5", "A04"]]),
              ],
            },
            {
              businessType: "A01",
              "measurement_Unit.name": "KWH",
              MarketEvaluationPoint: { mRID: { codingScheme: "A10", name: MP } },
              Period: [period("PT1H", "2024-10-26T22:00:00Z", "2024-10-26T23:00:00Z", [[1, "0.5", "A04"]])],
            },
          ],
        },
      },
      { id: "571313180100000002", success: false, errorCode: 20000, errorText: "Wrong" },
    ],
  };
}

describe("flattenTimeSeriesColumnar", () => {
  it("carries exactly the same data as the row form", () => {
    const rows = flattenTimeSeries(body());
    const cols = flattenTimeSeriesColumnar(body());
    expect(cols.gaps).toEqual(rows.gaps);
    expect(cols.warnings).toEqual(rows.warnings);
    expect(cols.failures).toEqual(rows.failures);
    expect(cols.series).toHaveLength(2);

    let k = 0;
    for (const s of cols.series) {
      for (let i = 0; i < s.length; i++, k++) {
        const row = rows.points[k];
        expect(row).toBeDefined();
        expect(s.meteringPointId).toBe(row?.meteringPointId);
        expect(s.businessType).toBe(row?.businessType);
        expect(s.unit).toBe(row?.unit);
        expect(new Date(s.start[i] as number).toISOString()).toBe(row?.start);
        expect(new Date((s.start[i] as number) + (s.durationMs[i] as number)).toISOString()).toBe(row?.end);
        const q = s.quantity[i] as number;
        expect(Number.isNaN(q) ? null : q).toBe(row?.quantity);
        expect(s.qualityCodes[s.quality[i] as number]).toBe(row?.quality);
        expect(columnarResolutionAt(s, i)).toBe(row?.resolution);
      }
    }
    expect(k).toBe(rows.points.length);
  });

  it("encodes resolution as runs and quality as codes", () => {
    const [first] = flattenTimeSeriesColumnar(body()).series;
    expect(first?.length).toBe(24 + 96 + 1);
    expect(first?.resolution).toEqual([
      { resolution: "PT1H", startIndex: 0, count: 24 },
      { resolution: "PT15M", startIndex: 24, count: 96 },
      { resolution: "P1D", startIndex: 120, count: 1 },
    ]);
    expect(first?.qualityCodes).toEqual(["A03", "A04", "A02"]);
    expect(first?.start).toBeInstanceOf(Float64Array);
    expect(first?.start.length).toBe(121);
    // The missing position 7 is a gap, not a row.
    expect(flattenTimeSeriesColumnar(body()).gaps).toEqual([
      {
        meteringPointId: MP,
        start: "2024-10-27T04:00:00.000Z",
        end: "2024-10-27T05:00:00.000Z",
        resolution: "PT1H",
      },
    ]);
    expect(columnarResolutionAt(first as never, 121)).toBeUndefined();
  });

  it("trims columns when duplicates were dropped", () => {
    const b = body();
    const ts = b.result[0]?.MyEnergyData_MarketDocument?.TimeSeries[1];
    ts?.Period[0]?.Point.push({ position: "1", "out_Quantity.quantity": "9", "out_Quantity.quality": "A04" });
    const cols = flattenTimeSeriesColumnar(b);
    expect(cols.series[1]?.length).toBe(1);
    expect(cols.series[1]?.quantity.length).toBe(1);
    expect(cols.series[1]?.quantity[0]).toBe(0.5);
    expect(cols.warnings[0]).toMatch(/duplicate/);
  });
});
