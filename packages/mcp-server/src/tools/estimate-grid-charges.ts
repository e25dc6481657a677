import type { NormalizedChargesResult } from "@eloverblik-kit/client";
import { z } from "zod";
import { ESTIMATE_FRAME, estimate, type ToolEstimate } from "../charges/estimate.js";
import { defineTool, READ_ONLY } from "../define-tool.js";
import { type Failure, failureLines, failuresField } from "../errors.js";
import { num } from "../format.js";
import { defaultTo, fetchSeries } from "../time-series/fetch.js";
import { latestDataText, latestDaysWithData } from "../time-series/latest-data.js";
import { failureFor, fromField, idsField, toField } from "./shared.js";

const inputSchema = {
  metering_point_ids: idsField,
  from: fromField,
  to: toField("Defaults to today, i.e. up to and including yesterday."),
};

const outputSchema = {
  from: z.string(),
  to: z.string(),
  basis: z.string().describe("How the estimate was made"),
  estimates: z.array(
    z.object({
      meteringPointId: z.string(),
      from: z.string(),
      to: z.string(),
      consumptionKwh: z.number(),
      pricedPoints: z.number(),
      missingPoints: z.number(),
      tariffCostDkk: z.number(),
      subscriptionCostDkk: z.number(),
      totalDkk: z.number().describe("Estimate, DKK excluding VAT"),
      averageTariffDkkPerKwh: z.number().nullable(),
      tariffs: z.array(
        z.object({
          name: z.string(),
          owner: z.string(),
          periodType: z.string().nullable(),
          costDkk: z.number(),
        }),
      ),
      subscriptions: z.array(
        z.object({
          name: z.string(),
          periodType: z.string().nullable(),
          monthlyDkk: z.number(),
          costDkk: z.number(),
        }),
      ),
      feesNotIncluded: z.array(z.object({ name: z.string(), priceDkk: z.number().nullable() })),
      months: z.number(),
      notes: z.array(z.string()),
    }),
  ),
  failures: failuresField,
};

const BASIS =
  "ESTIMATE with TODAY's grid charges: consumption in the period × the tariffs in force today for the same time of day, plus today's subscriptions per month. Eloverblik serves no price history, so this is not what was actually billed. DKK excluding VAT, excluding the electricity price itself.";

function estimateText(e: ToolEstimate): string[] {
  const lines = [
    `${e.meteringPointId}: ≈ ${num(e.totalDkk, 2)} DKK excl. VAT = tariffs ${num(e.tariffCostDkk, 2)} (${num(e.consumptionKwh)} kWh × avg ${num(e.averageTariffDkkPerKwh, 4)} DKK/kWh) + subscriptions ${num(e.subscriptionCostDkk, 2)} (${num(e.months, 2)} months)`,
  ];
  for (const t of e.tariffs) lines.push(`  ${t.name}: ${num(t.costDkk, 2)} DKK`);
  for (const s of e.subscriptions)
    lines.push(`  ${s.name}: ${num(s.monthlyDkk, 2)} DKK/month → ${num(s.costDkk, 2)} DKK`);
  for (const note of e.notes.slice(ESTIMATE_FRAME.length)) lines.push(`  note: ${note}`);
  return lines;
}

export const estimateGridChargesTool = defineTool({
  name: "estimate_grid_charges",
  apis: ["customer", "thirdparty"],
  title: "Estimate grid charges",
  description:
    "Estimates what the grid charges (nettarif, Energinet tariffs, elafgift and subscriptions) for a period come to: metered consumption × the tariffs in force TODAY at the same time of day, plus today's subscriptions per month. Clearly an estimate: Eloverblik has no price history. DKK excluding VAT, excluding the electricity (spot) price.",
  inputSchema,
  outputSchema,
  annotations: READ_ONLY,
  async run(args, ctx, call) {
    const to = args.to ?? defaultTo(ctx);
    const { range, series, failures } = await fetchSeries(ctx, {
      ids: args.metering_point_ids,
      from: args.from,
      to,
      aggregation: "Actual",
      options: call.options,
    });
    const chargeFailures: Failure[] = [];
    const charges = new Map<string, NormalizedChargesResult>();
    if (series.length > 0) {
      const results = await ctx.client().getCharges(
        series.map((s) => s.meteringPointId),
        call.options,
      );
      for (const r of results) {
        if (r.ok) charges.set(r.id, r.data);
        else chargeFailures.push(failureFor(ctx, r.id, r.error));
      }
    }
    const empty = series
      .filter((s) => !s.partial && s.data.points.length === 0)
      .map((s) => s.meteringPointId);
    const latest = await latestDaysWithData(ctx, empty, range.from, call.options);
    const estimates: ToolEstimate[] = [];
    for (const s of series) {
      const c = charges.get(s.meteringPointId);
      if (!c) continue;
      const e = estimate({
        meteringPointId: s.meteringPointId,
        from: range.from,
        to: range.to,
        points: s.data.points,
        charges: c,
        nowMs: ctx.now(),
      });
      const where = latestDataText(range.from, latest.get(s.meteringPointId));
      if (where) e.notes.push(where);
      if (s.partial) e.notes.push("Partial: some periods of consumption failed (see failures).");
      estimates.push(e);
    }
    const allFailures = [...failures, ...chargeFailures];
    const lines = [
      `Grid charges ${range.from} to ${range.to} (to exclusive). ${BASIS}`,
      ...estimates.flatMap(estimateText),
      ...failureLines(allFailures),
    ];
    return {
      structured: { from: range.from, to: range.to, basis: BASIS, estimates, failures: allFailures },
      text: lines.join("\n"),
      isError: estimates.length === 0 && allFailures.length > 0,
    };
  },
});
