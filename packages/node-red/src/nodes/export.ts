import type { Aggregation } from "@eloverblik-kit/client";
import { choice, period, pick, text } from "../inputs.js";
import { type OperationContext, type OperationResult, registerOperationNode } from "../operation-node.js";
import type { NodeAPI } from "../red.js";
import { idsOrAll } from "./all-metering-point-ids.js";

export const EXPORT_TYPE = "eloverblik-export";

const KINDS = ["timeSeries", "masterData", "charges"] as const;

/** Energinet's own CSV exports (Customer API, semicolons and decimal commas) as text in msg.payload. */
async function run(ctx: OperationContext): Promise<OperationResult> {
  const kind = choice(ctx.msg, ctx.definition, "export", KINDS);
  const ids = await idsOrAll(ctx);
  const call = { signal: ctx.signal, onProgress: ctx.onProgress };
  let csv: string;
  let set: Record<string, unknown> = { meteringPointIds: ids };
  if (kind === "timeSeries") {
    const p = period(ctx.msg, ctx.definition, ctx.now());
    const aggregation = (text(pick(ctx.msg, "aggregation", ctx.definition)) ?? "Hour") as Aggregation;
    csv = await ctx.client.exportTimeSeriesCsv(ids, { ...p, aggregation, ...call });
    set = { ...set, ...p, aggregation };
  } else if (kind === "masterData") {
    csv = await ctx.client.exportMasterDataCsv(ids, call);
  } else {
    csv = await ctx.client.exportChargesCsv(ids, call);
  }
  const lines = csv.split("\n").filter((l) => l.trim() !== "").length;
  return { payload: csv, summary: `${lines} lines`, set };
}

export function registerExportNode(RED: NodeAPI): void {
  registerOperationNode(RED, EXPORT_TYPE, run);
}
