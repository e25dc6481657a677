import { businessError, codeName, json } from "../core/responses.js";
import type { RequestContext, RouteResult } from "../core/types.js";
import { ChargeLinksBuilder } from "../data/charge-links.js";
import {
  noValidIds,
  parseJsonBody,
  resolveIds,
  tooManyIds,
  WELL_FORMED_ID,
} from "../validation/metering-points.js";

interface QueryItem {
  meteringPointId?: unknown;
  from?: unknown;
  to?: unknown;
}

/** Served only under the scenario `chargeLinks: "available"`; live it answers 404 (reference §5). */
export function getChargeLinks(ctx: RequestContext): RouteResult {
  const parsed = parseJsonBody(ctx);
  if (!parsed.ok) return parsed.result;
  const query = (parsed.value as { query?: unknown } | null)?.query;
  const items: QueryItem[] = Array.isArray(query) ? (query as QueryItem[]) : [];
  const max = ctx.model.maxMeteringPointsPerRequest;
  if (items.length > max) return tooManyIds(items.length, max);
  const windows: Array<{ id: string; fromMs: number; toMs: number }> = [];
  for (const item of items) {
    const fromMs = typeof item.from === "string" ? Date.parse(item.from) : Number.NaN;
    const toMs = typeof item.to === "string" ? Date.parse(item.to) : Number.NaN;
    if (Number.isNaN(fromMs) || Number.isNaN(toMs)) {
      return businessError(30004, "Invalid date format, from and to must be ISO 8601 date-times.");
    }
    if (fromMs >= toMs) return businessError(30001, "Period not allowed, from must be before to.");
    windows.push({ id: typeof item.meteringPointId === "string" ? item.meteringPointId : "", fromMs, toMs });
  }
  if (!windows.some((w) => WELL_FORMED_ID.test(w.id))) return noValidIds();
  const resolved = resolveIds(
    ctx,
    windows.map((w) => w.id),
  );
  if (!resolved.ok) return resolved.result;
  const builder = new ChargeLinksBuilder(ctx.model.catalogue, ctx.nowMs);
  resolved.value.forEach((r, index) => {
    const window = windows[index] as (typeof windows)[number];
    if ("errorCode" in r) builder.fail(r.id, codeName(r.errorCode));
    else builder.add(r.mp, window.fromMs, window.toMs);
  });
  return json({ result: builder.response() });
}
