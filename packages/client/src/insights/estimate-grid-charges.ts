import { isInForce } from "../charges/is-in-force.js";
import type { NormalizedCharges } from "../charges/normalize-charges.js";
import { type SkippedTariff, tariffAt } from "../charges/tariff-at.js";
import { daysBetween, localDateStartUtc } from "../time/danish-time.js";
import type { TimeSeriesPoint } from "../time-series/types.js";
import { amountForPeriod, monthlyAmount } from "./charge-amounts.js";
import { currentTariffs } from "./current-tariffs.js";
import { monthsInPeriod } from "./months-in-period.js";
import { roundTo } from "./round-to.js";

const QUARTER_MS = 900_000;
/** A month has at most 2 976 quarter hours; a coarser point is priced by sampling every quarter. */
const MAX_SAMPLES = 3_000;

export interface GridChargeEstimateInput {
  /** Defaults to the charges' metering point. */
  meteringPointId?: string;
  /** The period (Danish local dates, `to` exclusive) the subscriptions are counted for. */
  from: string;
  to: string;
  /** Consumption points (production points, A01, are left out). */
  points: readonly TimeSeriesPoint[];
  charges: NormalizedCharges;
  /** The instant whose tariffs and subscriptions are applied ("today"). */
  nowMs: number;
}

/** Facts about an estimate that a surface may want to tell. */
export type GridChargeNote =
  /** No consumption point in the period: only the subscriptions were counted. */
  | { kind: "no-consumption-data" }
  /** Consumption ends before the period does (DataHub's lag): tariffs cover less than subscriptions. */
  | { kind: "data-ends-early"; dataEnd: string }
  | { kind: "no-tariff-in-force" }
  | { kind: "production-left-out"; points: number }
  | { kind: "points-without-quantity"; points: number }
  | { kind: "tariff-skipped"; name: string; priceId: string | null; reason: string };

/**
 * An estimate, not a bill: today's tariffs for the same time of day and today's subscriptions
 * applied to the whole period, DKK excluding VAT and excluding the electricity itself.
 */
export interface GridChargeEstimate {
  meteringPointId: string;
  from: string;
  to: string;
  /** To 3 decimals. */
  consumptionKwh: number;
  /** Points with a quantity that the tariffs priced. */
  pricedPoints: number;
  /** Points without a quantity (A02 or none sent), which add nothing. */
  missingPoints: number;
  /** DKK to 2 decimals. */
  tariffCostDkk: number;
  subscriptionCostDkk: number;
  totalDkk: number;
  /** To 4 decimals; null without consumption. */
  averageTariffDkkPerKwh: number | null;
  tariffs: Array<{ name: string; owner: string; periodType: string | null; costDkk: number }>;
  subscriptions: Array<{ name: string; periodType: string | null; monthlyDkk: number; costDkk: number }>;
  /** Listed for completeness: one-off fees are not part of the estimate. */
  feesNotIncluded: Array<{ name: string; priceDkk: number | null }>;
  /** Calendar months in the period, partial ones by their share of days, to 3 decimals. */
  months: number;
  notes: GridChargeNote[];
}

/**
 * What the grid charges (grid tariffs, Energinet's tariffs, elafgift and subscriptions) for a
 * period come to at today's prices: each consumption point × the tariffs in force at `nowMs` for
 * the same position of the day (a point longer than 15 minutes priced per quarter hour), plus the
 * subscriptions in force at `nowMs` for the period's days or months. Eloverblik serves no price
 * history, so past price changes are not reflected.
 */
