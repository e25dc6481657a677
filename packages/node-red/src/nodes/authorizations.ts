import type { AuthorizationScope } from "@eloverblik-kit/client";
import { choice, text } from "../inputs.js";
import { type OperationContext, type OperationResult, registerOperationNode } from "../operation-node.js";
import type { NodeAPI } from "../red.js";

export const AUTHORIZATIONS_TYPE = "eloverblik-authorizations";

const OPERATIONS = ["list", "meteringPoints", "meteringPointIds"] as const;

/** A third party's authorizations and the metering points they cover (Third Party API). */
async function run(ctx: OperationContext): Promise<OperationResult> {
  const operation = choice(ctx.msg, ctx.definition, "operation", OPERATIONS);
  const call = { signal: ctx.signal, onProgress: ctx.onProgress };
  if (operation === "list") {
    const authorizations = await ctx.client.listAuthorizations(call);
    return { payload: { authorizations }, summary: `${authorizations.length} authorizations` };
  }
  const scope = (text(ctx.msg.scope) ??
    text(ctx.definition.scope) ??
    "authorizationId") as AuthorizationScope;
  const identifier = text(ctx.msg.identifier) ?? text(ctx.definition.identifier) ?? "";
  if (operation === "meteringPoints") {
    const meteringPoints = await ctx.client.listAuthorizedMeteringPoints(scope, identifier, call);
    const ids = meteringPoints.flatMap((p) => (p.meteringPointId ? [p.meteringPointId] : []));
    return {
      payload: { meteringPoints },
      summary: `${meteringPoints.length} metering points`,
      set: { meteringPointIds: ids },
    };
  }
  const ids = await ctx.client.listAuthorizedMeteringPointIds(scope, identifier, call);
  return {
    payload: { meteringPointIds: ids },
    summary: `${ids.length} metering points`,
    set: { meteringPointIds: ids },
  };
}

export function registerAuthorizationsNode(RED: NodeAPI): void {
  registerOperationNode(RED, AUTHORIZATIONS_TYPE, run);
}
