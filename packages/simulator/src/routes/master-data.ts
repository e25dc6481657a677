import { failedItem, json, okItem } from "../core/responses.js";
import type { RequestContext, RouteResult } from "../core/types.js";
import { customerCharges, thirdPartyCharges } from "../data/charges.js";
import { customerDetails, thirdPartyDetails } from "../data/details.js";
import type { MeteringPointSpec } from "../model/catalogue.js";
import { parseMeteringPointIds, resolveIds } from "../validation/metering-points.js";

/** The shared shape of getdetails and getcharges: one `{result: payload, …envelope}` item per id. */
function perMeteringPoint(ctx: RequestContext, payload: (mp: MeteringPointSpec) => unknown): RouteResult {
  const parsed = parseMeteringPointIds(ctx);
  if (!parsed.ok) return parsed.result;
  const resolved = resolveIds(ctx, parsed.value);
  if (!resolved.ok) return resolved.result;
  const result = resolved.value.map((r) =>
    "errorCode" in r ? failedItem("result", r.errorCode, r.id) : okItem("result", payload(r.mp), r.id),
  );
  return json({ result });
}

export function getDetails(ctx: RequestContext): RouteResult {
  const { catalogue } = ctx.model;
  return perMeteringPoint(ctx, (mp) =>
    ctx.api === "customer"
      ? customerDetails(catalogue, mp, ctx.nowMs)
      : thirdPartyDetails(catalogue, mp, ctx.nowMs),
  );
}

export function getCharges(ctx: RequestContext): RouteResult {
  const { catalogue } = ctx.model;
  return perMeteringPoint(ctx, (mp) =>
    ctx.api === "customer"
      ? customerCharges(catalogue, mp, ctx.nowMs)
      : thirdPartyCharges(catalogue, mp, ctx.nowMs),
  );
}
