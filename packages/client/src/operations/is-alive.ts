import { isEloverblikError } from "../errors/eloverblik-error.js";
import { type CallOptions, callApi, type OperationContext } from "./context.js";

/** Whether Eloverblik reports itself healthy (`true`/`false`; refreshed by Energinet every minute). */
export async function isAlive(ctx: OperationContext, options?: CallOptions): Promise<boolean> {
  // One attempt: under load the endpoint itself answers 503, which simply means "not alive".
  const call = { operation: "isAlive", kind: "data" as const, anonymous: true, retry: false };
  try {
    const { data } = await callApi(ctx, call, options, {}, (fetchImpl) =>
      ctx.api === "customer"
        ? ctx.customer.GET("/customerapi/api/isalive", { fetch: fetchImpl })
        : ctx.thirdparty.GET("/thirdpartyapi/api/isalive", { fetch: fetchImpl }),
    );
    // Typed boolean; some gateways answer the text "true", so the value is read loosely.
    const value: unknown = data;
    return value === true || value === "true";
  } catch (error) {
    if (isEloverblikError(error) && error.status === 503) return false;
    throw error;
  }
}
