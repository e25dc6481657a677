import { invalidInput } from "../errors/eloverblik-error.js";
import { localParts } from "../time/danish-time.js";
import { isInForce } from "./is-in-force.js";
import type { ChargePeriodType, NormalizedCharges } from "./normalize-charges.js";

export interface TariffPart {
  name: string;
  owner: string;
  priceId: string | null;
  /** DKK per kWh excluding VAT. */
  price: number;
  periodType: ChargePeriodType;
  position: number;
}

export interface SkippedTariff {
  name: string;
  priceId: string | null;
  reason: string;
}

export interface TariffAtResult {
  /**
   * Sum of `parts[].price`: DKK per kWh excluding VAT (subscriptions and fees are not per kWh),
   * rounded to a millionth of a krone, the precision DataHub gives prices in (so 0.069 + 0.761 +
   * 0.761 is 1.591, not the 1.5910000000000002 of adding binary floating-point numbers).
   */
  total: number;
  parts: TariffPart[];
  /** Valid tariffs that could not be priced at this instant (unknown period type, missing position). */
  skipped: SkippedTariff[];
}

/** DataHub states prices with six decimals: a millionth of a krone is the finest step a price has. */
const PRICE_STEPS_PER_KRONE = 1_000_000;

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function toInstant(instant: Date | number | string): number {
  if (instant instanceof Date) {
    const ms = instant.getTime();
    if (!Number.isNaN(ms)) return ms;
  } else if (typeof instant === "number") {
    if (Number.isFinite(instant)) return instant;
  } else if (typeof instant === "string" && INSTANT_RE.test(instant)) {
    const ms = Date.parse(instant);
    if (!Number.isNaN(ms)) return ms;
  }
  throw invalidInput(
    `instant must be a valid Date, epoch milliseconds or an ISO 8601 instant with a zone (e.g. 2024-10-27T01:30:00Z); got ${JSON.stringify(instant)}.`,
  );
}

/**
 * Position of an instant in a tariff's daily price list, read off the Danish wall clock:
 * P1D/P1M → 1; PT1H → local hour + 1; PT15M → local quarter of the day + 1.
 * Using the wall clock (not elapsed time since midnight) is what keeps positions within 24/96
 * on DST days: on the 25-hour day both 02:00–03:00 hours map to position 3 (PT1H) or 9–12
 * (PT15M), and on the 23-hour day there is no 02:00, so position 3 (9–12) is simply never used.
 */
export function tariffPosition(periodType: ChargePeriodType, instantMs: number): number {
  if (periodType === "P1D" || periodType === "P1M") return 1;
  const { hour, minute } = localParts(instantMs);
  return periodType === "PT1H" ? hour + 1 : hour * 4 + Math.floor(minute / 15) + 1;
}

/**
 * The tariffs that apply at one instant with their prices, and their sum (DKK per kWh
 * excluding VAT). A tariff counts when validFrom ≤ instant < validTo (a null bound is open).
 * getcharges returns only current and future charges, so instants in the past may be missing
 * tariffs that applied then.
 */
export function tariffAt(
  charges: Pick<NormalizedCharges, "tariffs">,
  instant: Date | number | string,
): TariffAtResult {
  const ms = toInstant(instant);
  const parts: TariffPart[] = [];
  const skipped: SkippedTariff[] = [];
  // In millionths of a krone: whole numbers add exactly.
  let totalMicro = 0;
  for (const tariff of charges.tariffs) {
    if (tariff.validityUnreadable) {
      skipped.push({
        name: tariff.name,
        priceId: tariff.priceId,
        reason: "validity dates could not be read",
      });
      continue;
    }
    if (!isInForce(tariff, ms)) continue;
    if (tariff.periodType === null) {
      skipped.push({ name: tariff.name, priceId: tariff.priceId, reason: "unknown periodType" });
      continue;
    }
    const position = tariffPosition(tariff.periodType, ms);
    const entry = tariff.prices.find((p) => p.position === position);
    if (entry === undefined) {
      skipped.push({
        name: tariff.name,
        priceId: tariff.priceId,
        reason: `no price for position ${position}`,
      });
      continue;
    }
    parts.push({
      name: tariff.name,
      owner: tariff.owner,
      priceId: tariff.priceId,
      price: entry.price,
      periodType: tariff.periodType,
      position,
    });
    totalMicro += Math.round(entry.price * PRICE_STEPS_PER_KRONE);
  }
  return { total: totalMicro / PRICE_STEPS_PER_KRONE, parts, skipped };
}
