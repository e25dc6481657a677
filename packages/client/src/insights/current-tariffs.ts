import { isInForce } from "../charges/is-in-force.js";
import type { NormalizedCharges, Tariff } from "../charges/normalize-charges.js";

/**
 * The tariffs in force at `nowMs`, with their validity opened up so that `tariffAt` prices any
 * other instant, past or future, at today's price for the same position of the day. That is the
 * basis of every estimate: Eloverblik serves no price history. A tariff whose validity could not
 * be read is kept as it is, so that `tariffAt` still reports it as skipped.
 */
export function currentTariffs(charges: Pick<NormalizedCharges, "tariffs">, nowMs: number): Tariff[] {
  const out: Tariff[] = [];
  for (const t of charges.tariffs) {
    if (t.validityUnreadable) out.push(t);
    else if (isInForce(t, nowMs)) out.push({ ...t, validFrom: null, validTo: null });
  }
  return out;
}
