// Everything both entries export: @eloverblik-kit/client and @eloverblik-kit/client/core.
export { type ApiKind, describeToken, type TokenDescription } from "./auth/describe-token.js";
export { hmacSha256, sha256, sha256Hex } from "./auth/sha256.js";
export {
  createMemoryTokenStore,
  type StoredAccessToken,
  type TokenStore,
  tokenStoreKey,
  tokenVerifier,
} from "./auth/token-store.js";
export {
  createEloverblikCore,
  type Eloverblik,
  type EloverblikBaseOptions,
  type EloverblikCoreOptions,
} from "./create-eloverblik-core.js";
export {
  createEloverblikSessionCore,
  type EloverblikSession,
} from "./create-session.js";
export * from "./domain.js";
export {
  type ApiErrorCodeEntry,
  apiErrorCodes,
  errorCodeForApiCode,
  errorGuidance,
  lookupApiErrorCode,
} from "./errors/catalogue.js";
export {
  describeError,
  type ErrorDescription,
  type ErrorVocabulary,
  wordSuggestions,
} from "./errors/describe-error.js";
export {
  EloverblikError,
  type EloverblikErrorCode,
  type EloverblikErrorOptions,
  isEloverblikError,
  isTokenError,
  TOKEN_ERROR_CODES,
} from "./errors/eloverblik-error.js";
export { type ParsedErrorBody, parseErrorBody } from "./errors/parse-error-body.js";
export { redactSecrets, rememberSecret } from "./errors/redact.js";
export type { Suggestion } from "./errors/suggestions.js";
export type { CallOptions } from "./operations/context.js";
export type { ChargeLinksQuery } from "./operations/customer/get-charge-links.js";
export type { MeterReadings } from "./operations/customer/get-meter-readings.js";
export type { ListMeteringPointsOptions } from "./operations/customer/list-metering-points.js";
export type { NormalizedChargesResult } from "./operations/get-charges.js";
export type { MeteringPointDetailsResult } from "./operations/get-details.js";
export type {
  ColumnarTimeSeriesData,
  TimeSeriesData,
  TimeSeriesOptions,
} from "./operations/get-time-series.js";
export { type ItemResult, partitionResults } from "./operations/item-result.js";
export type { TimeSeriesQuery } from "./operations/time-series-requests.js";
export * from "./operations-one-by-one.js";
export type { Ports } from "./ports/ports.js";
export {
  type CustomerRawClient,
  createCustomerApiClient,
  createLegacyMeterReadingsClient,
  createThirdPartyApiClient,
  DEFAULT_BASE_URL,
  type LegacyRawClient,
  type RawClientOptions,
  type ThirdPartyRawClient,
} from "./raw/raw-clients.js";
export type { Call, CallContext, CallKind, Send, Stage } from "./transport/pipeline.js";
export type { ProgressEvent, ProgressListener } from "./transport/progress.js";
export {
  type RequestTally,
  requestTally,
  type WaitReason,
  waitReasonText,
} from "./transport/progress-words.js";
export { RateLimiter } from "./transport/rate-limiter.js";
export {
  LIMITS_2024,
  LIMITS_CURRENT,
  type RateLimits,
  type RateLimitsOption,
} from "./transport/rate-limits.js";
export { DEFAULT_RETRY, type RetryOptions } from "./transport/retry-policy.js";
export type { AuthProvider } from "./transport/stages/auth-stage.js";
export type { Pacer, PacerWait } from "./transport/stages/pacing-stage.js";
export * from "./types.js";
