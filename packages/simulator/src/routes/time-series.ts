import { failedItem, json, okItem } from "../core/responses.js";
import type { RequestContext, RouteResult } from "../core/types.js";
import { buildMarketDocument } from "../data/time-series.js";
import { addLocalDays } from "../time/calendar.js";
import {
  type Parsed,
  parseMeteringPointIds,
  type Resolved,
  resolveIds,
} from "../validation/metering-points.js";
import { parseAggregation, validatePeriod } from "../validation/period.js";
import type * as Wire from "../wire.js";

export interface TimeSeriesPlan {
  from: string;
  to: string;
  aggregation: Wire.Aggregation;
  items: Resolved[];
}

/**
 * Everything the time-series call and its CSV export check before producing data: the period
 * rules, the aggregation name, the id list and access. For the third party, a period outside the
 * metering point's access window fails that item with 30010 DateNotCoveredByAuthorization.
 */
export function planTimeSeries(ctx: RequestContext): Parsed<TimeSeriesPlan> {
  const from = ctx.params.dateFrom ?? "";
  const to = ctx.params.dateTo ?? "";
  const periodError = validatePeriod(from, to, ctx.nowMs);
  if (periodError !== undefined) return { ok: false, result: periodError };
  const aggregation = parseAggregation(ctx.params.aggregation ?? "");
  if (!aggregation.ok) return aggregation;
  const ids = parseMeteringPointIds(ctx);
  if (!ids.ok) return ids;
  const resolved = resolveIds(ctx, ids.value);
  if (!resolved.ok) return resolved;
  const items = resolved.value.map((r): Resolved => {
    if ("errorCode" in r || r.access === undefined) return r;
    const covered = from >= r.access.from && to <= addLocalDays(r.access.to, 1);
    return covered ? r : { id: r.id, errorCode: 30010 };
  });
  return { ok: true, value: { from, to, aggregation: aggregation.value, items } };
}

export function getTimeSeries(ctx: RequestContext): RouteResult {
  const plan = planTimeSeries(ctx);
  if (!plan.ok) return plan.result;
  const { from, to, aggregation, items } = plan.value;
  const result = items.map((r) => {
    if ("errorCode" in r) return failedItem("MyEnergyData_MarketDocument", r.errorCode, r.id);
    const document = buildMarketDocument(ctx.model.meterData, {
      mp: r.mp,
      from,
      to,
      aggregation,
      nowMs: ctx.nowMs,
      documentId: ctx.model.uuid(),
      lagDays: ctx.model.scenario.value.dataLagDays,
    });
    return okItem("MyEnergyData_MarketDocument", document, r.id);
  });
  return json({ result });
}
