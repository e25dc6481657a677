// Normalised charges written out by hand (the shape getCharges returns).
import type { Charge, NormalizedCharges, Tariff } from "../../src/charges/normalize-charges.js";
import { MP } from "./points.js";

export const NETTARIF_OWNER = "5790000705689";

/** Position p (1–24) costs 1.0 from 17:00 to 21:00 local, else 0.2. */
export function nettarif(overrides: Partial<Tariff> = {}): Tariff {
  return {
    priceId: "NT",
    name: "Nettarif C time",
    description: "",
    owner: NETTARIF_OWNER,
    validFrom: "2024-12-31T23:00:00.000Z",
    validTo: null,
    periodType: "PT1H",
    prices: Array.from({ length: 24 }, (_, i) => ({ position: i + 1, price: i >= 17 && i < 21 ? 1 : 0.2 })),
    ...overrides,
  };
}

export function elafgift(overrides: Partial<Tariff> = {}): Tariff {
  return {
    priceId: "EA",
    name: "Elafgift",
    description: "",
    owner: "5790000432752",
    validFrom: "2024-12-31T23:00:00.000Z",
    validTo: null,
    periodType: "P1D",
    prices: [{ position: 1, price: 0.7 }],
    ...overrides,
  };
}

export function subscription(overrides: Partial<Charge> = {}): Charge {
  return {
    priceId: "AB",
    name: "Netabo C",
    description: "",
    owner: NETTARIF_OWNER,
    validFrom: "2015-05-31T22:00:00.000Z",
    validTo: null,
    periodType: "P1M",
    price: 30,
    quantity: 1,
    ...overrides,
  };
}

export function charges(parts: Partial<NormalizedCharges> = {}): NormalizedCharges {
  return {
    meteringPointId: MP,
    subscriptions: [],
    fees: [],
    tariffs: [nettarif(), elafgift()],
    warnings: [],
    ...parts,
  };
}
