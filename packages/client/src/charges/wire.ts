/**
 * Loose structural types for getcharges bodies. Current documents use `priceId`; the 2022
 * documents used `subscriptionId`/`feeId`/`tariffId`. `periodType` is `P1M`/`P1D`/`PT1H` on the
 * wire although the schema text speaks of `DAY`/`HOUR`; both are accepted.
 */

export interface WireCharge {
  priceId?: string | null;
  subscriptionId?: string | null;
  feeId?: string | null;
  name?: string | null;
  description?: string | null;
  /** GLN of the company that set the charge. */
  owner?: string | null;
  validFromDate?: string | null;
  validToDate?: string | null;
  periodType?: string | null;
  /** DKK excluding VAT. */
  price?: number | string | null;
  quantity?: number | string | null;
}

export interface WireTariffPrice {
  position?: string | number | null;
  price?: number | string | null;
}

export interface WireTariff {
  priceId?: string | null;
  tariffId?: string | null;
  name?: string | null;
  description?: string | null;
  owner?: string | null;
  validFromDate?: string | null;
  validToDate?: string | null;
  periodType?: string | null;
  prices?: WireTariffPrice[] | null;
}

/** `MeteringPointFeesDto` (Customer API) or `MeteringPointChargesDto` (Third Party API, no fees). */
export interface WireChargesDto {
  meteringPointId?: string | null;
  subscriptions?: WireCharge[] | null;
  fees?: WireCharge[] | null;
  tariffs?: WireTariff[] | null;
}

export interface WireChargesItem {
  result?: WireChargesDto | null;
  success?: boolean | null;
  errorCode?: number | string | null;
  errorText?: string | null;
  id?: string | null;
  stackTrace?: string | null;
}

export interface WireChargesResponse {
  result?: WireChargesItem[] | null;
}
