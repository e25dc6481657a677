import { describe, expect, it } from "vitest";
import { amountForPeriod, DAYS_PER_MONTH, monthlyAmount } from "../../src/insights/charge-amounts.js";
import { chargesOverview } from "../../src/insights/charges-overview.js";
import { estimateGridCharges } from "../../src/insights/estimate-grid-charges.js";
import { monthsInPeriod } from "../../src/insights/months-in-period.js";
import { charges, elafgift, nettarif, subscription } from "./charges-fixtures.js";
import { HOUR, MP, run, span } from "./points.js";

const NOW = Date.parse("2025-06-15T10:00:00Z");
// 2025-01-10 local in hours, 1 kWh each: 4 peak hours at 1.0 + 20 at 0.2 + 24 × 0.7 elafgift = 24.8 DKK.
const day = run("2025-01-09T23:00:00Z", 24, HOUR, () => ({ quantity: 1 }));

describe("estimateGridCharges", () => {
  it("prices each hour at today's tariff for its clock hour and adds the subscriptions", () => {
    const e = estimateGridCharges({
      from: "2025-01-10",
      to: "2025-01-11",
      points: day,
      charges: charges({
        subscriptions: [
          subscription(),
          subscription({ priceId: "D", name: "Daily", periodType: "P1D", price: 1 }),
        ],
      }),
      nowMs: NOW,
    });
    expect(e).toMatchObject({
      meteringPointId: MP,
      consumptionKwh: 24,
      pricedPoints: 24,
      missingPoints: 0,
      tariffCostDkk: 24.8,
      subscriptionCostDkk: 1.97, // 30 × 1/31 month = 0.97, plus 1 day × 1
      totalDkk: 26.77,
      averageTariffDkkPerKwh: 1.0333,
      months: 0.032,
      notes: [],
    });
    expect(e.tariffs).toEqual([
      { name: "Nettarif C time", owner: "5790000705689", periodType: "PT1H", costDkk: 8 },
      { name: "Elafgift", owner: "5790000432752", periodType: "P1D", costDkk: 16.8 },
    ]);
    expect(e.subscriptions).toEqual([
      { name: "Netabo C", periodType: "P1M", monthlyDkk: 30, costDkk: 0.97 },
      { name: "Daily", periodType: "P1D", monthlyDkk: 30.44, costDkk: 1 },
    ]);
  });

  it("prices a daily point of the 25-hour day per quarter hour, the 02:00 hour twice", () => {
    const point = span("2025-10-25T22:00:00Z", "2025-10-26T23:00:00Z", "P1D", 25);
    const e = estimateGridCharges({
      from: "2025-10-26",
      to: "2025-10-27",
      points: [point],
      charges: charges(),
      nowMs: NOW,
    });
    // 25 hours of 1 kWh: 4 at 1.0 and 21 at 0.2 = 8.2, plus 25 × 0.7 = 17.5.
    expect(e.tariffCostDkk).toBe(25.7);
    expect(e.consumptionKwh).toBe(25);
  });

  it("applies today's tariffs to a past period even when they started later", () => {
    const later = charges({ tariffs: [nettarif({ validFrom: "2025-05-31T22:00:00.000Z" }), elafgift()] });
    const e = estimateGridCharges({
      from: "2025-01-10",
      to: "2025-01-11",
      points: day,
      charges: later,
      nowMs: NOW,
    });
    expect(e.tariffCostDkk).toBe(24.8);
  });

  it("leaves out production and points without a quantity, and says so", () => {
    const points = [
      ...run("2025-01-09T23:00:00Z", 2, HOUR, (i) =>
        i === 0 ? { quantity: null, quality: "A02" } : { quantity: 1 },
      ),
      ...run("2025-01-09T23:00:00Z", 2, HOUR, () => ({ quantity: 5 }), { businessType: "A01" }),
    ];
    const e = estimateGridCharges({
      from: "2025-01-10",
      to: "2025-01-11",
      points,
      charges: charges(),
      nowMs: NOW,
    });
    expect(e).toMatchObject({ consumptionKwh: 1, pricedPoints: 1, missingPoints: 1, tariffCostDkk: 0.9 });
    expect(e.notes).toEqual([
      { kind: "data-ends-early", dataEnd: "2025-01-10T01:00:00.000Z" },
      { kind: "production-left-out", points: 2 },
      { kind: "points-without-quantity", points: 1 },
    ]);
  });

  it("holds the subscriptions alone when there is no data, and notes missing tariffs", () => {
    const e = estimateGridCharges({
      from: "2025-01-01",
      to: "2025-03-01",
      points: [],
      charges: charges({
        tariffs: [],
        subscriptions: [subscription()],
        fees: [subscription({ name: "Gebyr", price: 50 })],
      }),
      nowMs: NOW,
    });
    expect(e).toMatchObject({
      tariffCostDkk: 0,
      subscriptionCostDkk: 60,
      totalDkk: 60,
      months: 2,
      averageTariffDkkPerKwh: null,
    });
    expect(e.feesNotIncluded).toEqual([{ name: "Gebyr", priceDkk: 50 }]);
    expect(e.notes).toEqual([{ kind: "no-consumption-data" }, { kind: "no-tariff-in-force" }]);
  });

  it("names a tariff it could not price", () => {
    const gappy = nettarif({ prices: nettarif().prices.slice(0, 23) });
    const e = estimateGridCharges({
      from: "2025-01-10",
      to: "2025-01-11",
      points: day,
      charges: charges({ tariffs: [gappy] }),
      nowMs: NOW,
    });
    expect(e.notes).toEqual([
      { kind: "tariff-skipped", name: "Nettarif C time", priceId: "NT", reason: "no price for position 24" },
    ]);
  });
});

