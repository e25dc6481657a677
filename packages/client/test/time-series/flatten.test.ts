import { describe, expect, it } from "vitest";
import { isEloverblikError } from "../../src/errors/eloverblik-error.js";
import { flattenDocument, flattenTimeSeries } from "../../src/time-series/flatten.js";

const MP = "571313180100000001";
const MP2 = "571313180100000002";
const H = 3_600_000;
const Q = 900_000;

type P = [position: number | string, quantity: string | null, quality?: string];

function period(resolution: string, start: string, end: string, points: P[]) {
  return {
    resolution,
    timeInterval: { start, end },
    Point: points.map(([position, quantity, quality = "A04"]) => {
      const p: Record<string, unknown> = { position: String(position), "out_Quantity.quality": quality };
      if (quantity !== null) p["out_Quantity.quantity"] = quantity;
      return p;
    }),
  };
}

function series(periods: unknown[], businessType = "A04", mp = MP) {
  return {
    mRID: mp,
    businessType,
    curveType: "A01",
    "measurement_Unit.name": "KWH",
    MarketEvaluationPoint: { mRID: { codingScheme: "A10", name: mp } },
    Period: periods,
  };
}

function doc(timeSeries: unknown[]) {
  return {
    mRID: "doc",
    createdDateTime: "2024-11-01T10:00:00Z",
    "sender_MarketParticipant.name": "",
    "sender_MarketParticipant.mRID": { codingScheme: null, name: null },
    "period.timeInterval": { start: "2020-01-01T00:00:00Z", end: "2030-01-01T00:00:00Z" },
    TimeSeries: timeSeries,
  };
}

function response(...docs: Array<{ id: string; doc: unknown }>) {
  return {
    result: docs.map(({ id, doc: d }) => ({
      MyEnergyData_MarketDocument: d,
      success: true,
      errorCode: 10000,
      errorText: "NoError",
      id,
      stackTrace: null,
    })),
  };
}

const seq = (n: number, q = (i: number) => (i / 100).toFixed(2)): P[] =>
  Array.from({ length: n }, (_, i) => [i + 1, q(i + 1)]);

const iso = (ms: number): string => new Date(ms).toISOString();

function errorOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (isEloverblikError(error)) return error;
    throw error;
  }
  throw new Error("expected an EloverblikError");
}

