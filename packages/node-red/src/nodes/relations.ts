import { choice, meteringPointIds, text } from "../inputs.js";
import { type OperationContext, type OperationResult, registerOperationNode } from "../operation-node.js";
import type { NodeAPI } from "../red.js";
import { splitResults } from "./item-results.js";

export const RELATIONS_TYPE = "eloverblik-relations";

const OPERATIONS = ["add", "addByWebAccessCode", "delete"] as const;

/** Links metering points to the account (Customer API), or unlinks one. */
async function run(ctx: OperationContext): Promise<OperationResult> {
  const operation = choice(ctx.msg, ctx.definition, "operation", OPERATIONS);
  const call = { signal: ctx.signal, onProgress: ctx.onProgress };
  const ids = meteringPointIds(ctx.msg, ctx.definition);
  if (operation === "add") {
    const { data: added, failed } = splitResults(await ctx.client.addRelations(ids, call));
    return { payload: { added, failed }, summary: `${added.length} added`, failed: failed.length };
  }
  // One metering point: the client refuses none or several with INVALID_INPUT naming the field.
  const id = ids.length === 1 ? ids[0]! : ids.join(",");
  if (operation === "addByWebAccessCode") {
    const code = text(ctx.msg.webAccessCode) ?? text(ctx.definition.webAccessCode) ?? "";
    const added = await ctx.client.addRelationByWebAccessCode(id, code, call);
    return { payload: { added: [added], failed: [] }, summary: "1 added" };
  }
  const deleted = await ctx.client.deleteRelation(id, call);
  return {
    payload: { deleted: deleted ? [id] : [], failed: [] },
    summary: deleted ? "1 deleted" : "0 deleted",
  };
}

export function registerRelationsNode(RED: NodeAPI): void {
  registerOperationNode(RED, RELATIONS_TYPE, run);
}