describe("subscription amounts and months", () => {
  it("turns daily and monthly prices into months and periods", () => {
    expect(DAYS_PER_MONTH).toBe(30.44);
    expect(monthlyAmount({ price: 21, quantity: 1, periodType: "P1M" })).toBe(21);
    expect(monthlyAmount({ price: 2, quantity: 2, periodType: "P1D" })).toBeCloseTo(121.76, 9);
    expect(monthlyAmount({ price: 10, quantity: null, periodType: null })).toBe(10);
    expect(amountForPeriod({ price: 2, quantity: 1, periodType: "P1D" }, { days: 10, months: 0.3 })).toBe(20);
    expect(amountForPeriod({ price: 30, quantity: 1, periodType: "P1M" }, { days: 10, months: 0.5 })).toBe(
      15,
    );
  });

  it("counts partial months by their share of days", () => {
    expect(monthsInPeriod("2025-01-01", "2025-02-01")).toBe(1);
    expect(monthsInPeriod("2025-01-16", "2025-03-01")).toBeCloseTo(16 / 31 + 1, 12);
    expect(monthsInPeriod("2024-02-15", "2024-02-16")).toBeCloseTo(1 / 29, 12);
    expect(monthsInPeriod("2025-03-01", "2025-03-01")).toBe(0);
    expect(() => monthsInPeriod("2025-1-1", "2025-03-01")).toThrow(/YYYY-MM-DD/);
  });
});

describe("chargesOverview", () => {
  it("marks what is in force now, totals the subscriptions per month and tables today", () => {
    const c = charges({
      subscriptions: [
        subscription(),
        subscription({ priceId: "D", name: "Daily", periodType: "P1D", price: 1 }),
        subscription({ priceId: "N", name: "Next year", validFrom: "2025-12-31T23:00:00.000Z", price: 99 }),
      ],
      fees: [subscription({ priceId: "F", name: "Gebyr", price: 50, periodType: null })],
      warnings: ["a warning"],
    });
    const o = chargesOverview(c, { nowMs: NOW });
    expect(o.date).toBe("2025-06-15");
    expect(o.subscriptions.map((s) => [s.name, s.inForce, s.monthlyDkk])).toEqual([
      ["Netabo C", true, 30],
      ["Daily", true, 30.44],
      ["Next year", false, 99],
    ]);
    expect(o.monthlySubscriptionsDkk).toBe(60.44);
    expect(o.fees.map((f) => [f.name, f.inForce])).toEqual([["Gebyr", true]]);
    expect(o.tariffs.map((t) => [t.name, t.inForce, t.minPrice, t.maxPrice])).toEqual([
      ["Nettarif C time", true, 0.2, 1],
      ["Elafgift", true, 0.7, 0.7],
    ]);
    expect(o.table).toMatchObject({ date: "2025-06-15", hours: 24 });
    expect(o.table.rows[0]).toMatchObject({
      start: "2025-06-14T22:00:00.000Z",
      clock: "00:00+02:00",
      total: 0.9,
    });
    expect(o.warnings).toEqual(["a warning"]);
  });

  it("tables tomorrow on request", () => {
    const o = chargesOverview(charges(), { nowMs: NOW, date: "2025-06-16", resolution: "PT15M" });
    expect(o.table).toMatchObject({ date: "2025-06-16", resolution: "PT15M" });
    expect(o.table.rows).toHaveLength(96);
  });
});