describe("flattenTimeSeries: DST days", () => {
  it("stamps the 23-hour day 2024-03-31 in PT1H", () => {
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([series([period("PT1H", "2024-03-30T23:00:00Z", "2024-03-31T22:00:00Z", seq(23))])]),
      }),
    );
    expect(r.warnings).toEqual([]);
    expect(r.gaps).toEqual([]);
    expect(r.points).toHaveLength(23);
    expect(r.points[0]).toEqual({
      meteringPointId: MP,
      start: "2024-03-30T23:00:00.000Z",
      end: "2024-03-31T00:00:00.000Z",
      quantity: 0.01,
      quality: "A04",
      resolution: "PT1H",
      unit: "KWH",
      businessType: "A04",
    });
    // Position 3 is local 03:00 (02:00 does not exist that day).
    expect(r.points[2]?.start).toBe("2024-03-31T01:00:00.000Z");
    expect(r.points[22]?.start).toBe("2024-03-31T21:00:00.000Z");
    expect(r.points[22]?.end).toBe("2024-03-31T22:00:00.000Z");
    for (let i = 0; i < 23; i++)
      expect(r.points[i]?.start).toBe(iso(Date.parse("2024-03-30T23:00:00Z") + i * H));
  });

  it("stamps the 25-hour day 2024-10-27 in PT1H", () => {
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([series([period("PT1H", "2024-10-26T22:00:00Z", "2024-10-27T23:00:00Z", seq(25))])]),
      }),
    );
    expect(r.warnings).toEqual([]);
    expect(r.points).toHaveLength(25);
    expect(r.points[0]?.start).toBe("2024-10-26T22:00:00.000Z");
    // Positions 3 and 4 are both local 02:00, one hour apart in UTC.
    expect(r.points[2]?.start).toBe("2024-10-27T00:00:00.000Z");
    expect(r.points[3]?.start).toBe("2024-10-27T01:00:00.000Z");
    expect(r.points[24]?.start).toBe("2024-10-27T22:00:00.000Z");
    expect(r.points[24]?.end).toBe("2024-10-27T23:00:00.000Z");
    expect(r.points[24]?.quantity).toBe(0.25);
  });

  it("stamps 92 quarter-hours on 2024-03-31 and 100 on 2024-10-27", () => {
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([
          series([
            period("PT15M", "2024-03-30T23:00:00Z", "2024-03-31T22:00:00Z", seq(92)),
            period("PT15M", "2024-10-26T22:00:00Z", "2024-10-27T23:00:00Z", seq(100)),
          ]),
        ]),
      }),
    );
    expect(r.points).toHaveLength(192);
    expect(r.warnings).toEqual([]);
    const spring = r.points.slice(0, 92);
    const autumn = r.points.slice(92);
    expect(spring[91]?.start).toBe("2024-03-31T21:45:00.000Z");
    expect(spring[91]?.end).toBe("2024-03-31T22:00:00.000Z");
    expect(spring[8]?.start).toBe("2024-03-31T01:00:00.000Z"); // local 03:00
    expect(autumn[99]?.start).toBe("2024-10-27T22:45:00.000Z");
    expect(autumn[99]?.end).toBe("2024-10-27T23:00:00.000Z");
    for (let i = 0; i < 100; i++)
      expect(autumn[i]?.start).toBe(iso(Date.parse("2024-10-26T22:00:00Z") + i * Q));
    // The spring/autumn gap between the two periods is reported, not filled.
    expect(r.gaps).toEqual([
      {
        meteringPointId: MP,
        start: "2024-03-31T22:00:00.000Z",
        end: "2024-10-26T22:00:00.000Z",
        resolution: "PT15M",
      },
    ]);
  });

  it("warns instead of silently mis-stamping when the point count does not fit the interval", () => {
    // 24 points on the 23-hour day.
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([series([period("PT1H", "2024-03-30T23:00:00Z", "2024-03-31T22:00:00Z", seq(24))])]),
      }),
    );
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/holds 23 slot\(s\) but positions go up to 24/);
    expect(r.points[23]?.start).toBe("2024-03-31T22:00:00.000Z");
  });

  it("warns when the interval is not a whole number of steps", () => {
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([series([period("PT1H", "2024-01-01T23:00:00Z", "2024-01-02T00:30:00Z", seq(1))])]),
      }),
    );
    expect(r.warnings[0]).toMatch(/not a whole number/);
    expect(r.points).toHaveLength(1);
  });
});

