import type { Aggregation, ItemResult, TimeSeriesData } from "@eloverblik-kit/client";
import { pointRecord, summarizeTimeSeries } from "@eloverblik-kit/client/insights";
import { type FailedItem, failedItem } from "../describe.js";
import { choice, period, periodOptions, pick, text } from "../inputs.js";
import { type OperationContext, type OperationResult, registerOperationNode } from "../operation-node.js";
import type { NodeAPI } from "../red.js";
import { idsOrAll } from "./all-metering-point-ids.js";

export const TIME_SERIES_TYPE = "eloverblik-time-series";

const OUTPUTS = ["points", "days", "months", "summary", "raw", "meterReadings"] as const;

/** Failed ids with their period, and what did arrive for them (kept, never dropped). */
function split(results: readonly ItemResult<TimeSeriesData>[]) {
  const data: TimeSeriesData[] = [];
  const failed: FailedItem[] = [];
  for (const r of results) {
    if (r.ok) data.push(r.data);
    else {
      for (const e of r.errors ?? [r.error]) failed.push(failedItem(r.id, e));
      if (r.partial) data.push(r.partial);
    }
  }
  return { data, failed };
}

async function run(ctx: OperationContext): Promise<OperationResult> {
  const out = choice(ctx.msg, ctx.definition, "output", OUTPUTS);
  const ids = await idsOrAll(ctx);
  const p = period(ctx.msg, ctx.definition, ctx.now());
  const call = { signal: ctx.signal, onProgress: ctx.onProgress };
  const set = { meteringPointIds: ids, from: p.from, to: p.to || undefined };

  if (out === "meterReadings") {
    const results = await ctx.client.getMeterReadings(ids, periodOptions(p), call);
    const readings = results.flatMap((r) => (r.ok ? [{ meteringPointId: r.id, ...r.data }] : []));
    const failed = results.flatMap((r) => (r.ok ? [] : [failedItem(r.id, r.error)]));
    return {
      payload: { readings, failed },
      summary: `${readings.length} metering points`,
      failed: failed.length,
      set,
    };
  }

  const aggregation = (text(pick(ctx.msg, "aggregation", ctx.definition)) ?? "Hour") as Aggregation;
  const results = await ctx.client.getTimeSeries(ids, {
    ...periodOptions(p),
    aggregation,
    includeDocuments: out === "raw",
    ...call,
  });
  const { data, failed } = split(results);
  const done = { failed: failed.length, set: { ...set, aggregation } };

  switch (out) {
    case "points": {
      const points = data.flatMap((d) => d.points.map(pointRecord));
      const gaps = data.flatMap((d) => d.gaps);
      return { payload: { points, gaps, failed }, summary: `${points.length} points`, ...done };
    }
    case "days":
    case "months": {
      const breakdown = out === "days" ? "day" : "month";
      const totals = data.flatMap((d) =>
        summarizeTimeSeries(d, { breakdown }).flatMap((s) =>
          s.periods.map((t) => ({
            meteringPointId: s.meteringPointId,
            businessType: s.businessType,
            kind: s.kind,
            unit: s.unit,
            ...t,
          })),
        ),
      );
      return { payload: { totals, failed }, summary: `${totals.length} ${out}`, ...done };
    }
    case "summary": {
      const summaries = data.flatMap((d) => summarizeTimeSeries(d));
      return { payload: { summaries, failed }, summary: `${summaries.length} summaries`, ...done };
    }
    default: {
      const documents = data.map((d) => ({
        meteringPointId: d.meteringPointId,
        documents: d.documents ?? [],
      }));
      const count = documents.reduce((n, d) => n + d.documents.length, 0);
      return { payload: { documents, failed }, summary: `${count} documents`, ...done };
    }
  }
}

export function registerTimeSeriesNode(RED: NodeAPI): void {
  registerOperationNode(RED, TIME_SERIES_TYPE, run);
}
