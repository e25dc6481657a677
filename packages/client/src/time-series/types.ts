import type { NormalizedResolution } from "./resolution.js";

/** One metered interval, instants as UTC ISO strings (`2024-02-11T23:00:00.000Z`). */
export interface TimeSeriesPoint {
  meteringPointId: string;
  /** Inclusive start instant. */
  start: string;
  /** Exclusive end instant. */
  end: string;
  /** Energy in `unit`; null when the quality says not available (A02) or none was sent. */
  quantity: number | null;
  /** Quality code as sent: A04 measured, A03 estimated, A02 not available, A05 incomplete, A01 adjusted. */
  quality: string;
  resolution: NormalizedResolution;
  /** Usually `KWH`. */
  unit: string;
  /** A04 consumption, A01 production, A64 profiled consumption. */
  businessType: string;
}

/** A stretch with no points: missing positions inside a Period, or time between two Periods. */
export interface TimeSeriesGap {
  meteringPointId: string;
  start: string;
  end: string;
  resolution: NormalizedResolution;
}

/** A metering point the API answered with `success: false` (or an error code and no data). */
export interface TimeSeriesFailure {
  meteringPointId: string;
  errorCode: number | null;
  errorText: string;
}

export interface FlattenedDocument {
  points: TimeSeriesPoint[];
  gaps: TimeSeriesGap[];
  /** Human-readable notes about inconsistencies that did not stop flattening. */
  warnings: string[];
}

export interface FlattenedTimeSeries extends FlattenedDocument {
  failures: TimeSeriesFailure[];
}