describe("flattenTimeSeries: calendar boundaries", () => {
  it("handles the leap day 2024-02-29", () => {
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([series([period("PT1H", "2024-02-28T23:00:00Z", "2024-02-29T23:00:00Z", seq(24))])]),
      }),
    );
    expect(r.points).toHaveLength(24);
    expect(r.points[0]?.start).toBe("2024-02-28T23:00:00.000Z");
    expect(r.points[1]?.start).toBe("2024-02-29T00:00:00.000Z");
    expect(r.points[23]?.end).toBe("2024-02-29T23:00:00.000Z");
  });

  it("crosses the year boundary with PT1D calendar steps", () => {
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([series([period("PT1D", "2023-12-30T23:00:00Z", "2024-01-01T23:00:00Z", seq(2))])]),
      }),
    );
    expect(r.points.map((p) => [p.start, p.end, p.resolution])).toEqual([
      ["2023-12-30T23:00:00.000Z", "2023-12-31T23:00:00.000Z", "P1D"],
      ["2023-12-31T23:00:00.000Z", "2024-01-01T23:00:00.000Z", "P1D"],
    ]);
  });

  it("steps P1D across the spring switch by Danish days (24 h then 23 h)", () => {
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([series([period("P1D", "2024-03-29T23:00:00Z", "2024-03-31T22:00:00Z", seq(2))])]),
      }),
    );
    expect(r.points.map((p) => [p.start, p.end])).toEqual([
      ["2024-03-29T23:00:00.000Z", "2024-03-30T23:00:00.000Z"],
      ["2024-03-30T23:00:00.000Z", "2024-03-31T22:00:00.000Z"],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it("steps P1M by Danish months, leap February included", () => {
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([series([period("P1M", "2024-01-31T23:00:00Z", "2024-04-30T22:00:00Z", seq(3))])]),
      }),
    );
    expect(r.points.map((p) => [p.start, p.end])).toEqual([
      ["2024-01-31T23:00:00.000Z", "2024-02-29T23:00:00.000Z"],
      ["2024-02-29T23:00:00.000Z", "2024-03-31T22:00:00.000Z"],
      ["2024-03-31T22:00:00.000Z", "2024-04-30T22:00:00.000Z"],
    ]);
  });

  it("uses the Period's interval verbatim for a single point (partial year, PT1Y spelling)", () => {
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([
          series([
            period("PT1Y", "2023-04-26T22:00:00Z", "2023-12-31T23:00:00Z", [[1, "1234.5"]]),
            period("PT1Y", "2023-12-31T23:00:00Z", "2024-12-31T23:00:00Z", [[1, "4000"]]),
          ]),
        ]),
      }),
    );
    expect(r.points.map((p) => [p.start, p.end, p.resolution, p.quantity])).toEqual([
      ["2023-04-26T22:00:00.000Z", "2023-12-31T23:00:00.000Z", "P1Y", 1234.5],
      ["2023-12-31T23:00:00.000Z", "2024-12-31T23:00:00.000Z", "P1Y", 4000],
    ]);
    expect(r.gaps).toEqual([]);
  });

  it("reports missing days inside a multi-day P1D period as gaps", () => {
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([
          series([
            period("P1D", "2024-10-25T22:00:00Z", "2024-10-28T23:00:00Z", [
              [1, "1"],
              [3, "3"],
            ]),
          ]),
        ]),
      }),
    );
    expect(r.points.map((p) => p.start)).toEqual(["2024-10-25T22:00:00.000Z", "2024-10-27T23:00:00.000Z"]);
    expect(r.gaps).toEqual([
      // The missing day is the 25-hour 27 October.
      {
        meteringPointId: MP,
        start: "2024-10-26T22:00:00.000Z",
        end: "2024-10-27T23:00:00.000Z",
        resolution: "P1D",
      },
    ]);
  });
});

describe("flattenTimeSeries: PXD", () => {
  it("gives a single profiled point its Period verbatim", () => {
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([
          series([period("PXD", "2024-01-14T23:00:00Z", "2024-02-14T23:00:00Z", [[1, "321.5"]])], "A64"),
        ]),
      }),
    );
    expect(r.points).toEqual([
      {
        meteringPointId: MP,
        start: "2024-01-14T23:00:00.000Z",
        end: "2024-02-14T23:00:00.000Z",
        quantity: 321.5,
        quality: "A04",
        resolution: "PXD",
        unit: "KWH",
        businessType: "A64",
      },
    ]);
  });
  it("splits a multi-point profiled Period evenly", () => {
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([series([period("PXD", "2024-01-01T00:00:00Z", "2024-01-05T00:00:00Z", seq(4))], "A64")]),
      }),
    );
    expect(r.points.map((p) => p.start)).toEqual([
      "2024-01-01T00:00:00.000Z",
      "2024-01-02T00:00:00.000Z",
      "2024-01-03T00:00:00.000Z",
      "2024-01-04T00:00:00.000Z",
    ]);
    expect(r.points[3]?.end).toBe("2024-01-05T00:00:00.000Z");
  });
});

