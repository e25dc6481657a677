/**
 * Response body types from the contract (types generated from spec/, the package the client types
 * its requests with too; no code of the client), so a renamed field in spec/ breaks the simulator's
 * build instead of silently drifting.
 */
import type { CustomerComponents, LegacyComponents, ThirdPartyComponents } from "@eloverblik-kit/contract";

type C = CustomerComponents["schemas"];
type T = ThirdPartyComponents["schemas"];
type L = LegacyComponents["schemas"];

export type { Aggregation } from "./core/aggregations.js";

export type ProblemDetails = C["ProblemDetails"] & Record<string, unknown>;
export type MarketDocument = C["MyEnergyDataMarketDocument"];
export type Period = C["Period"];
export type MeteringPoint = C["MeteringPointApiDto"];
export type ChildMeteringPoint = C["ChildMeteringPointDto"];
export type CustomerDetails = C["MeteringPointDetailsCustomerDto"];
export type ContactAddress = C["ContactAddressDto"];
export type Charge = C["MeteringPointChargeDto"];
export type Tariff = C["MeteringPointTariffDto"];
export type CustomerCharges = C["MeteringPointFeesDto"];
export type StringItem = C["StringResponse"];
export type ChargeLinksResponse = C["GetChargeLinksWithChargesResponse"];
export type ChargeLinksResult = C["GetChargeLinksWithChargesResultDto"];
export type ChargeInformation = C["ChargeInformationDto"];

export type Authorization = T["AuthorizationDto"];
export type ThirdPartyMeteringPoint = T["MeteringPointThirdPartyDto"];
export type ThirdPartyDetails = T["MeteringPointDetailsDto"];
export type ThirdPartyCharges = T["MeteringPointChargesDto"];

export type MeterReadings = L["MeterDataReadingsDto"];

/** The fields every per-metering-point item carries next to its payload. */
export interface ItemEnvelope {
  success: boolean;
  errorCode: number;
  errorText: string;
  id: string;
  stackTrace: null;
}
