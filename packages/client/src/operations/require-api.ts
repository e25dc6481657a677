import type { ApiKind } from "../auth/describe-token.js";
import { invalidInput } from "../errors/eloverblik-error.js";
import type { OperationContext } from "./context.js";

/** Refuses an operation the configured API does not offer, before any request. */
export function requireApi(ctx: OperationContext, api: ApiKind, operation: string): void {
  if (ctx.api !== api) {
    const name = api === "customer" ? "Customer" : "Third Party";
    throw invalidInput(
      `${operation} is only offered by the ${name} API; this client is set up for the other one.`,
      {
        operation,
      },
    );
  }
}
