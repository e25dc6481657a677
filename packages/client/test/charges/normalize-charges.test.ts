import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  normalizeChargePeriodType,
  normalizeCharges,
  normalizeChargesResponse,
} from "../../src/charges/normalize-charges.js";
import { isEloverblikError } from "../../src/errors/eloverblik-error.js";

const MP = "571313180100000001";
const hourly = (base: number) =>
  Array.from({ length: 24 }, (_, i) => ({ position: String(i + 1), price: base + i / 1000 }));

const customerItem = {
  result: {
    meteringPointId: MP,
    subscriptions: [
      {
        priceId: "NetAbo",
        name: "Netabo C forbrug",
        description: "Abonnement",
        owner: "5790000705689",
        validFromDate: "2015-05-31T22:00:00.000Z",
        validToDate: null,
        periodType: "P1M",
        price: 21,
        quantity: 1,
      },
    ],
    fees: [
      {
        priceId: "Gebyr",
        name: "Rykkergebyr",
        description: "",
        owner: "5790000705689",
        validFromDate: "2020-01-01T00:00:00Z",
        validToDate: "",
        periodType: "DAY",
        price: 100,
        quantity: 1,
      },
    ],
    tariffs: [
      {
        priceId: "CD",
        name: "Nettarif C time",
        description: "",
        owner: "5790000705689",
        validFromDate: "2019-04-30T22:00:00.000Z",
        validToDate: null,
        periodType: "PT1H",
        prices: hourly(0.3).reverse(),
      },
      {
        priceId: "EA-001",
        name: "Elafgift",
        description: "",
        owner: "5790000432752",
        validFromDate: "2024-01-01",
        validToDate: "2025-01-01",
        periodType: "DAY",
        prices: [{ position: "1", price: 0.761 }],
      },
    ],
  },
  success: true,
  errorCode: 10000,
  errorText: "NoError",
  id: MP,
  stackTrace: null,
};

describe("normalizeChargePeriodType", () => {
  it("maps wire and schema spellings", () => {
    expect(normalizeChargePeriodType("P1M")).toBe("P1M");
    expect(normalizeChargePeriodType("P1D")).toBe("P1D");
    expect(normalizeChargePeriodType("DAY")).toBe("P1D");
    expect(normalizeChargePeriodType("PT1H")).toBe("PT1H");
    expect(normalizeChargePeriodType("HOUR")).toBe("PT1H");
    expect(normalizeChargePeriodType("hour")).toBe("PT1H");
    expect(normalizeChargePeriodType("PT15M")).toBe("PT15M");
    expect(normalizeChargePeriodType("WEEK")).toBeUndefined();
    expect(normalizeChargePeriodType(null)).toBeUndefined();
  });
});

