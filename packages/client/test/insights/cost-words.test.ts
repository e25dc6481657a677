import { describe, expect, it } from "vitest";
import { type CostNote, costNoteText, costPointsToCsv, priceRuleText } from "../../src/insights/index.js";

describe("cost words", () => {
  it("words every note with its figures", () => {
    const notes: CostNote[] = [
      { kind: "price-area-inferred", area: "DK2", postcode: "2100" },
      { kind: "points-without-price", points: 3, first: "a", last: "b" },
      { kind: "grid-code-fallback", code: "X", note: "Nettarif C", usedCode: "Y", points: 7 },
      { kind: "reduced-elafgift", kWh: 12.5, thresholdKwh: 4000, yearToDateKwh: 100 },
    ];
    expect(notes.map(costNoteText)).toEqual([
      "Price area DK2 inferred from postcode 2100; give the price area if that is wrong.",
      "3 point(s) without a day-ahead price (not published or missing), a to b, are not priced.",
      'Grid tariff X had no price history for 7 point(s): Y with the same note "Nettarif C" was used.',
      "Reduced elafgift on 12.5 kWh above 4000 kWh in the calendar year (electric heating, your input; 100 kWh counted before the period).",
    ]);
    expect(priceRuleText("mean-of-quarters")).toMatch(/mean of the hour's four/);
  });

  it("writes priced points as CSV, empty cells for what is missing, decimal comma on request", () => {
    const point = {
      start: "2025-01-01T00:00:00.000Z",
      end: "2025-01-01T01:00:00.000Z",
      kWh: 0.5,
      spotDkkPerKwh: 0.25,
      gridTariffDkkPerKwh: null,
      transmissionTariffDkkPerKwh: 0.061,
      systemTariffDkkPerKwh: 0.072,
      elafgiftDkkPerKwh: 0.72,
      supplierMarkupDkkPerKwh: 0,
      exclVatDkk: 0.5515,
      totalDkk: 0.689375,
    };
    const csv = costPointsToCsv([point], { decimal: "," }).split("\r\n");
    expect(csv[0]?.split(";")).toHaveLength(11);
    expect(csv[1]).toBe(
      "2025-01-01T00:00:00.000Z;2025-01-01T01:00:00.000Z;0,5;0,25;;0,061;0,072;0,72;0;0,5515;0,689375",
    );
  });
});
