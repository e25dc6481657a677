import { localDateStartUtc } from "../time/danish-time.js";
import type { EdsRecord, PricelistRow } from "./types.js";

const LOCAL_MIDNIGHT = /^(\d{4}-\d{2}-\d{2})(?:T00:00(?::00(?:\.0+)?)?)?$/;

function localMidnight(value: unknown, field: string, code: string): string | null {
  if (value === null || value === undefined || value === "") return null;
  const m = typeof value === "string" ? LOCAL_MIDNIGHT.exec(value) : null;
  if (m === null) {
    throw new RangeError(
      `DatahubPricelist ${code}: ${field} ${JSON.stringify(value)} is not a Danish local midnight`,
    );
  }
  return new Date(localDateStartUtc(m[1] as string)).toISOString();
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string =>
  typeof v === "string" ? v : v === null || v === undefined ? "" : String(v);

/**
 * A `DatahubPricelist` record as a row: validity as UTC instants of Danish local midnights (exclusive
 * end, null open), `Price2..24` falling back to `Price1` where null. Returns undefined for a row
 * without any price, or whose dates cannot be read (`skipped` says why).
 */
export function pricelistRow(
  record: EdsRecord,
  skipped?: (reason: string) => void,
): PricelistRow | undefined {
  const code = str(record.ChargeTypeCode);
  try {
    const validFrom = localMidnight(record.ValidFrom, "ValidFrom", code);
    if (validFrom === null) throw new RangeError(`DatahubPricelist ${code}: no ValidFrom`);
    const first = num(record.Price1);
    if (first === null) {
      skipped?.(`DatahubPricelist ${code} from ${str(record.ValidFrom)}: no Price1`);
      return undefined;
    }
    let flat = true;
    const prices: number[] = [first];
    for (let n = 2; n <= 24; n++) {
      const p = num(record[`Price${n}`]);
      if (p !== null) flat = false;
      prices.push(p ?? first);
    }
    return {
      owner: str(record.GLN_Number),
      ownerName: str(record.ChargeOwner),
      chargeType: str(record.ChargeType),
      code,
      note: str(record.Note),
      description: str(record.Description),
      validFrom,
      validTo: localMidnight(record.ValidTo, "ValidTo", code),
      prices,
      flat,
      resolution: typeof record.ResolutionDuration === "string" ? record.ResolutionDuration : null,
      tax: record.TaxIndicator === 1 || record.TaxIndicator === "1",
    };
  } catch (error) {
    skipped?.(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}
