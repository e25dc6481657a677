/** The aggregations the time-series paths accept, spelled as the API binds them (SPEC-C/T, reference §7). */
export const AGGREGATIONS = ["Actual", "Quarter", "Hour", "Day", "Month", "Year"] as const;

export type Aggregation = (typeof AGGREGATIONS)[number];
