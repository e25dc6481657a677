import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isEloverblikError } from "../../src/errors/eloverblik-error.js";
import { flattenTimeSeriesColumnar } from "../../src/time-series/columnar.js";
import { flattenTimeSeries } from "../../src/time-series/flatten.js";

// Energinet's reference documents live next to the repository (../shared/spec from the root);
// a user's clone does not have them, so these tests skip there.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const fixturesDir = resolve(repoRoot, "../shared/spec/fixtures");
const haveFixtures = existsSync(fixturesDir);

const load = (name: string): unknown => JSON.parse(readFileSync(join(fixturesDir, name), "utf8"));

interface RawPoint {
  position: string;
  "out_Quantity.quantity": string;
  "out_Quantity.quality": string;
}
interface RawPeriod {
  resolution: string;
  timeInterval: { start: string; end: string };
  Point: RawPoint[];
}
interface RawSeries {
  businessType: string;
  MarketEvaluationPoint: { mRID: { name: string } };
  Period: RawPeriod[];
}
interface RawBody {
  result: Array<{ id: string; MyEnergyData_MarketDocument: { TimeSeries: RawSeries[] } }>;
}

describe.skipIf(!haveFixtures)(
  `real fixtures in ${fixturesDir}${haveFixtures ? "" : " (absent: skipped)"}`,
  () => {
    it("flattens the short real response (2 hourly points)", () => {
      const r = flattenTimeSeries(load("eddie-ShortMyEnergyDataMarketDocumentResponseListApiResponse.json"));
      expect(r.failures).toEqual([]);
      expect(r.warnings).toEqual([]);
      expect(r.gaps).toEqual([]);
      expect(r.points).toEqual([
        {
          meteringPointId: "5713131791000XXXX1",
          start: "2024-02-11T23:00:00.000Z",
          end: "2024-02-12T00:00:00.000Z",
          quantity: 0.13,
          quality: "A04",
          resolution: "PT1H",
          unit: "KWH",
          businessType: "A04",
        },
        {
          meteringPointId: "5713131791000XXXX1",
          start: "2024-02-12T00:00:00.000Z",
          end: "2024-02-12T01:00:00.000Z",
          quantity: 0.11,
          quality: "A04",
          resolution: "PT1H",
          unit: "KWH",
          businessType: "A04",
        },
      ]);
    });

    it("flattens the two-day real response: every point matches the file", () => {
      const body = load("eddie-MyEnergyDataMarketDocumentResponseListApiResponse.json") as RawBody;
      const r = flattenTimeSeries(body);
      expect(r.failures).toEqual([]);
      expect(r.warnings).toEqual([]);
      expect(r.gaps).toEqual([]);
      expect(r.points).toHaveLength(96);

      // Known values read off the file.
      expect(r.points[0]).toMatchObject({
        start: "2024-02-11T23:00:00.000Z",
        quantity: 0.13,
        businessType: "A04",
      });
      expect(r.points[47]).toMatchObject({
        end: "2024-02-13T23:00:00.000Z",
        quantity: 0.11,
        businessType: "A04",
      });
      expect(r.points[48]).toMatchObject({
        start: "2024-02-12T23:00:00.000Z",
        quantity: 0.03,
        businessType: "A01",
      });
      expect(r.points[95]).toMatchObject({
        end: "2024-02-14T23:00:00.000Z",
        quantity: 0.05,
        businessType: "A01",
      });

      // And every point against an independent reading of the file.
      let k = 0;
      for (const ts of body.result[0]?.MyEnergyData_MarketDocument.TimeSeries ?? []) {
        for (const p of ts.Period) {
          for (const pt of p.Point) {
            const start = Date.parse(p.timeInterval.start) + (Number(pt.position) - 1) * 3_600_000;
            expect(r.points[k]).toEqual({
              meteringPointId: ts.MarketEvaluationPoint.mRID.name,
              start: new Date(start).toISOString(),
              end: new Date(start + 3_600_000).toISOString(),
              quantity: Number(pt["out_Quantity.quantity"]),
              quality: pt["out_Quantity.quality"],
              resolution: "PT1H",
              unit: "KWH",
              businessType: ts.businessType,
            });
            k++;
          }
        }
      }
      expect(k).toBe(96);

      const columns = flattenTimeSeriesColumnar(body);
      expect(columns.series.map((s) => [s.businessType, s.length])).toEqual([
        ["A04", 48],
        ["A01", 48],
      ]);
    });

    it('rejects the shape-only template (every value is the text "string") with a clear error', () => {
      try {
        flattenTimeSeries(load("slimcdk-template-MyEnergyDataMarketDocumentResponse.json"));
        expect.unreachable("the template has no real timestamps");
      } catch (error) {
        expect(isEloverblikError(error) && error.code).toBe("UNEXPECTED_RESPONSE");
        expect((error as Error).message).toMatch(/timeInterval/);
      }
    });

    it("covers every time-series fixture in the folder", () => {
      const timeSeriesFixtures = readdirSync(fixturesDir).filter((f) =>
        f.includes("MyEnergyDataMarketDocument"),
      );
      expect(timeSeriesFixtures.sort()).toEqual([
        "eddie-MyEnergyDataMarketDocumentResponseListApiResponse.json",
        "eddie-ShortMyEnergyDataMarketDocumentResponseListApiResponse.json",
        "slimcdk-template-MyEnergyDataMarketDocumentResponse.json",
      ]);
    });
  },
);