describe("flattenTimeSeries: positions, gaps and quality", () => {
  it("keys points by position, not array order, and reports missing positions as coalesced gaps", () => {
    const present = seq(24).filter(([p]) => ![5, 6, 7, 20].includes(Number(p)));
    present.reverse();
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([series([period("PT1H", "2024-01-14T23:00:00Z", "2024-01-15T23:00:00Z", present)])]),
      }),
    );
    expect(r.points).toHaveLength(20);
    expect(r.points.map((p) => p.quantity)).toEqual(
      [1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24].map((n) => n / 100),
    );
    // Position 8 stays at 06:00Z: data after a hole is not shifted.
    expect(r.points[4]?.start).toBe("2024-01-15T06:00:00.000Z");
    expect(r.gaps).toEqual([
      {
        meteringPointId: MP,
        start: "2024-01-15T03:00:00.000Z",
        end: "2024-01-15T06:00:00.000Z",
        resolution: "PT1H",
      },
      {
        meteringPointId: MP,
        start: "2024-01-15T18:00:00.000Z",
        end: "2024-01-15T19:00:00.000Z",
        resolution: "PT1H",
      },
    ]);
  });

  it("coalesces trailing, whole-day and leading gaps across periods", () => {
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([
          series([
            period("PT1H", "2024-01-14T23:00:00Z", "2024-01-15T23:00:00Z", seq(22)), // positions 23–24 (21:00Z–23:00Z) missing
            // 16 January missing entirely
            period("PT1H", "2024-01-16T23:00:00Z", "2024-01-17T23:00:00Z", seq(24).slice(2)), // positions 1,2 missing
          ]),
        ]),
      }),
    );
    expect(r.gaps).toEqual([
      {
        meteringPointId: MP,
        start: "2024-01-15T21:00:00.000Z",
        end: "2024-01-17T01:00:00.000Z",
        resolution: "PT1H",
      },
    ]);
    expect(r.points).toHaveLength(44);
  });

  it("reports an empty Period as one gap", () => {
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([series([period("PT15M", "2024-01-14T23:00:00Z", "2024-01-15T23:00:00Z", [])])]),
      }),
    );
    expect(r.points).toEqual([]);
    expect(r.gaps).toEqual([
      {
        meteringPointId: MP,
        start: "2024-01-14T23:00:00.000Z",
        end: "2024-01-15T23:00:00.000Z",
        resolution: "PT15M",
      },
    ]);
  });

  it("turns A02 into null quantity even when a number is present", () => {
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([
          series([
            period("PT1H", "2024-01-14T23:00:00Z", "2024-01-15T01:00:00Z", [
              [1, "0.000", "A02"],
              [2, null, "A02"],
            ]),
          ]),
        ]),
      }),
    );
    expect(r.points.map((p) => [p.quantity, p.quality])).toEqual([
      [null, "A02"],
      [null, "A02"],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it("keeps estimated and incomplete quality codes as sent", () => {
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([
          series([
            period("PT1H", "2024-01-14T23:00:00Z", "2024-01-15T01:00:00Z", [
              [1, "1.5", "A03"],
              [2, "0", "A05"],
            ]),
          ]),
        ]),
      }),
    );
    expect(r.points.map((p) => [p.quantity, p.quality])).toEqual([
      [1.5, "A03"],
      [0, "A05"],
    ]);
  });

  it("warns about points without a quantity that are not A02", () => {
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([series([period("PT1H", "2024-01-14T23:00:00Z", "2024-01-15T00:00:00Z", [[1, null]])])]),
      }),
    );
    expect(r.points[0]?.quantity).toBeNull();
    expect(r.warnings[0]).toMatch(/without a quantity/);
  });

  it("keeps the first of duplicate positions and warns", () => {
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([
          series([
            period("PT1H", "2024-01-14T23:00:00Z", "2024-01-15T01:00:00Z", [
              [1, "1"],
              [1, "9"],
              [2, "2"],
            ]),
          ]),
        ]),
      }),
    );
    expect(r.points.map((p) => p.quantity)).toEqual([1, 2]);
    expect(r.warnings[0]).toMatch(/duplicate/);
  });

  it("rejects a comma decimal with an UNEXPECTED_RESPONSE error naming the metering point", () => {
    const e = errorOf(() =>
      flattenTimeSeries(
        response({
          id: MP,
          doc: doc([
            series([period("PT1H", "2024-01-14T23:00:00Z", "2024-01-15T00:00:00Z", [[1, "0,734"]])]),
          ]),
        }),
      ),
    );
    expect(e.code).toBe("UNEXPECTED_RESPONSE");
    expect(e.meteringPointId).toBe(MP);
    expect(e.message).toContain('"0,734"');
    expect(e.message).toContain("position 1");
  });

  it("rejects garbage quantities, positions, resolutions and intervals", () => {
    const make = (p: unknown) => response({ id: MP, doc: doc([series([p])]) });
    for (const bad of [
      make(period("PT1H", "2024-01-14T23:00:00Z", "2024-01-15T00:00:00Z", [[1, "abc"]])),
      make(period("PT1H", "2024-01-14T23:00:00Z", "2024-01-15T00:00:00Z", [[1, "1e3"]])),
      make(period("PT1H", "2024-01-14T23:00:00Z", "2024-01-15T00:00:00Z", [["0", "1"]])),
      make(period("PT1H", "2024-01-14T23:00:00Z", "2024-01-15T00:00:00Z", [["x", "1"]])),
      make(period("P2W", "2024-01-14T23:00:00Z", "2024-01-15T00:00:00Z", [[1, "1"]])),
      make(period("PT1H", "string", "string", [[1, "1"]])),
      make(period("PT1H", "2024-01-15T00:00:00Z", "2024-01-14T23:00:00Z", [[1, "1"]])),
    ]) {
      expect(errorOf(() => flattenTimeSeries(bad)).code).toBe("UNEXPECTED_RESPONSE");
    }
    for (const bad of [null, "text", 42, { result: "x" }, { foo: 1 }, { result: [1] }]) {
      expect(errorOf(() => flattenTimeSeries(bad)).code).toBe("UNEXPECTED_RESPONSE");
    }
  });
});