describe("normalizeCharges", () => {
  it("normalises a customer item with current keys", () => {
    const c = normalizeCharges(customerItem);
    expect(c.meteringPointId).toBe(MP);
    expect(c.warnings).toEqual([]);
    expect(c.subscriptions).toEqual([
      {
        priceId: "NetAbo",
        name: "Netabo C forbrug",
        description: "Abonnement",
        owner: "5790000705689",
        validFrom: "2015-05-31T22:00:00.000Z",
        validTo: null,
        periodType: "P1M",
        price: 21,
        quantity: 1,
      },
    ]);
    expect(c.fees[0]).toMatchObject({
      validFrom: "2020-01-01T00:00:00.000Z",
      validTo: null,
      periodType: "P1D",
    });
    const [net, tax] = c.tariffs;
    expect(net?.periodType).toBe("PT1H");
    expect(net?.prices.map((p) => p.position)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(net?.prices[23]).toEqual({ position: 24, price: 0.3 + 23 / 1000 });
    // A bare date is a Danish day: it starts at Danish midnight.
    expect(tax).toMatchObject({
      priceId: "EA-001",
      owner: "5790000432752",
      periodType: "P1D",
      validFrom: "2023-12-31T23:00:00.000Z",
      validTo: "2024-12-31T23:00:00.000Z",
      prices: [{ position: 1, price: 0.761 }],
    });
  });

  it("accepts the older subscriptionId/feeId/tariffId keys and a bare DTO", () => {
    const c = normalizeCharges({
      meteringPointId: MP,
      subscriptions: [{ subscriptionId: "S1", name: "Abo", price: 10, quantity: 2 }],
      fees: [{ feeId: "F1", name: "Fee", price: "12.5", quantity: 1 }],
      tariffs: [{ tariffId: "T1", name: "Tarif", periodType: "HOUR", prices: hourly(0.1) }],
    });
    expect(c.subscriptions[0]?.priceId).toBe("S1");
    expect(c.subscriptions[0]?.periodType).toBeNull();
    expect(c.fees[0]).toMatchObject({ priceId: "F1", price: 12.5 });
    expect(c.tariffs[0]).toMatchObject({ priceId: "T1", periodType: "PT1H" });
    expect(c.warnings).toEqual([]);
  });

  it("handles the Third Party shape without fees", () => {
    const c = normalizeCharges({
      result: { meteringPointId: MP, subscriptions: [], tariffs: [] },
      success: true,
      id: MP,
    });
    expect(c.fees).toEqual([]);
  });

  it("warns (does not crash) on unexpected position counts, unknown period types and bad values", () => {
    const c = normalizeCharges({
      meteringPointId: MP,
      tariffs: [
        { priceId: "A", name: "short", periodType: "PT1H", prices: hourly(0.1).slice(0, 23) },
        { priceId: "B", name: "quarter", periodType: "PT15M", prices: [{ position: "1", price: 1 }] },
        { priceId: "C", name: "weird", periodType: "WEEK", prices: [{ position: "1", price: 1 }] },
        {
          priceId: "D",
          name: "dupes",
          periodType: "P1D",
          prices: [
            { position: "1", price: 1 },
            { position: "1", price: 2 },
            { position: "x", price: 3 },
            { position: "2", price: "0,5" },
          ],
        },
      ],
      subscriptions: [{ priceId: "S", name: "bad date", validFromDate: "soon", price: null }],
    });
    const w = c.warnings.join("\n");
    expect(w).toMatch(/"short": periodType PT1H should have 24 .* has 23/);
    expect(w).toMatch(/"quarter": periodType PT15M should have 96/);
    expect(w).toMatch(/"weird": unknown periodType "WEEK"/);
    expect(w).toMatch(/"dupes": position 1 appears more than once/);
    expect(w).toMatch(/validFromDate "soon" is not a date/);
    expect(w).toMatch(/price null is not a number/);
    expect(c.tariffs[2]?.periodType).toBeNull();
    expect(c.tariffs[3]?.prices).toEqual([{ position: 1, price: 1 }]);
    expect(c.subscriptions[0]?.validFrom).toBeNull();
  });

  it("throws for a failed item and for non-objects", () => {
    try {
      normalizeCharges({
        result: null,
        success: false,
        errorCode: 20008,
        errorText: "MeteringPointNotFound",
        id: MP,
      });
      expect.unreachable();
    } catch (error) {
      expect(isEloverblikError(error) && error.apiCode).toBe(20008);
      expect(isEloverblikError(error) && error.meteringPointId).toBe(MP);
    }
    expect(() => normalizeCharges(null)).toThrow(/getcharges/);
    expect(() => normalizeCharges([])).toThrow(/getcharges/);
  });
});

describe("normalizeChargesResponse", () => {
  it("splits successes and failures", () => {
    const r = normalizeChargesResponse({
      result: [
        customerItem,
        { result: null, success: false, errorCode: "20000", errorText: "Wrong", id: "x" },
      ],
    });
    expect(r.charges).toHaveLength(1);
    expect(r.failures).toEqual([{ meteringPointId: "x", errorCode: 20000, errorText: "Wrong" }]);
    expect(() => normalizeChargesResponse({})).toThrow(/getcharges/);
  });
});

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
const template = resolve(repoRoot, "../shared/spec/fixtures/slimcdk-template-metering-point-price-data.json");

describe.skipIf(!existsSync(template))(
  `old-key template ${template}${existsSync(template) ? "" : " (absent: skipped)"}`,
  () => {
    it("reads the 2022 shape (subscriptionId/feeId/tariffId)", () => {
      const r = normalizeChargesResponse(JSON.parse(readFileSync(template, "utf8")));
      expect(r.failures).toEqual([]);
      const [c] = r.charges;
      expect(c?.meteringPointId).toBe("string");
      expect(c?.subscriptions[0]).toMatchObject({ priceId: "string", name: "string", price: 0, quantity: 0 });
      expect(c?.fees[0]).toMatchObject({ priceId: "string", owner: "string" });
      expect(c?.tariffs[0]?.priceId).toBe("string");
      // Placeholder values are not dates, period types or positions: each is a warning, not a crash.
      expect(c?.tariffs[0]?.periodType).toBeNull();
      expect(c?.tariffs[0]?.prices).toEqual([]);
      expect(c?.warnings.some((w) => w.includes("validFromDate"))).toBe(true);
      expect(c?.warnings.some((w) => w.includes("unknown periodType"))).toBe(true);
    });
  },
);
