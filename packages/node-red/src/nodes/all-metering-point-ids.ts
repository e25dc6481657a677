import { meteringPointIds } from "../inputs.js";
import type { OperationContext } from "../operation-node.js";

/**
 * The ids a data node works on: those given, or else (Customer API) every metering point related to
 * the account, so that a flow works without copying ids first.
 */
export async function idsOrAll(ctx: OperationContext): Promise<string[]> {
  const ids = meteringPointIds(ctx.msg, ctx.definition);
  if (ids.length > 0 || ctx.api !== "customer") return ids;
  const points = await ctx.client.listMeteringPoints({ signal: ctx.signal, onProgress: ctx.onProgress });
  return points.flatMap((p) => (p.meteringPointId ? [p.meteringPointId] : []));
}
