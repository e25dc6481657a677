// Pure, dependency-free domain units re-exported by the package entry point.

export type {
  Charge,
  ChargePeriodType,
  ChargesFailure,
  NormalizedCharges,
  Tariff,
  TariffPrice,
} from "./charges/normalize-charges.js";
export {
  normalizeChargePeriodType,
  normalizeCharges,
  normalizeChargesResponse,
} from "./charges/normalize-charges.js";
export type { SkippedTariff, TariffAtResult, TariffPart } from "./charges/tariff-at.js";
export { tariffAt, tariffPosition } from "./charges/tariff-at.js";
export type {
  WireCharge,
  WireChargesDto,
  WireChargesItem,
  WireChargesResponse,
  WireTariff,
  WireTariffPrice,
} from "./charges/wire.js";
export type { DataRequestPlanEntry, PlanDataRequestsOptions } from "./plan/plan-requests.js";
export { chunk, planDataRequests, validateMeteringPointIds } from "./plan/plan-requests.js";
export type { LocalParts } from "./time/danish-time.js";
export {
  addLocalDays,
  addLocalMonths,
  addLocalYears,
  copenhagenOffsetMinutes,
  daysBetween,
  hoursInLocalDay,
  isValidLocalDate,
  localDateOf,
  localDateStartUtc,
  localParts,
  todayInDenmark,
} from "./time/danish-time.js";
export type {
  DateRange,
  DateRangeInput,
  ResolveDateRangeOptions,
  ResolvedDateRange,
} from "./time/date-range.js";
export { resolveDateRange, splitDateRange } from "./time/date-range.js";
export type { ColumnarSeries, ColumnarTimeSeries, ResolutionRun } from "./time-series/columnar.js";
export { columnarResolutionAt, flattenTimeSeriesColumnar } from "./time-series/columnar.js";
export { parseDecimal } from "./time-series/decimal.js";
export { flattenDocument, flattenTimeSeries } from "./time-series/flatten.js";
export type { NormalizedResolution } from "./time-series/resolution.js";
export { normalizeResolution } from "./time-series/resolution.js";
export type {
  FlattenedDocument,
  FlattenedTimeSeries,
  TimeSeriesFailure,
  TimeSeriesGap,
  TimeSeriesPoint,
} from "./time-series/types.js";
export type {
  WireMarketDocument,
  WireMrid,
  WirePeriod,
  WirePoint,
  WireTimeInterval,
  WireTimeSeries,
  WireTimeSeriesItem,
  WireTimeSeriesResponse,
} from "./time-series/wire.js";
