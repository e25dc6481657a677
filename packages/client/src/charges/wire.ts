import type { CustomerComponents, ThirdPartyComponents } from "../types.js";
import type { Loose } from "../wire/loose.js";

/**
 * Loose structural types for getcharges bodies, derived from the generated schema types. Current
 * documents use `priceId`; the 2022 documents used `subscriptionId`/`feeId`/`tariffId`, which are
 * kept as the only hand-written additions. `periodType` is `P1M`/`P1D`/`PT1H` on the wire although
 * the schema text speaks of `DAY`/`HOUR`; both are accepted.
 */
type S = CustomerComponents["schemas"];

/** A subscription or fee (DKK excluding VAT; `owner` is the GLN of the company that set it). */
export type WireCharge = Loose<S["MeteringPointChargeDto"]> & {
  subscriptionId?: string | null;
  feeId?: string | null;
};
export type WireTariffPrice = Loose<S["MeteringPointTariffPriceDto"]>;
export type WireTariff = Loose<S["MeteringPointTariffDto"]> & { tariffId?: string | null };

/** `MeteringPointFeesDto` (Customer API) or `MeteringPointChargesDto` (Third Party API, no fees). */
export type WireChargesDto = Omit<Loose<S["MeteringPointFeesDto"]>, "subscriptions" | "fees" | "tariffs"> &
  Omit<Loose<ThirdPartyComponents["schemas"]["MeteringPointChargesDto"]>, "subscriptions" | "tariffs"> & {
    subscriptions?: WireCharge[] | null;
    fees?: WireCharge[] | null;
    tariffs?: WireTariff[] | null;
  };

export type WireChargesItem = Omit<Loose<S["MeteringPointFeesDtoResponse"]>, "result"> & {
  result?: WireChargesDto | null;
};

export interface WireChargesResponse {
  result?: WireChargesItem[] | null;
}
