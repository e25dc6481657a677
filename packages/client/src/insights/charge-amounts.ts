import type { Charge } from "../charges/normalize-charges.js";

/** An average month (365.25 / 12 days), for turning daily amounts into monthly ones. */
export const DAYS_PER_MONTH = 30.44;

type Priced = Pick<Charge, "price" | "quantity" | "periodType">;

/** How many of a charge's periods one local day holds; undefined for a monthly (or unknown) period. */
function periodsPerDay(periodType: Charge["periodType"]): number | undefined {
  switch (periodType) {
    case "P1D":
      return 1;
    case "PT1H":
      return 24;
    case "PT15M":
      return 96;
    default:
      return undefined;
  }
}

function amountPerPeriod(charge: Priced): number {
  return (charge.price ?? 0) * (charge.quantity ?? 1);
}

/**
 * A subscription's cost per month (DKK excluding VAT, unrounded), whatever period it is priced
 * per: price × quantity (a missing quantity counts once). Most subscriptions are priced per month
 * (P1M), some per day (P1D, × 30.44); without a period type it is read as monthly, which is what
 * the API means by a subscription.
 */
export function monthlyAmount(charge: Priced): number {
  const perDay = periodsPerDay(charge.periodType);
  const amount = amountPerPeriod(charge);
  return perDay === undefined ? amount : amount * perDay * DAYS_PER_MONTH;
}

/**
 * A subscription's cost over a period of `days` local days that spans `months` calendar months
 * (partial months by their share of days, see `monthsInPeriod`): daily-priced ones by the days,
 * monthly ones by the months.
 */
export function amountForPeriod(charge: Priced, period: { days: number; months: number }): number {
  const perDay = periodsPerDay(charge.periodType);
  const amount = amountPerPeriod(charge);
  return perDay === undefined ? amount * period.months : amount * perDay * period.days;
}
