import { describe, expect, it } from "vitest";
import { normalizeCharges } from "../../src/charges/normalize-charges.js";
import { tariffAt, tariffPosition } from "../../src/charges/tariff-at.js";
import { isEloverblikError } from "../../src/errors/eloverblik-error.js";

// Hourly price = 1 + position / 100, so the position can be read back from the price.
const hourlyPrices = Array.from({ length: 24 }, (_, i) => ({
  position: String(i + 1),
  price: 1 + (i + 1) / 100,
}));
const quarterPrices = Array.from({ length: 96 }, (_, i) => ({
  position: String(i + 1),
  price: (i + 1) / 1000,
}));

const charges = normalizeCharges({
  meteringPointId: "571313180100000001",
  subscriptions: [{ priceId: "S", name: "Abo", periodType: "P1M", price: 21, quantity: 1 }],
  tariffs: [
    {
      priceId: "NET",
      name: "Nettarif",
      owner: "5790000705689",
      periodType: "PT1H",
      validFromDate: "2024-01-01T00:00:00Z",
      validToDate: null,
      prices: hourlyPrices,
    },
    {
      priceId: "TAX",
      name: "Elafgift",
      owner: "5790000432752",
      periodType: "P1D",
      validFromDate: "2023-12-31T23:00:00.000Z",
      validToDate: "2024-12-31T23:00:00.000Z",
      prices: [{ position: "1", price: 0.761 }],
    },
    {
      priceId: "Q",
      name: "Kvarter",
      owner: "5790000705689",
      periodType: "PT15M",
      validFromDate: "2025-10-01T00:00:00Z",
      validToDate: null,
      prices: quarterPrices,
    },
  ],
});

