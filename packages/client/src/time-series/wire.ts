/**
 * Loose structural types for the gettimeseries wire format. Every field is optional and nullable
 * because live responses omit or null fields the published schema declares (empty sender names,
 * null mRID parts, absent TimeSeries when data lags); the flattener checks what it relies on.
 * Key names are the API's own, dots and capitals included.
 */

export interface WireTimeInterval {
  start?: string | null;
  end?: string | null;
}

export interface WirePoint {
  /** 1-based position within its Period, sent as a string. */
  position?: string | number | null;
  /** Decimal string with `.` separator. */
  "out_Quantity.quantity"?: string | number | null;
  /** A01 adjusted, A02 not available, A03 estimated, A04 measured, A05 incomplete. */
  "out_Quantity.quality"?: string | null;
}

export interface WirePeriod {
  /** PT15M, PT1H, PT1D/P1D, P1M, PT1Y/P1Y or PXD. */
  resolution?: string | null;
  timeInterval?: WireTimeInterval | null;
  Point?: WirePoint[] | null;
}

export interface WireMrid {
  codingScheme?: string | null;
  name?: string | null;
}

export interface WireTimeSeries {
  mRID?: string | null;
  /** A04 consumption, A01 production, A64 profiled consumption. */
  businessType?: string | null;
  curveType?: string | null;
  "measurement_Unit.name"?: string | null;
  MarketEvaluationPoint?: { mRID?: WireMrid | null } | null;
  Period?: WirePeriod[] | null;
}

export interface WireMarketDocument {
  mRID?: string | null;
  createdDateTime?: string | null;
  "sender_MarketParticipant.name"?: string | null;
  "sender_MarketParticipant.mRID"?: WireMrid | null;
  "period.timeInterval"?: WireTimeInterval | null;
  TimeSeries?: WireTimeSeries[] | null;
}

/** One per-metering-point item of the list envelope. */
export interface WireTimeSeriesItem {
  MyEnergyData_MarketDocument?: WireMarketDocument | null;
  success?: boolean | null;
  /** Integer today; older documents typed it as a string. */
  errorCode?: number | string | null;
  errorText?: string | null;
  /** The requested metering point id. */
  id?: string | null;
  stackTrace?: string | null;
}

export interface WireTimeSeriesResponse {
  result?: WireTimeSeriesItem[] | null;
}
