import type { CustomerComponents } from "../types.js";
import type { Loose } from "../wire/loose.js";

/**
 * Loose structural types for the gettimeseries wire format, derived from the generated schema
 * types (`Loose`): every field optional and nullable, because live responses omit or null fields
 * the published schema declares (empty sender names, null mRID parts, absent TimeSeries when data
 * lags); the flattener checks what it relies on. Key names are the API's own, dots and capitals
 * included.
 */
type S = CustomerComponents["schemas"];

export type WireTimeInterval = Loose<S["PeriodtimeInterval"]>;
/** 1-based `position` as a string; `out_Quantity.quantity` a decimal with `.`; quality A01–A05. */
export type WirePoint = Loose<S["Point"]>;
/** `resolution`: PT15M, PT1H, PT1D/P1D, P1M, PT1Y/P1Y or PXD. */
export type WirePeriod = Loose<S["Period"]>;
export type WireMrid = Loose<S["MarketEvaluationMeteringPoint"]>;
/** `businessType`: A04 consumption, A01 production, A64 profiled consumption. */
export type WireTimeSeries = Loose<S["TimeSeries"]>;
export type WireMarketDocument = Loose<S["MyEnergyDataMarketDocument"]>;
/** One per-metering-point item of the list envelope (`errorCode` an integer today, a string in older documents). */
export type WireTimeSeriesItem = Loose<S["MyEnergyDataMarketDocumentResponse"]>;
export type WireTimeSeriesResponse = Loose<S["MyEnergyDataMarketDocumentResponseListApiResponse"]>;
