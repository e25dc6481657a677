import { type CallOptions, callApi, type OperationContext } from "./context.js";

/** Whether Eloverblik reports itself healthy (`true`/`false`; refreshed by Energinet every minute). */
export async function isAlive(ctx: OperationContext, options?: CallOptions): Promise<boolean> {
  const call = { operation: "isAlive", kind: "data" as const, anonymous: true };
  const { data } = await callApi<unknown>(ctx, call, options, {}, (fetchImpl) =>
    ctx.api === "customer"
      ? ctx.customer.GET("/customerapi/api/isalive", { fetch: fetchImpl })
      : ctx.thirdparty.GET("/thirdpartyapi/api/isalive", { fetch: fetchImpl }),
  );
  return data === true || data === "true";
}