export function estimateGridCharges(input: GridChargeEstimateInput): GridChargeEstimate {
  const { charges, nowMs } = input;
  const current = { tariffs: currentTariffs(charges, nowMs) };
  const key = (t: { priceId: string | null; name: string; owner: string }) =>
    `${t.priceId}|${t.name}|${t.owner}`;
  const perTariff = new Map<string, GridChargeEstimate["tariffs"][number]>();
  for (const t of current.tariffs) {
    perTariff.set(key(t), { name: t.name, owner: t.owner, periodType: t.periodType, costDkk: 0 });
  }
  const skipped = new Map<string, SkippedTariff>();
  let consumption = 0;
  let tariffCost = 0;
  let priced = 0;
  let missing = 0;
  let production = 0;
  /** End of the latest consumption point, delivered or not: how far DataHub's data reaches. */
  let dataEndMs: number | undefined;
  for (const p of input.points) {
    if (p.businessType === "A01") {
      production++;
      continue;
    }
    const startMs = Date.parse(p.start);
    const endMs = Date.parse(p.end);
    if (dataEndMs === undefined || endMs > dataEndMs) dataEndMs = endMs;
    if (p.quantity === null || p.quality === "A02") {
      missing++;
      continue;
    }
    const duration = endMs - startMs;
    const samples = Math.min(MAX_SAMPLES, Math.max(1, Math.round(duration / QUARTER_MS)));
    const step = duration / samples;
    const share = p.quantity / samples;
    for (let i = 0; i < samples; i++) {
      const at = tariffAt(current, startMs + i * step);
      tariffCost += at.total * share;
      for (const part of at.parts) {
        const entry = perTariff.get(key(part));
        if (entry) entry.costDkk += part.price * share;
      }
      for (const s of at.skipped) skipped.set(`${s.priceId}|${s.name}|${s.reason}`, s);
    }
    consumption += p.quantity;
    priced++;
  }

  const months = monthsInPeriod(input.from, input.to);
  const days = daysBetween(input.from, input.to);
  const subscriptions = charges.subscriptions
    .filter((s) => isInForce(s, nowMs))
    .map((s) => ({
      name: s.name,
      periodType: s.periodType,
      monthlyDkk: roundTo(monthlyAmount(s), 2),
      costDkk: roundTo(amountForPeriod(s, { days, months }), 2),
    }));
  const subscriptionCost = subscriptions.reduce((sum, s) => sum + s.costDkk, 0);

  const notes: GridChargeNote[] = [];
  if (dataEndMs === undefined) notes.push({ kind: "no-consumption-data" });
  else if (dataEndMs < localDateStartUtc(input.to)) {
    notes.push({ kind: "data-ends-early", dataEnd: new Date(dataEndMs).toISOString() });
  }
  if (current.tariffs.length === 0) notes.push({ kind: "no-tariff-in-force" });
  if (production > 0) notes.push({ kind: "production-left-out", points: production });
  if (missing > 0) notes.push({ kind: "points-without-quantity", points: missing });
  for (const s of current.tariffs.length > 0 && priced === 0 ? tariffAt(current, nowMs).skipped : []) {
    skipped.set(`${s.priceId}|${s.name}|${s.reason}`, s);
  }
  for (const s of skipped.values()) {
    notes.push({ kind: "tariff-skipped", name: s.name, priceId: s.priceId, reason: s.reason });
  }

  return {
    meteringPointId: input.meteringPointId ?? charges.meteringPointId,
    from: input.from,
    to: input.to,
    consumptionKwh: roundTo(consumption, 3),
    pricedPoints: priced,
    missingPoints: missing,
    tariffCostDkk: roundTo(tariffCost, 2),
    subscriptionCostDkk: roundTo(subscriptionCost, 2),
    totalDkk: roundTo(tariffCost + subscriptionCost, 2),
    averageTariffDkkPerKwh: consumption > 0 ? roundTo(tariffCost / consumption, 4) : null,
    tariffs: [...perTariff.values()].map((t) => ({ ...t, costDkk: roundTo(t.costDkk, 2) })),
    subscriptions,
    feesNotIncluded: charges.fees.map((f) => ({ name: f.name, priceDkk: f.price })),
    months: roundTo(months, 3),
    notes,
  };
}
