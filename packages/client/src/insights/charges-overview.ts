import { isInForce } from "../charges/is-in-force.js";
import type { Charge, NormalizedCharges, Tariff } from "../charges/normalize-charges.js";
import { todayInDenmark } from "../time/danish-time.js";
import { monthlyAmount } from "./charge-amounts.js";
import { roundTo } from "./round-to.js";
import { type TariffTable, type TariffTableOptions, tariffTable } from "./tariff-table.js";

export interface ChargesOverview {
  meteringPointId: string;
  /** The Danish date of the tariff table. */
  date: string;
  /** Each with whether it is in force at `nowMs` and its cost per month (DKK excl. VAT, 2 decimals). */
  subscriptions: Array<Charge & { inForce: boolean; monthlyDkk: number }>;
  fees: Array<Charge & { inForce: boolean }>;
  /** Each with whether it is in force at `nowMs` and its lowest and highest price (null without prices). */
  tariffs: Array<Tariff & { inForce: boolean; minPrice: number | null; maxPrice: number | null }>;
  /** The subscriptions in force at `nowMs`, per month, DKK excluding VAT, to 2 decimals. */
  monthlySubscriptionsDkk: number;
  /** The total tariff per hour (or quarter hour) of `date`. */
  table: TariffTable;
  warnings: string[];
}

export interface ChargesOverviewOptions extends TariffTableOptions {
  /** The instant that decides what is in force ("now"). */
  nowMs: number;
  /** The Danish date of the tariff table; default today in Denmark at `nowMs`. Tomorrow's works too. */
  date?: string;
}

/**
 * getCharges' normalised charges read for a person: what is in force now, what subscriptions come
 * to per month, and the day's total tariff per hour (announced tariffs count from their start).
 */
export function chargesOverview(
  charges: NormalizedCharges,
  options: ChargesOverviewOptions,
): ChargesOverview {
  const { nowMs } = options;
  const date = options.date ?? todayInDenmark(nowMs);
  const subscriptions = charges.subscriptions.map((c) => ({
    ...c,
    inForce: isInForce(c, nowMs),
    monthlyDkk: roundTo(monthlyAmount(c), 2),
  }));
  const monthly = charges.subscriptions
    .filter((c) => isInForce(c, nowMs))
    .reduce((sum, c) => sum + monthlyAmount(c), 0);
  const tableOptions: TariffTableOptions = {};
  if (options.resolution !== undefined) tableOptions.resolution = options.resolution;
  if (options.offset !== undefined) tableOptions.offset = options.offset;
  return {
    meteringPointId: charges.meteringPointId,
    date,
    subscriptions,
    fees: charges.fees.map((c) => ({ ...c, inForce: isInForce(c, nowMs) })),
    tariffs: charges.tariffs.map((t) => {
      const prices = t.prices.map((p) => p.price);
      return {
        ...t,
        inForce: isInForce(t, nowMs),
        minPrice: prices.length > 0 ? Math.min(...prices) : null,
        maxPrice: prices.length > 0 ? Math.max(...prices) : null,
      };
    }),
    monthlySubscriptionsDkk: roundTo(monthly, 2),
    table: tariffTable(charges, date, tableOptions),
    warnings: charges.warnings,
  };
}
