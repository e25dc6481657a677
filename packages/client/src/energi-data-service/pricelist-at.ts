import { localParts } from "../time/danish-time.js";
import type { PricelistRow } from "./types.js";

/** Whether a row applies at an instant: ValidFrom ≤ instant < ValidTo (null open). */
export function rowInForce(row: Pick<PricelistRow, "validFrom" | "validTo">, instantMs: number): boolean {
  return (
    Date.parse(row.validFrom) <= instantMs && (row.validTo === null || instantMs < Date.parse(row.validTo))
  );
}

/**
 * The one row of a code in force at an instant: where rows overlap, the later ValidFrom wins
 * (a company publishes a change as a new row without closing the old one).
 */
export function pricelistRowAt<R extends Pick<PricelistRow, "validFrom" | "validTo">>(
  rows: readonly R[],
  instantMs: number,
): R | undefined {
  let best: R | undefined;
  let bestFrom = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    if (!rowInForce(row, instantMs)) continue;
    const from = Date.parse(row.validFrom);
    if (from >= bestFrom) {
      best = row;
      bestFrom = from;
    }
  }
  return best;
}

/**
 * A row's price at an instant: `Price{N}` for the Danish local hour N-1 of the instant, so on the
 * autumn DST day both 02:00 hours use Price3 and in spring Price3 goes unused. Flat rows: Price1.
 */
export function pricelistPriceAt(row: Pick<PricelistRow, "prices">, instantMs: number): number {
  const hour = localParts(instantMs).hour;
  return row.prices[hour] ?? (row.prices[0] as number);
}
