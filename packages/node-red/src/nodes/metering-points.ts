import { formatAddress, meteringPointTypeLabel } from "@eloverblik-kit/client/insights";
import { choice } from "../inputs.js";
import { type OperationContext, type OperationResult, registerOperationNode } from "../operation-node.js";
import type { NodeAPI } from "../red.js";
import { idsOrAll } from "./all-metering-point-ids.js";
import { splitResults } from "./item-results.js";

export const METERING_POINTS_TYPE = "eloverblik-metering-points";

const OPERATIONS = ["list", "details"] as const;

async function run(ctx: OperationContext): Promise<OperationResult> {
  const call = { signal: ctx.signal, onProgress: ctx.onProgress };
  if (choice(ctx.msg, ctx.definition, "operation", OPERATIONS) === "list") {
    const includeAll = ctx.msg.includeAll ?? ctx.definition.includeAll;
    const points = await ctx.client.listMeteringPoints({ ...call, includeAll: includeAll === true });
    const meteringPoints = points.map((p) => ({
      ...p,
      typeLabel: meteringPointTypeLabel(p.typeOfMP) ?? null,
      address: formatAddress(p) ?? null,
    }));
    const ids = meteringPoints.flatMap((p) => (p.meteringPointId ? [p.meteringPointId] : []));
    return {
      payload: { meteringPoints },
      summary: `${meteringPoints.length} metering points`,
      set: { meteringPointIds: ids },
    };
  }
  const ids = await idsOrAll(ctx);
  const { data: details, failed } = splitResults(await ctx.client.getDetails(ids, call));
  return {
    payload: { details, failed },
    summary: `${details.length} details`,
    failed: failed.length,
    set: { meteringPointIds: ids },
  };
}

export function registerMeteringPointsNode(RED: NodeAPI): void {
  registerOperationNode(RED, METERING_POINTS_TYPE, run);
}
