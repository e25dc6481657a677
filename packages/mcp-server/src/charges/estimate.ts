import {
  addLocalMonths,
  daysBetween,
  localDateStartUtc,
  type NormalizedCharges,
  type Tariff,
  type TimeSeriesPoint,
  tariffAt,
} from "@eloverblik-kit/client";
import { localTime, round } from "../format.js";
import { amountForPeriod, monthlyAmount } from "./monthly.js";

const QUARTER_MS = 900_000;
/** A month has at most 2 976 quarter hours; coarser points are priced by sampling every quarter. */
const MAX_SAMPLES = 3_000;

export interface GridChargeEstimate {
  meteringPointId: string;
  from: string;
  to: string;
  consumptionKwh: number;
  /** Points with a quantity that the current tariffs could price. */
  pricedPoints: number;
  /** Points without a quantity (missing, A02) that add nothing. */
  missingPoints: number;
  tariffCostDkk: number;
  subscriptionCostDkk: number;
  totalDkk: number;
  averageTariffDkkPerKwh: number | null;
  tariffs: Array<{ name: string; owner: string; periodType: string | null; costDkk: number }>;
  subscriptions: Array<{ name: string; periodType: string | null; monthlyDkk: number; costDkk: number }>;
  /** Listed for completeness; one-off fees are not part of the estimate. */
  feesNotIncluded: Array<{ name: string; priceDkk: number | null }>;
  months: number;
  notes: string[];
}

function validAt(t: { validFrom: string | null; validTo: string | null }, ms: number): boolean {
  if (t.validFrom !== null && ms < Date.parse(t.validFrom)) return false;
  if (t.validTo !== null && ms >= Date.parse(t.validTo)) return false;
  return true;
}

/**
 * The tariffs in force now, with their validity opened up so that tariffAt prices any past instant
 * at today's price for the same position of the day. That is the whole point of the estimate: the
 * API serves no price history.
 */
export function currentTariffs(charges: Pick<NormalizedCharges, "tariffs">, nowMs: number): Tariff[] {
  return charges.tariffs
    .filter((t) => validAt(t, nowMs))
    .map((t) => ({ ...t, validFrom: null, validTo: null }));
}

/** Months covered by a period, counting a partial month by its share of days. */
export function monthsIn(from: string, to: string): number {
  let months = 0;
  let monthStart = `${from.slice(0, 7)}-01`;
  while (monthStart < to) {
    const next = addLocalMonths(monthStart, 1);
    const a = from > monthStart ? from : monthStart;
    const b = to < next ? to : next;
    months += daysBetween(a, b) / daysBetween(monthStart, next);
    monthStart = next;
  }
  return months;
}

export function estimateGridCharges(input: {
  meteringPointId: string;
  from: string;
  to: string;
  points: readonly TimeSeriesPoint[];
  charges: NormalizedCharges;
  nowMs: number;
}): GridChargeEstimate {
  const tariffs = currentTariffs(input.charges, input.nowMs);
  const current = { tariffs };
  const perTariff = new Map<
    string,
    { name: string; owner: string; periodType: string | null; costDkk: number }
  >();
  for (const t of tariffs) {
    perTariff.set(`${t.priceId}|${t.name}|${t.owner}`, {
      name: t.name,
      owner: t.owner,
      periodType: t.periodType,
      costDkk: 0,
    });
  }
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
    const endMs = Date.parse(p.end);
    if (dataEndMs === undefined || endMs > dataEndMs) dataEndMs = endMs;
    if (p.quantity === null || p.quality === "A02") {
      missing++;
      continue;
    }
    const startMs = Date.parse(p.start);
    const duration = Date.parse(p.end) - startMs;
    const samples = Math.min(MAX_SAMPLES, Math.max(1, Math.round(duration / QUARTER_MS)));
    const step = duration / samples;
    const share = p.quantity / samples;
    for (let i = 0; i < samples; i++) {
      const at = tariffAt(current, startMs + i * step);
      tariffCost += at.total * share;
      for (const part of at.parts) {
        const entry = perTariff.get(`${part.priceId}|${part.name}|${part.owner}`);
        if (entry) entry.costDkk += part.price * share;
      }
    }
    consumption += p.quantity;
    priced++;
  }

  const months = monthsIn(input.from, input.to);
  const days = daysBetween(input.from, input.to);
  const subscriptions = input.charges.subscriptions
    .filter((s) => validAt(s, input.nowMs))
    .map((s) => ({
      name: s.name,
      periodType: s.periodType,
      monthlyDkk: round(monthlyAmount(s), 2),
      costDkk: round(amountForPeriod(s, { days, months }), 2),
    }));
  const subscriptionCost = subscriptions.reduce((sum, s) => sum + s.costDkk, 0);

  const notes = [
    "Estimate: today's tariffs and subscriptions applied to the whole period. Eloverblik only serves current and future prices, so past price changes are not reflected.",
    "DKK excluding VAT (moms) and excluding the electricity itself (spot price and supplier margin).",
  ];
  // DataHub lags 1–3 days, so the newest part of a period is often not there yet; the tariff
  // part then covers less than the subscriptions do, and the reader must be told.
  if (dataEndMs === undefined) {
    notes.push(
      "No consumption data in the period: the estimate holds the subscriptions for the whole period only. Eloverblik usually lags 1–3 days; choose an earlier period for consumption.",
    );
  } else if (dataEndMs < localDateStartUtc(input.to)) {
    notes.push(
      `Data ends at ${localTime(dataEndMs)} (Danish time); the estimate covers consumption up to then, subscriptions for the whole period.`,
    );
  }
  if (tariffs.length === 0) notes.push("No tariff is in force today for this metering point.");
  if (production > 0)
    notes.push(`${production} production point(s) were left out: grid tariffs price consumption.`);
  if (missing > 0) notes.push(`${missing} point(s) without a quantity add nothing to the estimate.`);
  const skippedAt = tariffs.length > 0 ? tariffAt(current, input.nowMs).skipped : [];
  for (const s of skippedAt) notes.push(`Tariff "${s.name}" could not be priced: ${s.reason}.`);

  return {
    meteringPointId: input.meteringPointId,
    from: input.from,
    to: input.to,
    consumptionKwh: round(consumption),
    pricedPoints: priced,
    missingPoints: missing,
    tariffCostDkk: round(tariffCost, 2),
    subscriptionCostDkk: round(subscriptionCost, 2),
    totalDkk: round(tariffCost + subscriptionCost, 2),
    averageTariffDkkPerKwh: consumption > 0 ? round(tariffCost / consumption, 4) : null,
    tariffs: [...perTariff.values()].map((t) => ({ ...t, costDkk: round(t.costDkk, 2) })),
    subscriptions,
    feesNotIncluded: input.charges.fees.map((f) => ({ name: f.name, priceDkk: f.price })),
    months: round(months, 3),
    notes,
  };
}