describe("tariffAt", () => {
  it("sums the tariffs valid at an instant, with their positions", () => {
    // 2024-06-15 18:30 Danish summer time.
    const r = tariffAt(charges, "2024-06-15T16:30:00Z");
    expect(r.parts).toEqual([
      {
        name: "Nettarif",
        owner: "5790000705689",
        priceId: "NET",
        price: 1.19,
        periodType: "PT1H",
        position: 19,
      },
      {
        name: "Elafgift",
        owner: "5790000432752",
        priceId: "TAX",
        price: 0.761,
        periodType: "P1D",
        position: 1,
      },
    ]);
    expect(r.total).toBe(1.951);
    expect(r.skipped).toEqual([]);
  });

  it("gives the total as the price it is, not a floating-point sum", () => {
    // Added as binary floats, 0.069 + 0.761 + 0.761 is 1.5910000000000002 and 0.1 + 0.2 + 0.000001
    // is 0.30000100000000003; prices have six decimals, and so has their sum.
    const tariff = (priceId: string, price: number) => ({
      priceId,
      name: priceId,
      owner: "5790000705689",
      periodType: "P1D",
      validFromDate: "2024-01-01T00:00:00Z",
      validToDate: null,
      prices: [{ position: "1", price }],
    });
    const at = "2024-06-15T16:30:00Z";
    const sum = (...prices: number[]) =>
      tariffAt(
        normalizeCharges({
          meteringPointId: "571313180100000001",
          tariffs: prices.map((p, i) => tariff(`T${i}`, p)),
        }),
        at,
      ).total;
    expect(0.069 + 0.761 + 0.761).not.toBe(1.591);
    expect(sum(0.069, 0.761, 0.761)).toBe(1.591);
    expect(String(sum(0.069, 0.761, 0.761))).toBe("1.591");
    expect(sum(0.1, 0.2, 0.000001)).toBe(0.300001);
    expect(sum(0.123456, 0.654321)).toBe(0.777777);
    expect(sum(-0.05, 0.761)).toBe(0.711);
  });

  it("uses the Danish hour, not the UTC hour", () => {
    // 23:30 UTC on 14 January is 00:30 on 15 January in Denmark → position 1.
    expect(tariffAt(charges, Date.parse("2024-01-14T23:30:00Z")).parts[0]?.position).toBe(1);
    expect(tariffAt(charges, new Date("2024-01-15T22:59:59Z")).parts[0]?.position).toBe(24);
  });

  it("maps both 02:00 hours of the 25-hour day to position 3", () => {
    expect(tariffAt(charges, "2024-10-27T00:30:00Z").parts[0]?.position).toBe(3); // first 02:30 (CEST)
    expect(tariffAt(charges, "2024-10-27T01:30:00Z").parts[0]?.position).toBe(3); // second 02:30 (CET)
    expect(tariffAt(charges, "2024-10-27T02:30:00Z").parts[0]?.position).toBe(4);
    expect(tariffAt(charges, "2024-10-27T22:30:00Z").parts[0]?.position).toBe(24);
  });

  it("skips position 3 on the 23-hour day", () => {
    expect(tariffAt(charges, "2024-03-31T00:30:00Z").parts[0]?.position).toBe(2); // 01:30 CET
    expect(tariffAt(charges, "2024-03-31T01:00:00Z").parts[0]?.position).toBe(4); // 03:00 CEST
    expect(tariffAt(charges, "2024-03-31T21:59:00Z").parts[0]?.position).toBe(24);
  });

  it("uses the local quarter of the day for PT15M", () => {
    expect(tariffPosition("PT15M", Date.parse("2025-10-14T22:00:00Z"))).toBe(1); // 00:00 local
    expect(tariffPosition("PT15M", Date.parse("2025-10-15T10:44:59Z"))).toBe(12 * 4 + 3); // 12:44 local
    expect(tariffPosition("PT15M", Date.parse("2025-10-15T21:59:00Z"))).toBe(96);
    // Both 02:15 quarters on 2025-10-26 map to position 10.
    expect(tariffPosition("PT15M", Date.parse("2025-10-26T00:15:00Z"))).toBe(10);
    expect(tariffPosition("PT15M", Date.parse("2025-10-26T01:15:00Z"))).toBe(10);
    const r = tariffAt(charges, "2025-10-15T10:44:59Z");
    expect(r.parts.map((p) => [p.priceId, p.position, p.price])).toEqual([
      ["NET", 13, 1.13],
      ["Q", 51, 0.051],
    ]);
  });

  it("respects validFrom (inclusive) and validTo (exclusive)", () => {
    expect(tariffAt(charges, "2023-12-31T22:59:59Z").parts.map((p) => p.priceId)).toEqual([]);
    expect(tariffAt(charges, "2023-12-31T23:00:00Z").parts.map((p) => p.priceId)).toEqual(["TAX"]);
    expect(tariffAt(charges, "2024-01-01T00:00:00Z").parts.map((p) => p.priceId)).toEqual(["NET", "TAX"]);
    expect(tariffAt(charges, "2024-12-31T23:00:00Z").parts.map((p) => p.priceId)).toEqual(["NET"]);
  });

  it("reports valid tariffs it cannot price", () => {
    const odd = normalizeCharges({
      tariffs: [
        { priceId: "W", name: "weekly", periodType: "WEEK", prices: [{ position: "1", price: 1 }] },
        { priceId: "H", name: "short", periodType: "PT1H", prices: [{ position: "1", price: 1 }] },
      ],
    });
    const r = tariffAt(odd, "2024-06-15T16:30:00Z");
    expect(r.total).toBe(0);
    expect(r.skipped).toEqual([
      { name: "weekly", priceId: "W", reason: "unknown periodType" },
      { name: "short", priceId: "H", reason: "no price for position 19" },
    ]);
  });

  it("rejects invalid instants with INVALID_INPUT", () => {
    for (const bad of ["2024-06-15", "yesterday", new Date("x"), Number.NaN, "2024-06-15T16:30:00"]) {
      try {
        tariffAt(charges, bad);
        expect.unreachable(String(bad));
      } catch (error) {
        expect(isEloverblikError(error) && error.code).toBe("INVALID_INPUT");
      }
    }
  });
});

describe("tariffAt with unreadable validity", () => {
  it("skips a tariff whose validity date could not be read instead of treating the bound as open", () => {
    const charges = normalizeCharges({
      meteringPointId: "571313180100000001",
      subscriptions: [],
      fees: [],
      tariffs: [
        {
          priceId: "now",
          name: "Nettarif",
          periodType: "P1D",
          validFromDate: "2024-01-01T00:00:00Z",
          prices: [{ position: "1", price: 0.5 }],
        },
        {
          priceId: "later",
          name: "Nettarif",
          periodType: "P1D",
          validFromDate: "next spring",
          prices: [{ position: "1", price: 0.9 }],
        },
      ],
    });
    const result = tariffAt(charges, "2026-11-26T12:00:00Z");
    expect(result.total).toBe(0.5);
    expect(result.skipped).toEqual([
      { name: "Nettarif", priceId: "later", reason: "validity dates could not be read" },
    ]);
  });
});
