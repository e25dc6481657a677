import { isEloverblikError } from "../errors/eloverblik-error.js";
import type { ErrorContext } from "../errors/from-response.js";
import type { OperationContext } from "./context.js";

export type Settled<R> = { ids: string[]; result: R } | { ids: string[]; error: unknown };

/**
 * The Third Party API answers a whole request with 401 when one of its metering points is outside
 * every active authorization. Such a batch is sent again one id at a time, so that the authorized
 * ids still arrive and only the denied one fails.
 */
export async function settleWithSplit<R>(
  ctx: OperationContext,
  ids: string[],
  run: (ids: string[]) => Promise<R>,
): Promise<Settled<R>[]> {
  try {
    return [{ ids, result: await run(ids) }];
  } catch (error) {
    if (ctx.api === "thirdparty" && ids.length > 1 && isEloverblikError(error) && error.status === 401) {
      const parts = await Promise.all(ids.map((id) => settleWithSplit(ctx, [id], run)));
      return parts.flat();
    }
    return [{ ids, error }];
  }
}

/**
 * How a Third Party data call's 401 reads: the token was exchanged just before (a refused refresh
 * token fails at the exchange), so the 401 is about access, not about the token.
 */
export function accessErrorContext(
  ctx: OperationContext,
): Pick<ErrorContext, "statusCodes" | "statusMessages"> {
  if (ctx.api !== "thirdparty") return {};
  return {
    statusCodes: { 401: "FORBIDDEN" },
    statusMessages: {
      401: "No active authorization gives this third party access to the metering point (or the period): the Third Party API answers 401. Check the customer's authorization on eloverblik.dk.",
    },
  };
}
