// @eloverblik-kit/client/insights: what every surface (MCP server, n8n, Node-RED, a CLI) shows of
// the data, computed once. Pure functions over the client's points and normalised charges: no I/O,
// no clock (pass `nowMs`), no Intl; each module stands alone, so a bundler keeps only what is used.

export { isInForce, type Validity } from "../charges/is-in-force.js";
export type { Charge, NormalizedCharges, Tariff, TariffPrice } from "../charges/normalize-charges.js";
export type { SkippedTariff } from "../charges/tariff-at.js";
export { ENERGINET_GLN } from "../energi-data-service/constants.js";
export { pricelistPriceAt, pricelistRowAt } from "../energi-data-service/pricelist-at.js";
export type { DayAheadPrice, PricelistRow } from "../energi-data-service/types.js";
// Secret scrubbing: the client's own, shared with its main entry (one registry per process).
export { redactSecrets, rememberSecret } from "../errors/redact.js";
export { danishDateOf } from "../time/danish-date-of.js";
export type { ColumnarSeries } from "../time-series/columnar.js";
export type { TimeSeriesGap, TimeSeriesPoint } from "../time-series/types.js";
export { businessTypeLabel } from "./business-type-label.js";
export { amountForPeriod, DAYS_PER_MONTH, monthlyAmount } from "./charge-amounts.js";
export { type ChargesOverview, type ChargesOverviewOptions, chargesOverview } from "./charges-overview.js";
export { columnarPoints } from "./columnar-points.js";
export { costNoteText, priceRuleText } from "./cost-note-text.js";
export { costPointsToCsv } from "./cost-points-csv.js";
export type {
  CostComponents,
  CostDay,
  CostNote,
  CostPoint,
  ElectricityCost,
  ElectricityCostInput,
  PriceRule,
} from "./cost-types.js";
export { CSV_COLUMNS, type CsvColumn, type PointsCsvOptions } from "./csv-format.js";
export { currentTariffs } from "./current-tariffs.js";
export { type DanishDay, danishDay } from "./danish-day.js";
export {
  ENERGINET_SUBSCRIPTION_DKK_PER_YEAR,
  electricityCost,
  REDUCED_ELAFGIFT_THRESHOLD_KWH,
} from "./electricity-cost.js";
export {
  estimateGridCharges,
  type GridChargeEstimate,
  type GridChargeEstimateInput,
  type GridChargeNote,
} from "./estimate-grid-charges.js";
export { type AddressFields, formatAddress } from "./format-address.js";
export { type DanishTimeOptions, formatDanishTime } from "./format-danish-time.js";
export { groupByBusinessType } from "./group-by-business-type.js";
export { meteringPointTypeLabel } from "./metering-point-type-label.js";
export { monthsInPeriod } from "./months-in-period.js";
export { type PointRecord, pointRecord } from "./point-record.js";
export { pointsCsvLines } from "./points-csv-lines.js";
export { pointsToCsv } from "./points-to-csv.js";
export { type PointTariff, pointsWithTariffs } from "./points-with-tariffs.js";
export { type PriceAreaChoice, priceAreaFromPostcode } from "./price-area.js";
export { type LoadProfile, type ProfileInput, profileTimeSeries } from "./profile-time-series.js";
export { qualityLabel } from "./quality-label.js";
export {
  type DatePeriod,
  isRelativePeriodName,
  type RelativePeriodName,
  type RelativePeriodSpec,
  relativePeriod,
} from "./relative-period.js";
export { roundTo } from "./round-to.js";
export { scrubValue } from "./scrub-value.js";
export type {
  Breakdown,
  PeriodTotal,
  SeriesSummary,
  SummaryExtreme,
  SummaryNote,
} from "./series-summary.js";
export { type SummaryInput, type SummaryOptions, summarizeTimeSeries } from "./summarize-time-series.js";
export { type TariffRun, tariffRuns } from "./tariff-runs.js";
export {
  type TariffTable,
  type TariffTableOptions,
  type TariffTableRow,
  tariffTable,
} from "./tariff-table.js";
export { unitLabel } from "./unit-label.js";
export { WEEKDAYS, type Weekday } from "./weekdays.js";
export { type CsvSink, type WritePointsCsvOptions, writePointsCsv } from "./write-points-csv.js";