describe("flattenTimeSeries: structure", () => {
  it("handles mixed PT1H and PT15M periods in one series", () => {
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([
          series([
            period("PT1H", "2025-09-29T22:00:00Z", "2025-09-30T22:00:00Z", seq(24)),
            period("PT15M", "2025-09-30T22:00:00Z", "2025-10-01T22:00:00Z", seq(96)),
          ]),
        ]),
      }),
    );
    expect(r.points).toHaveLength(120);
    expect(r.points[23]).toMatchObject({
      resolution: "PT1H",
      start: "2025-09-30T21:00:00.000Z",
      end: "2025-09-30T22:00:00.000Z",
    });
    expect(r.points[24]).toMatchObject({
      resolution: "PT15M",
      start: "2025-09-30T22:00:00.000Z",
      end: "2025-09-30T22:15:00.000Z",
    });
    expect(r.points[119]?.end).toBe("2025-10-01T22:00:00.000Z");
    expect(r.gaps).toEqual([]);
  });

  it("sorts periods sent out of order", () => {
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([
          series([
            period("PT1H", "2024-01-15T23:00:00Z", "2024-01-16T23:00:00Z", seq(24)),
            period("PT1H", "2024-01-14T23:00:00Z", "2024-01-15T23:00:00Z", seq(24)),
          ]),
        ]),
      }),
    );
    expect(r.points[0]?.start).toBe("2024-01-14T23:00:00.000Z");
    expect(r.points[47]?.end).toBe("2024-01-16T23:00:00.000Z");
    expect(r.gaps).toEqual([]);
  });

  it("flattens every TimeSeries of a document with its own businessType", () => {
    const day = (bt: string, mp = MP) =>
      series([period("PT1H", "2024-01-14T23:00:00Z", "2024-01-15T01:00:00Z", seq(2))], bt, mp);
    const r = flattenTimeSeries(response({ id: MP, doc: doc([day("A04"), day("A64"), day("A01", MP2)]) }));
    expect(r.points.map((p) => [p.meteringPointId, p.businessType])).toEqual([
      [MP, "A04"],
      [MP, "A04"],
      [MP, "A64"],
      [MP, "A64"],
      [MP2, "A01"],
      [MP2, "A01"],
    ]);
  });

  it("returns failed items as failures and flattens the rest", () => {
    const body = response({
      id: MP,
      doc: doc([series([period("PT1H", "2024-01-14T23:00:00Z", "2024-01-15T00:00:00Z", seq(1))])]),
    });
    body.result.push(
      {
        MyEnergyData_MarketDocument: null as never,
        success: false,
        errorCode: 20000,
        errorText: "WrongMeteringPointIdOrWebAccessCode",
        id: MP2,
        stackTrace: null,
      },
      {
        MyEnergyData_MarketDocument: undefined as never,
        success: true,
        errorCode: "30018" as never,
        errorText: "MeteringPointDataNotAvailableForTheRequestedPeriod",
        id: "571313180100000003",
        stackTrace: null,
      },
    );
    const r = flattenTimeSeries(body);
    expect(r.points).toHaveLength(1);
    expect(r.failures).toEqual([
      { meteringPointId: MP2, errorCode: 20000, errorText: "WrongMeteringPointIdOrWebAccessCode" },
      {
        meteringPointId: "571313180100000003",
        errorCode: 30018,
        errorText: "MeteringPointDataNotAvailableForTheRequestedPeriod",
      },
    ]);
  });

  it("treats a missing TimeSeries (data not yet available) as no rows", () => {
    const r = flattenTimeSeries(response({ id: MP, doc: { ...doc([]), TimeSeries: null } }));
    expect(r).toEqual({ points: [], gaps: [], warnings: [], failures: [] });
  });

  it("accepts a single document, falling back to the given id", () => {
    const d = doc([
      {
        businessType: "A04",
        "measurement_Unit.name": "KWH",
        Period: [period("PT1H", "2024-01-14T23:00:00Z", "2024-01-15T00:00:00Z", seq(1))],
      },
    ]);
    expect(flattenDocument(d, MP).points[0]?.meteringPointId).toBe(MP);
    expect(flattenTimeSeries(d).points).toHaveLength(1);
    expect(
      flattenTimeSeries({ result: [{ MyEnergyData_MarketDocument: d, success: true, id: MP2 }] }).points[0]
        ?.meteringPointId,
    ).toBe(MP2);
  });

  it("shares the end string of one point with the start of the next", () => {
    const r = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([series([period("PT15M", "2024-01-14T23:00:00Z", "2024-01-15T23:00:00Z", seq(96))])]),
      }),
    );
    for (let i = 1; i < r.points.length; i++) expect(r.points[i]?.start).toBe(r.points[i - 1]?.end);
  });
});

describe("flattenTimeSeries: quantities", () => {
  it("gives every quantity exactly as Number() reads its text, shared or not, -0 apart from 0", () => {
    const texts = [
      "-0.000",
      "0.000",
      "0",
      "-0",
      "0.123",
      "0.1",
      "65.535",
      "65.536",
      "1.2345",
      "123456.789",
      "-1.5",
      "0.3",
      "0.123",
    ];
    const start = Date.parse("2024-05-31T22:00:00Z");
    const points: P[] = texts.map((text, i) => [i + 1, text]);
    const flat = flattenTimeSeries(
      response({
        id: MP,
        doc: doc([series([period("PT1H", iso(start), iso(start + texts.length * H), points)])]),
      }),
    );
    expect(flat.points).toHaveLength(texts.length);
    flat.points.forEach((p, i) => {
      expect(Object.is(p.quantity, Number(texts[i]))).toBe(true);
    });
  });
});
