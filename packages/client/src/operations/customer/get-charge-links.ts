import { invalidInput } from "../../errors/eloverblik-error.js";
import { validateMeteringPointIds } from "../../plan/plan-requests.js";
import { isDate } from "../../time/date-range.js";
import type { ChargeLinksResponse } from "../../types.js";
import { type CallOptions, callApi, type OperationContext } from "../context.js";

export interface ChargeLinksQuery {
  meteringPointId: string;
  /** ISO instants. */
  from: string | Date;
  to: string | Date;
}

const NOT_DEPLOYED =
  "Charge links (getchargelinkswithcharges) are not available: Energinet has published the endpoint but the live API answers 404 (the charges integration is switched off). Use getCharges for current prices.";

/**
 * Charge links with their charges and price series. Published by Energinet but not deployed: the
 * live API answers 404, which becomes a NOT_AVAILABLE error saying so.
 */
export async function getChargeLinks(
  ctx: OperationContext,
  query: readonly ChargeLinksQuery[],
  options?: CallOptions,
): Promise<ChargeLinksResponse> {
  const operation = "getChargeLinks";
  if (!Array.isArray(query) || query.length === 0)
    throw invalidInput("getChargeLinks needs at least one query item.");
  const items = query.map((q) => {
    validateMeteringPointIds([q.meteringPointId]);
    const from = toInstant(q.from, "from");
    const to = toInstant(q.to, "to");
    if (from >= to)
      throw invalidInput(`getChargeLinks: \`from\` must be before \`to\` (${q.meteringPointId}).`);
    return { meteringPointId: q.meteringPointId, from, to };
  });
  const errorContext = {
    statusCodes: { 404: "NOT_AVAILABLE" },
    statusMessages: { 404: NOT_DEPLOYED },
  } as const;
  const call = { operation, kind: "data" as const, meteringPointIds: items.map((i) => i.meteringPointId) };
  const { data } = await callApi(ctx, call, options, errorContext, (fetchImpl) =>
    ctx.api === "customer"
      ? ctx.customer.POST("/customerapi/api/meteringpoints/meteringpoint/getchargelinkswithcharges", {
          body: { query: items },
          fetch: fetchImpl,
        })
      : ctx.thirdparty.POST("/thirdpartyapi/api/meteringpoint/getchargelinkswithcharges", {
          body: { query: items },
          fetch: fetchImpl,
        }),
  );
  return data?.result ?? {};
}

function toInstant(value: string | Date, field: string): string {
  const ms = isDate(value) ? value.getTime() : Date.parse(String(value));
  if (!Number.isFinite(ms))
    throw invalidInput(`getChargeLinks: \`${field}\` is not a valid date or instant.`);
  return new Date(ms).toISOString();
}
