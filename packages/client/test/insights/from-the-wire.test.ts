// The layer over what the client really returns: a wire answer for 2025-10-26 flattened by the
// client, summarised and written as CSV. Wire positions are written by hand.
import { describe, expect, it } from "vitest";
import { pointsToCsv } from "../../src/insights/points-to-csv.js";
import { summarizeTimeSeries } from "../../src/insights/summarize-time-series.js";
import { flattenTimeSeries } from "../../src/time-series/flatten.js";
import { MP } from "./points.js";

// 25 hourly positions; position 4 (the second 02:00, +01:00) is absent and position 6 is A02.
const Point = Array.from({ length: 25 }, (_, i) => i + 1)
  .filter((position) => position !== 4)
  .map((position) =>
    position === 6
      ? { position: "6", "out_Quantity.quality": "A02" }
      : {
          position: String(position),
          "out_Quantity.quantity": "0.5",
          "out_Quantity.quality": position === 10 ? "A03" : "A04",
        },
  );
const answer = {
  result: [
    {
      success: true,
      errorCode: 10000,
      errorText: "NoError",
      id: MP,
      MyEnergyData_MarketDocument: {
        mRID: "doc",
        "period.timeInterval": { start: "2025-10-25T22:00:00Z", end: "2025-10-26T23:00:00Z" },
        TimeSeries: [
          {
            mRID: MP,
            businessType: "A04",
            curveType: "A01",
            "measurement_Unit.name": "KWH",
            MarketEvaluationPoint: { mRID: { codingScheme: "A10", name: MP } },
            Period: [
              {
                resolution: "PT1H",
                timeInterval: { start: "2025-10-25T22:00:00Z", end: "2025-10-26T23:00:00Z" },
                Point,
              },
            ],
          },
        ],
      },
    },
  ],
};

describe("insights over the client's own flattening", () => {
  const flat = flattenTimeSeries(answer);

  it("finds the hole the client reports as a gap and counts it with the A02 hour", () => {
    expect(flat.gaps.map((g) => [g.start, g.end])).toEqual([
      ["2025-10-26T01:00:00.000Z", "2025-10-26T02:00:00.000Z"],
    ]);
    const [s] = summarizeTimeSeries({
      meteringPointId: MP,
      points: flat.points,
      from: "2025-10-26",
      to: "2025-10-27",
    });
    expect(s).toMatchObject({
      points: 24,
      expectedPoints: 25,
      missingPoints: 2,
      estimatedPoints: 1,
      total: 11.5,
    });
    expect(s?.periods).toMatchObject([
      { period: "2025-10-26", hours: 25, expectedPoints: 25, missingPoints: 2 },
    ]);
    expect(s?.notes).toEqual([]);
  });

  it("writes the day as CSV with distinct local times", () => {
    const csv = pointsToCsv(flat.points, { columns: ["startLocal", "quantity", "quality"], decimal: "," });
    expect(csv.split("\n").slice(0, 7)).toEqual([
      "start_local;quantity;quality",
      "2025-10-26 00:00+02:00;0,5;A04",
      "2025-10-26 01:00+02:00;0,5;A04",
      "2025-10-26 02:00+02:00;0,5;A04",
      "2025-10-26 03:00+01:00;0,5;A04",
      "2025-10-26 04:00+01:00;;A02",
      "2025-10-26 05:00+01:00;0,5;A04",
    ]);
  });
});
