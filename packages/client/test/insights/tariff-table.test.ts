import { describe, expect, it } from "vitest";
import { isInForce } from "../../src/charges/is-in-force.js";
import { isEloverblikError } from "../../src/errors/eloverblik-error.js";
import { currentTariffs } from "../../src/insights/current-tariffs.js";
import { tariffRuns } from "../../src/insights/tariff-runs.js";
import { tariffTable } from "../../src/insights/tariff-table.js";
import { charges, elafgift, nettarif } from "./charges-fixtures.js";

describe("tariffTable", () => {
  it("has 24 hour rows on an ordinary day, with the sum of the tariffs in force", () => {
    const t = tariffTable(charges(), "2025-01-15");
    expect(t).toMatchObject({ date: "2025-01-15", hours: 24, resolution: "PT1H", skipped: [] });
    expect(t.rows).toHaveLength(24);
    expect(t.rows[0]).toEqual({
      start: "2025-01-14T23:00:00.000Z",
      end: "2025-01-15T00:00:00.000Z",
      clock: "00:00+01:00",
      total: 0.9,
    });
    expect(t.rows.map((r) => r.total)).toEqual([
      ...Array(17).fill(0.9),
      ...Array(4).fill(1.7),
      ...Array(3).fill(0.9),
    ]);
  });

  it("has 25 rows on 2025-10-26, the repeated 02:00 hour twice with its offsets and the same position", () => {
    const prices = Array.from({ length: 24 }, (_, i) => ({ position: i + 1, price: (i + 1) / 100 }));
    const t = tariffTable({ tariffs: [nettarif({ prices })] }, "2025-10-26");
    expect(t.hours).toBe(25);
    expect(t.rows.map((r) => r.clock).slice(0, 5)).toEqual([
      "00:00+02:00",
      "01:00+02:00",
      "02:00+02:00",
      "02:00+01:00",
      "03:00+01:00",
    ]);
    expect(t.rows.map((r) => r.total).slice(0, 5)).toEqual([0.01, 0.02, 0.03, 0.03, 0.04]);
    expect(t.rows.at(-1)).toMatchObject({
      clock: "23:00+01:00",
      total: 0.24,
      end: "2025-10-26T23:00:00.000Z",
    });
    const ambiguous = tariffTable({ tariffs: [nettarif({ prices })] }, "2025-10-26", { offset: "ambiguous" });
    expect(ambiguous.rows.map((r) => r.clock).slice(0, 5)).toEqual([
      "00:00",
      "01:00",
      "02:00+02:00",
      "02:00+01:00",
      "03:00",
    ]);
  });

  it("has 23 rows on 2025-03-30 and never uses position 3", () => {
    const prices = Array.from({ length: 24 }, (_, i) => ({ position: i + 1, price: (i + 1) / 100 }));
    const t = tariffTable({ tariffs: [nettarif({ prices })] }, "2025-03-30");
    expect(t.hours).toBe(23);
    expect(t.rows.map((r) => r.clock).slice(0, 3)).toEqual(["00:00+01:00", "01:00+01:00", "03:00+02:00"]);
    expect(t.rows.map((r) => r.total)).not.toContain(0.03);
    expect(t.rows).toHaveLength(23);
  });

  it("prices tomorrow with the tariff announced for it", () => {
    const change = "2025-06-01T22:00:00.000Z"; // local midnight starting 2025-06-02
    const c = charges({
      tariffs: [
        nettarif({ validTo: change }),
        nettarif({
          priceId: "NT2",
          validFrom: change,
          prices: nettarif().prices.map((p) => ({ ...p, price: p.price * 2 })),
        }),
      ],
    });
    expect(tariffTable(c, "2025-06-01").rows[0]?.total).toBe(0.2);
    expect(tariffTable(c, "2025-06-02").rows[0]?.total).toBe(0.4);
    expect(tariffTable(c, "2025-06-02").rows[18]?.total).toBe(2);
  });

  it("averages quarter-hour tariffs per hour with min and max, or lists the quarters", () => {
    const quarterly = nettarif({
      periodType: "PT15M",
      prices: Array.from({ length: 96 }, (_, i) => ({ position: i + 1, price: (i % 4) * 0.1 })),
    });
    const hourly = tariffTable({ tariffs: [quarterly] }, "2025-01-15");
    expect(hourly.rows[0]).toMatchObject({ total: 0.15, min: 0, max: 0.3 });
    const quarters = tariffTable({ tariffs: [quarterly] }, "2025-01-15", { resolution: "PT15M" });
    expect(quarters.rows).toHaveLength(96);
    expect(quarters.rows.slice(0, 4).map((r) => [r.clock, r.total])).toEqual([
      ["00:00+01:00", 0],
      ["00:15+01:00", 0.1],
      ["00:30+01:00", 0.2],
      ["00:45+01:00", 0.3],
    ]);
    expect(quarters.rows[0]).not.toHaveProperty("min");
  });

  it("reports a tariff it cannot price once, and refuses an unknown resolution", () => {
    const gappy = nettarif({ prices: nettarif().prices.slice(0, 20) });
    const t = tariffTable({ tariffs: [gappy] }, "2025-01-15");
    expect(t.skipped.map((s) => s.reason)).toEqual([
      "no price for position 21",
      "no price for position 22",
      "no price for position 23",
      "no price for position 24",
    ]);
    let error: unknown;
    try {
      tariffTable(charges(), "2025-01-15", { resolution: "P1D" as "PT1H" });
    } catch (e) {
      error = e;
    }
    expect(isEloverblikError(error) && error.code).toBe("INVALID_INPUT");
  });
});

