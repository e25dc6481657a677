/** The validity fields every normalised charge and tariff carries. */
export interface Validity {
  validFrom: string | null;
  validTo: string | null;
  validityUnreadable?: true;
}

/**
 * Whether a charge or tariff applies at an instant: validFrom ≤ instant < validTo, a null bound
 * open. A tariff whose validity dates could not be read applies nowhere (as `tariffAt` treats it).
 */
export function isInForce(charge: Validity, instantMs: number): boolean {
  if (charge.validityUnreadable) return false;
  if (charge.validFrom !== null && instantMs < Date.parse(charge.validFrom)) return false;
  if (charge.validTo !== null && instantMs >= Date.parse(charge.validTo)) return false;
  return true;
}
