// Test points built from literal UTC instants and fixed steps, independent of the client's own
// Danish-time code: every expectation in these tests is written down by hand.
import type { TimeSeriesPoint } from "../../src/time-series/types.js";

export const MP = "571313180100000001";
export const QUARTER = 900_000;
export const HOUR = 3_600_000;

export interface Spec {
  quantity?: number | null;
  quality?: string;
}

/** `count` consecutive points of `stepMs` from `startIso`; `spec(i)` sets quantity and quality. */
export function run(
  startIso: string,
  count: number,
  stepMs: number,
  spec: (i: number) => Spec = () => ({}),
  extra: Partial<TimeSeriesPoint> = {},
): TimeSeriesPoint[] {
  const resolution = stepMs === QUARTER ? "PT15M" : stepMs === HOUR ? "PT1H" : `PT${stepMs / 60_000}M`;
  const start = Date.parse(startIso);
  return Array.from({ length: count }, (_, i) => {
    const s = spec(i);
    return {
      meteringPointId: MP,
      start: new Date(start + i * stepMs).toISOString(),
      end: new Date(start + (i + 1) * stepMs).toISOString(),
      quantity: s.quantity === undefined ? 0.25 : s.quantity,
      quality: s.quality ?? "A04",
      resolution,
      unit: "KWH",
      businessType: "A04",
      ...extra,
    };
  });
}

/** One calendar point (a day, month or year) between two literal instants. */
export function span(
  startIso: string,
  endIso: string,
  resolution: string,
  quantity: number | null,
  quality = "A04",
): TimeSeriesPoint {
  return {
    meteringPointId: MP,
    start: new Date(startIso).toISOString(),
    end: new Date(endIso).toISOString(),
    quantity,
    quality,
    resolution,
    unit: "KWH",
    businessType: "A04",
  };
}