describe("tariffRuns", () => {
  it("joins equal hours into runs, the last ending at 24:00", () => {
    const runs = tariffRuns(tariffTable(charges(), "2025-01-15").rows);
    expect(runs.map((r) => [r.clock, r.clockEnd, r.total, r.rows])).toEqual([
      ["00:00+01:00", "17:00+01:00", 0.9, 17],
      ["17:00+01:00", "21:00+01:00", 1.7, 4],
      ["21:00+01:00", "24:00", 0.9, 3],
    ]);
    expect(runs[2]?.end).toBe("2025-01-15T23:00:00.000Z");
    expect(tariffRuns([])).toEqual([]);
  });
});

describe("isInForce and currentTariffs", () => {
  const now = Date.parse("2025-06-15T10:00:00Z");

  it("applies validFrom ≤ now < validTo with open null bounds, and nothing unreadable", () => {
    expect(isInForce({ validFrom: null, validTo: null }, now)).toBe(true);
    expect(isInForce({ validFrom: "2025-06-15T10:00:00.000Z", validTo: null }, now)).toBe(true);
    expect(isInForce({ validFrom: null, validTo: "2025-06-15T10:00:00.000Z" }, now)).toBe(false);
    expect(isInForce({ validFrom: "2025-07-01T00:00:00Z", validTo: null }, now)).toBe(false);
    expect(isInForce({ validFrom: null, validTo: null, validityUnreadable: true }, now)).toBe(false);
  });

  it("keeps today's tariffs with their validity opened, drops expired and announced ones", () => {
    const expired = nettarif({ priceId: "OLD", validTo: "2025-01-31T23:00:00.000Z" });
    const announced = nettarif({ priceId: "NEW", validFrom: "2025-12-31T23:00:00.000Z" });
    const unreadable = elafgift({ priceId: "BAD", validFrom: null, validityUnreadable: true });
    const current = currentTariffs({ tariffs: [expired, nettarif(), announced, unreadable] }, now);
    expect(current.map((t) => [t.priceId, t.validFrom, t.validTo])).toEqual([
      ["NT", null, null],
      ["BAD", null, null],
    ]);
    // Opened up: a past winter hour is priced at today's price.
    expect(tariffTable({ tariffs: current }, "2024-01-10").rows[18]?.total).toBe(1);
    expect(tariffTable({ tariffs: current }, "2024-01-10").skipped).toEqual([
      { name: "Elafgift", priceId: "BAD", reason: "validity dates could not be read" },
    ]);
  });
});
