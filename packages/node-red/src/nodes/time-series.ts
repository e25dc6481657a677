import type { Aggregation } from "@eloverblik-kit/client";
import { pointRecord, summarizeTimeSeries } from "@eloverblik-kit/client/insights";
import { choice, period, pick, text } from "../inputs.js";
import { type OperationContext, type OperationResult, registerOperationNode } from "../operation-node.js";
import type { NodeAPI } from "../red.js";
import { idsOrAll } from "./all-metering-point-ids.js";
import { splitResults } from "./item-results.js";

export const TIME_SERIES_TYPE = "eloverblik-time-series";

const OUTPUTS = ["points", "days", "months", "summary", "raw", "meterReadings"] as const;

async function run(ctx: OperationContext): Promise<OperationResult> {
  const out = choice(ctx.msg, ctx.definition, "output", OUTPUTS);
  const ids = await idsOrAll(ctx);
  const p = period(ctx.msg, ctx.definition, ctx.now());
  const call = { signal: ctx.signal, onProgress: ctx.onProgress };
  const set = { meteringPointIds: ids, from: p.from, to: p.to };

  if (out === "meterReadings") {
    const results = await ctx.client.getMeterReadings(ids, p, call);
    const { data: readings, failed } = splitResults(results);
    return {
      payload: { readings, failed },
      summary: `${readings.length} metering points`,
      failed: failed.length,
      set,
    };
  }

  const aggregation = (text(pick(ctx.msg, "aggregation", ctx.definition)) ?? "Hour") as Aggregation;
  const results = await ctx.client.getTimeSeries(ids, {
    ...p,
    aggregation,
    includeDocuments: out === "raw",
    ...call,
  });
  const { data, failed } = splitResults(results);
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
