// How many points of a resolution a stretch of time holds, so that a gap counts in the same unit
// as the points around it. Internal.
import { daysBetween, localDateOf, localParts } from "../time/danish-time.js";
import { resolveResolution } from "../time-series/resolution.js";

function monthIndex(ms: number): number {
  const p = localParts(ms);
  return p.year * 12 + p.month - 1;
}

/**
 * Points of `resolution` that fit in [startMs, endMs): sub-daily steps by elapsed time, days,
 * months and years on the Danish calendar. At least 1 for any non-empty stretch (a stretch too
 * short for one whole point still lacks one); 1 for a resolution without a length (PXD, unknown).
 */
export function slotsBetween(resolution: string, startMs: number, endMs: number): number {
  if (!(endMs > startMs)) return 0;
  const info = resolveResolution(resolution);
  let slots = 1;
  if (info?.kind === "fixed") slots = Math.round((endMs - startMs) / info.stepMs);
  else if (info?.kind === "day") slots = daysBetween(localDateOf(startMs), localDateOf(endMs));
  else if (info?.kind === "month") slots = monthIndex(endMs) - monthIndex(startMs);
  else if (info?.kind === "year") slots = localParts(endMs).year - localParts(startMs).year;
  return Math.max(1, slots);
}
