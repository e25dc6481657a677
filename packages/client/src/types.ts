// Domain names for the wire types, so that a rename in spec/ breaks in this one file.
import type {
  CustomerComponents,
  CustomerPaths,
  LegacyComponents,
  LegacyPaths,
  ThirdPartyComponents,
  ThirdPartyPaths,
} from "@eloverblik-kit/contract";

export type {
  CustomerComponents,
  CustomerPaths,
  LegacyComponents,
  LegacyPaths,
  ThirdPartyComponents,
  ThirdPartyPaths,
};

type C = CustomerComponents["schemas"];
type T = ThirdPartyComponents["schemas"];

export type MeteringPoint = C["MeteringPointApiDto"];
export type ChildMeteringPoint = C["ChildMeteringPointDto"];
export type MeteringPointDetails = C["MeteringPointDetailsCustomerDto"];
export type ContactAddress = C["ContactAddressDto"];
export type MeteringPointFeesDto = C["MeteringPointFeesDto"];
export type ChargeDto = C["MeteringPointChargeDto"];
export type TariffDto = C["MeteringPointTariffDto"];
export type TimeSeriesDocument = C["MyEnergyDataMarketDocument"];
export type TimeSeriesResponse = C["MyEnergyDataMarketDocumentResponseListApiResponse"];
export type ProblemDetails = C["ProblemDetails"];
export type ChargeLinksResponse = C["GetChargeLinksWithChargesResponse"];
export type ChargeLinksQueryItem = C["GetChargeLinksWithChargesQueryItem"];
export type MeteringPointsRequest = C["MeteringPointsRequest"];

export type Authorization = T["AuthorizationDto"];
export type ThirdPartyMeteringPoint = T["MeteringPointThirdPartyDto"];
export type ThirdPartyMeteringPointDetails = T["MeteringPointDetailsDto"];
export type ThirdPartyMeteringPointChargesDto = T["MeteringPointChargesDto"];

export type Aggregation = "Actual" | "Quarter" | "Hour" | "Day" | "Month" | "Year";
export const AGGREGATIONS: readonly Aggregation[] = ["Actual", "Quarter", "Hour", "Day", "Month", "Year"];

/** Scopes by which a third party lists the metering points of its authorizations. */
export type AuthorizationScope = "authorizationId" | "customerCVR" | "customerKey";
export const AUTHORIZATION_SCOPES: readonly AuthorizationScope[] = [
  "authorizationId",
  "customerCVR",
  "customerKey",
];
