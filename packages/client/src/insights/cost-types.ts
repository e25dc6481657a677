import type { NormalizedCharges } from "../charges/normalize-charges.js";
import type { DayAheadPrice, PricelistRow } from "../energi-data-service/types.js";
import type { TimeSeriesPoint } from "../time-series/types.js";
import type { PriceAreaChoice } from "./price-area.js";

export interface ElectricityCostInput {
  /** Defaults to the charges' metering point. */
  meteringPointId?: string;
  /** Danish local dates, `to` exclusive: the days subscriptions are counted for. */
  from: string;
  to: string;
  /** Consumption points (PT15M or PT1H; production, A01, is left out). */
  points: readonly TimeSeriesPoint[];
  /** Day-ahead prices (any areas; those of `priceArea` are used). */
  prices: readonly DayAheadPrice[];
  priceArea: PriceAreaChoice;
  /** Today's getcharges: which codes the metering point has (the history comes from `pricelist`). */
  charges: NormalizedCharges;
  /** DatahubPricelist rows of the grid company and Energinet (D01 and D03). */
  pricelist: readonly PricelistRow[];
  /** The user says the installation is electrically heated: reduced elafgift above 4,000 kWh a year. */
  electricHeating?: boolean;
  /** Consumption in the calendar year of `from` before `from` (for the 4,000 kWh threshold); default 0. */
  yearToDateKwh?: number;
  /** Not in Energi Data Service: the user's own supplier terms, DKK excluding VAT. */
  supplier?: { markupDkkPerKwh?: number; subscriptionDkkPerMonth?: number };
  /** Default 0.25. */
  vatRate?: number;
  /** Include one row per point (default false: totals and days only). */
  includePoints?: boolean;
}

/** DKK excluding VAT per component, then VAT and the total including it. */
export interface CostComponents {
  spotDkk: number;
  gridTariffDkk: number;
  transmissionTariffDkk: number;
  systemTariffDkk: number;
  elafgiftDkk: number;
  supplierMarkupDkk: number;
  subscriptionsDkk: number;
  /** Sum of the components above. */
  exclVatDkk: number;
  vatDkk: number;
  totalDkk: number;
}

export interface CostDay extends CostComponents {
  date: string;
  kWh: number;
  /** Points of the day without a quantity or without a spot price. */
  unpricedPoints: number;
}

/** One point priced: unit prices in DKK/kWh excluding VAT, costs in DKK. */
export interface CostPoint {
  start: string;
  end: string;
  kWh: number | null;
  spotDkkPerKwh: number | null;
  gridTariffDkkPerKwh: number | null;
  transmissionTariffDkkPerKwh: number | null;
  systemTariffDkkPerKwh: number | null;
  /** Per kWh, the reduced rate's share weighed in when the point crosses 4,000 kWh. */
  elafgiftDkkPerKwh: number | null;
  supplierMarkupDkkPerKwh: number;
  /** Energy cost excluding subscriptions: DKK excluding VAT, VAT, including VAT. */
  exclVatDkk: number | null;
  totalDkk: number | null;
}

export type PriceRule =
  /** Hourly consumption, quarter-hour prices: the mean of the hour's four quarters. */
  | "mean-of-quarters"
  /** Quarter-hour consumption, hourly prices: the hour's price for each quarter. */
  | "hour-price-for-quarters"
  /** Consumption and prices of the same resolution. */
  | "same-resolution";

export type CostNote =
  | { kind: "price-area-inferred"; area: string; postcode: string }
  | { kind: "supplier-terms-from-user"; markupDkkPerKwh: number; subscriptionDkkPerMonth: number }
  | { kind: "no-supplier-terms" }
  | { kind: "points-without-quantity"; points: number }
  | { kind: "points-without-price"; points: number; first: string; last: string }
  | { kind: "points-too-coarse"; points: number }
  | { kind: "production-left-out"; points: number }
  | { kind: "no-consumption-data" }
  | { kind: "data-ends-early"; dataEnd: string }
  | {
      kind: "tariff-missing";
      component: "grid" | "transmission" | "system" | "elafgift";
      code: string;
      points: number;
    }
  | { kind: "grid-code-fallback"; code: string; note: string; usedCode: string; points: number }
  | { kind: "no-grid-tariff-in-charges" }
  | { kind: "subscription-from-today"; code: string; name: string }
  | { kind: "reduced-elafgift"; kWh: number; thresholdKwh: number; yearToDateKwh: number };

export interface ElectricityCost extends CostComponents {
  meteringPointId: string;
  from: string;
  to: string;
  priceArea: PriceAreaChoice;
  kWh: number;
  /** Points with a quantity and a spot price. */
  pricedPoints: number;
  /** DKK/kWh including VAT over the priced energy (subscriptions excluded); null without consumption. */
  averageEnergyPriceDkkPerKwh: number | null;
  vatRate: number;
  /** How day-ahead prices met consumption, and how tariffs were read. */
  rules: { price: PriceRule[]; tariffHour: "danish-local-hour" };
  days: CostDay[];
  /** Each grid tariff code used, with what it cost (discount codes negative). */
  gridCodes: Array<{ owner: string; code: string; note: string; costDkk: number }>;
  subscriptions: Array<{ owner: string; code: string; name: string; costDkk: number }>;
  points?: CostPoint[];
  notes: CostNote[];
}
