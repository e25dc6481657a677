import type { NormalizedCharges } from "../charges/normalize-charges.js";
import { tariffAt } from "../charges/tariff-at.js";
import type { TimeSeriesPoint } from "../time-series/types.js";
import { currentTariffs } from "./current-tariffs.js";
import { roundTo } from "./round-to.js";

const QUARTER_MS = 900_000;

/** One point with what today's tariffs make of it. */
export interface PointTariff {
  point: TimeSeriesPoint;
  /**
   * The tariffs in force at `nowMs` for the same positions of the day (grid company, Energinet,
   * elafgift), DKK per kWh excluding VAT, averaged over the point's quarter hours; 4 decimals.
   */
  tariffDkkPerKwh: number;
  /** quantity × the tariff, DKK excluding VAT to 4 decimals; null without a quantity. */
  tariffCostDkk: number | null;
}

/**
 * Each point priced with today's tariffs at its time of day (as `estimateGridCharges` does for a
 * whole period), for hosts that show consumption and tariff hour by hour: a point longer than a
 * quarter hour is priced per quarter hour. An estimate: Eloverblik serves no price history.
 */
export function pointsWithTariffs(
  points: readonly TimeSeriesPoint[],
  charges: Pick<NormalizedCharges, "tariffs">,
  nowMs: number,
): PointTariff[] {
  const current = { tariffs: currentTariffs(charges, nowMs) };
  return points.map((point) => {
    const startMs = Date.parse(point.start);
    const duration = Math.max(QUARTER_MS, Date.parse(point.end) - startMs);
    const samples = Math.min(3_000, Math.max(1, Math.round(duration / QUARTER_MS)));
    let sum = 0;
    for (let i = 0; i < samples; i++) sum += tariffAt(current, startMs + (i * duration) / samples).total;
    const perKwh = sum / samples;
    const usable = point.quantity !== null && point.quality !== "A02";
    return {
      point,
      tariffDkkPerKwh: roundTo(perKwh, 4),
      tariffCostDkk: usable ? roundTo((point.quantity as number) * perKwh, 4) : null,
    };
  });
}
