import { danishDateOf } from "../../time/danish-date-of.js";
import { addLocalDays } from "../../time/danish-time.js";
import type { CallOptions, OperationContext } from "../context.js";
import { listAuthorizations } from "./list-authorizations.js";
import { listAuthorizedMeteringPoints } from "./list-authorized-metering-points.js";

/** Days a third party may read a metering point's data: Danish local dates, `to` exclusive. */
export interface AccessWindow {
  from: string;
  to: string;
}

/** How long the windows read from the authorizations are reused. */
const WINDOWS_TTL_MS = 10 * 60_000;

const later = (a: string, b: string | undefined) => (b !== undefined && b > a ? b : a);
const earlier = (a: string, b: string | undefined) => (b !== undefined && b < a ? b : a);

/**
 * Every metering point's access windows, read from the active authorizations (one call for the
 * list, one per authorization) and kept for ten minutes per client. A window is the intersection
 * of the metering point's `accessFrom`/`accessTo` with its authorization's `validFrom`/`validTo`;
 * both ends are whole days, the last one included (as the API checks them).
 */
export async function accessWindows(
  ctx: OperationContext,
  options: CallOptions | undefined,
): Promise<Map<string, AccessWindow[]>> {
  const cached = ctx.accessWindows;
  if (cached && ctx.ports.now() - cached.atMs < WINDOWS_TTL_MS) return cached.windows;
  const windows = new Map<string, AccessWindow[]>();
  const authorizations = await listAuthorizations(ctx, options);
  const lists = await Promise.all(
    authorizations
      .filter((a) => typeof a.id === "string" && a.id)
      .map(async (a) => ({
        a,
        points: await listAuthorizedMeteringPoints(ctx, "authorizationId", a.id as string, options),
      })),
  );
  for (const { a, points } of lists) {
    for (const mp of points) {
      const id = mp.meteringPointId;
      const accessFrom = danishDateOf(mp.accessFrom) ?? danishDateOf(a.validFrom);
      const accessTo = danishDateOf(mp.accessTo) ?? danishDateOf(a.validTo);
      if (typeof id !== "string" || accessFrom === undefined || accessTo === undefined) continue;
      const from = later(accessFrom, danishDateOf(a.validFrom));
      const lastDay = earlier(accessTo, danishDateOf(a.validTo));
      if (lastDay < from) continue;
      const list = windows.get(id) ?? [];
      list.push({ from, to: addLocalDays(lastDay, 1) });
      windows.set(id, list);
    }
  }
  ctx.accessWindows = { atMs: ctx.ports.now(), windows };
  return windows;
}

/**
 * Splits a period into the parts some window covers and the parts none does, each in time order.
 */
export function clipToWindows(
  period: AccessWindow,
  windows: readonly AccessWindow[],
): { inside: AccessWindow[]; outside: AccessWindow[] } {
  const parts = windows
    .map((w) => ({ from: later(period.from, w.from), to: earlier(period.to, w.to) }))
    .filter((p) => p.from < p.to)
    .sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0));
  const inside: AccessWindow[] = [];
  for (const part of parts) {
    const last = inside[inside.length - 1];
    if (last && part.from <= last.to) last.to = later(last.to, part.to);
    else inside.push({ ...part });
  }
  const outside: AccessWindow[] = [];
  let at = period.from;
  for (const part of inside) {
    if (part.from > at) outside.push({ from: at, to: part.from });
    at = part.to;
  }
  if (at < period.to) outside.push({ from: at, to: period.to });
  return { inside, outside };
}
