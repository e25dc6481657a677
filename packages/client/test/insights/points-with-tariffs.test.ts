import { describe, expect, it } from "vitest";
import { estimateGridCharges } from "../../src/insights/estimate-grid-charges.js";
import { pointsWithTariffs } from "../../src/insights/points-with-tariffs.js";
import { charges } from "./charges-fixtures.js";
import { HOUR, run } from "./points.js";

const NOW = Date.parse("2025-06-15T10:00:00Z");
const day = run("2025-01-09T23:00:00Z", 24, HOUR, (i) => ({
  quantity: i === 3 ? null : 1,
  quality: i === 3 ? "A02" : "A04",
}));

describe("pointsWithTariffs", () => {
  it("prices each hour with today's tariff for its clock hour, and adds up to the period estimate", () => {
    const priced = pointsWithTariffs(day, charges(), NOW);
    expect(priced).toHaveLength(24);
    // The fixture's grid tariff is 1.0 from 17 to 21 and 0.2 otherwise, plus 0.7 elafgift.
    expect(priced[17]?.tariffDkkPerKwh).toBe(1.7);
    expect(priced[2]?.tariffDkkPerKwh).toBe(0.9);
    expect(priced[3]).toMatchObject({ tariffCostDkk: null });
    const sum = priced.reduce((s, p) => s + (p.tariffCostDkk ?? 0), 0);
    const estimate = estimateGridCharges({
      from: "2025-01-10",
      to: "2025-01-11",
      points: day,
      charges: charges(),
      nowMs: NOW,
    });
    expect(sum).toBeCloseTo(estimate.tariffCostDkk, 2);
  });
});
