import { itemFailed } from "../envelope/envelope.js";
import { EloverblikError } from "../errors/eloverblik-error.js";
import { isValidLocalDate, localDateStartUtc } from "../time/danish-time.js";
import { parseDecimal, parsePositiveInt } from "../time-series/decimal.js";
import type { WireCharge, WireChargesDto, WireChargesItem, WireTariff } from "./wire.js";

/** How often a charge applies / how finely a tariff is priced. */
export type ChargePeriodType = "P1M" | "P1D" | "PT1H" | "PT15M";

/** A subscription (per month, `quantity` × `price`) or a one-off/periodic fee. */
export interface Charge {
  /** `priceId`, or the older `subscriptionId`/`feeId`; null when absent. */
  priceId: string | null;
  name: string;
  description: string;
  /** GLN of the company that set the charge. */
  owner: string;
  /** Inclusive start of validity as a UTC ISO instant; null = no lower bound. */
  validFrom: string | null;
  /** Exclusive end of validity as a UTC ISO instant; null = open-ended. */
  validTo: string | null;
  periodType: ChargePeriodType | null;
  /** DKK excluding VAT; null when the API sent no usable number. */
  price: number | null;
  quantity: number | null;
}

export interface TariffPrice {
  /** 1-based position within the local day (P1D: only 1; PT1H: 1–24; PT15M: 1–96). */
  position: number;
  /** DKK per kWh excluding VAT. */
  price: number;
}

export interface Tariff {
  /** `priceId`, or the older `tariffId`; null when absent. */
  priceId: string | null;
  name: string;
  description: string;
  owner: string;
  validFrom: string | null;
  validTo: string | null;
  /** null when the API sent a period type this client does not know (see `warnings`). */
  periodType: ChargePeriodType | null;
  /** Sorted by position. */
  prices: TariffPrice[];
  /** Set when a validity date was sent but could not be read: `tariffAt` then skips the tariff. */
  validityUnreadable?: true;
}

export interface NormalizedCharges {
  meteringPointId: string;
  subscriptions: Charge[];
  /** Always empty for the Third Party API, which has no fees. */
  fees: Charge[];
  tariffs: Tariff[];
  /** Oddities that did not stop normalisation (unknown period type, unexpected price count…). */
  warnings: string[];
}

export interface ChargesFailure {
  meteringPointId: string;
  errorCode: number | null;
  errorText: string;
}

const PERIOD_TYPES: Record<string, ChargePeriodType> = {
  P1M: "P1M",
  MONTH: "P1M",
  P1D: "P1D",
  PT1D: "P1D",
  DAY: "P1D",
  PT1H: "PT1H",
  PT60M: "PT1H",
  HOUR: "PT1H",
  PT15M: "PT15M",
  QUARTER: "PT15M",
};

/** Positions a tariff of each period type should carry for one local day. */
const EXPECTED_POSITIONS: Partial<Record<ChargePeriodType, number>> = { P1D: 1, PT1H: 24, PT15M: 96 };

/** Maps the wire spellings (`P1D`, `DAY`, `PT1H`, `HOUR`, …) to one name; `undefined` if unknown. */
export function normalizeChargePeriodType(value: unknown): ChargePeriodType | undefined {
  return typeof value === "string" ? PERIOD_TYPES[value.trim().toUpperCase()] : undefined;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function id(...candidates: unknown[]): string | null {
  for (const c of candidates) if (typeof c === "string" && c !== "") return c;
  return null;
}

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string") {
    const n = parseDecimal(value);
    return Number.isNaN(n) ? null : n;
  }
  return null;
}

class Normalizer {
  readonly warnings: string[] = [];
  constructor(private readonly meteringPointId: string) {}

  warn(message: string): void {
    this.warnings.push(`${this.meteringPointId || "charges"}: ${message}`);
  }

  date(value: unknown, field: string, label: string): string | null {
    if (value === null || value === undefined || value === "") return null;
    if (typeof value === "string") {
      // A bare date is a Danish calendar day, so it starts at Danish midnight, not UTC.
      if (isValidLocalDate(value)) return new Date(localDateStartUtc(value)).toISOString();
      if (INSTANT_RE.test(value)) {
        // Without a zone, treat it as UTC: the API writes its instants in UTC.
        const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`);
        if (!Number.isNaN(ms)) return new Date(ms).toISOString();
      }
    }
    this.warn(`${label}: ${field} ${JSON.stringify(value)} is not a date; treated as absent.`);
    return null;
  }

  charge(raw: unknown, kind: "subscription" | "fee"): Charge | undefined {
    if (typeof raw !== "object" || raw === null) {
      this.warn(`a ${kind} entry is not an object; skipped.`);
      return undefined;
    }
    const c = raw as WireCharge;
    const name = text(c.name);
    const label = `${kind} ${JSON.stringify(name)}`;
    let periodType: ChargePeriodType | null = null;
    if (c.periodType !== null && c.periodType !== undefined && c.periodType !== "") {
      periodType = normalizeChargePeriodType(c.periodType) ?? null;
      if (periodType === null) this.warn(`${label}: unknown periodType ${JSON.stringify(c.periodType)}.`);
    }
    const price = toNumber(c.price);
    if (price === null) this.warn(`${label}: price ${JSON.stringify(c.price ?? null)} is not a number.`);
    const quantity = toNumber(c.quantity);
    return {
      priceId: id(c.priceId, c.subscriptionId, c.feeId),
      name,
      description: text(c.description),
      owner: text(c.owner),
      validFrom: this.date(c.validFromDate, "validFromDate", label),
      validTo: this.date(c.validToDate, "validToDate", label),
      periodType,
      price,
      quantity,
    };
  }

  tariff(raw: unknown): Tariff | undefined {
    if (typeof raw !== "object" || raw === null) {
      this.warn("a tariff entry is not an object; skipped.");
      return undefined;
    }
    const t = raw as WireTariff;
    const name = text(t.name);
    const label = `tariff ${JSON.stringify(name)}`;
    const periodType = normalizeChargePeriodType(t.periodType) ?? null;
    if (periodType === null) {
      this.warn(
        `${label}: unknown periodType ${JSON.stringify(t.periodType ?? null)}; it cannot be priced by time.`,
      );
    }
    const byPosition = new Map<number, number>();
    const list = Array.isArray(t.prices) ? t.prices : [];
    for (const entry of list) {
      const position = parsePositiveInt(entry?.position);
      const price = toNumber(entry?.price);
      if (Number.isNaN(position) || price === null) {
        this.warn(
          `${label}: price entry ${JSON.stringify(entry ?? null)} has no valid position or price; skipped.`,
        );
        continue;
      }
      if (byPosition.has(position)) {
        this.warn(`${label}: position ${position} appears more than once; the first price was kept.`);
        continue;
      }
      byPosition.set(position, price);
    }
    const prices = [...byPosition].map(([position, price]) => ({ position, price }));
    prices.sort((a, b) => a.position - b.position);
    const expected = periodType === null ? undefined : EXPECTED_POSITIONS[periodType];
    if (expected !== undefined && prices.length !== expected) {
      this.warn(
        `${label}: periodType ${periodType} should have ${expected} price position(s) but has ${prices.length}.`,
      );
    }
    const validFrom = this.date(t.validFromDate, "validFromDate", label);
    const validTo = this.date(t.validToDate, "validToDate", label);
    const sent = (v: unknown) => v !== null && v !== undefined && v !== "";
    // An unreadable bound must not turn into an open one (a future tariff would count today).
    const unreadable =
      (sent(t.validFromDate) && validFrom === null) || (sent(t.validToDate) && validTo === null);
    return {
      priceId: id(t.priceId, t.tariffId),
      name,
      description: text(t.description),
      owner: text(t.owner),
      validFrom,
      validTo,
      periodType,
      prices,
      ...(unreadable ? { validityUnreadable: true as const } : {}),
    };
  }
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isItem(value: Record<string, unknown>): boolean {
  return (
    "success" in value || "errorCode" in value || (typeof value.result === "object" && value.result !== null)
  );
}

function parseErrorCode(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  return null;
}

/**
 * Normalises one getcharges result: either the per-metering-point envelope item
 * (`{ result, success, errorCode, … }`) or the bare `MeteringPointFeesDto` /
 * `MeteringPointChargesDto`. A failed item throws an `API_ERROR` EloverblikError.
 */
export function normalizeCharges(input: unknown): NormalizedCharges {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new EloverblikError({
      code: "UNEXPECTED_RESPONSE",
      message: `Expected a getcharges result item or charges object; got ${input === null ? "null" : typeof input}.`,
      operation: "getCharges",
    });
  }
  const record = input as Record<string, unknown>;
  let dto: WireChargesDto = record as WireChargesDto;
  let fallbackId = "";
  if (isItem(record)) {
    const item = record as WireChargesItem;
    fallbackId = text(item.id);
    const errorCode = parseErrorCode(item.errorCode);
    if (itemFailed(item) || typeof item.result !== "object" || item.result === null) {
      throw new EloverblikError({
        code: "API_ERROR",
        message: `getcharges failed for ${fallbackId || "a metering point"}: ${text(item.errorText) || "no charges returned"}${errorCode === null ? "" : ` (${errorCode})`}.`,
        apiCode: errorCode ?? undefined,
        meteringPointId: fallbackId || undefined,
        operation: "getCharges",
      });
    }
    dto = item.result;
  }
  const meteringPointId = text(dto.meteringPointId) || fallbackId;
  const n = new Normalizer(meteringPointId);
  const subscriptions: Charge[] = [];
  for (const raw of list(dto.subscriptions)) {
    const c = n.charge(raw, "subscription");
    if (c !== undefined) subscriptions.push(c);
  }
  const fees: Charge[] = [];
  for (const raw of list(dto.fees)) {
    const c = n.charge(raw, "fee");
    if (c !== undefined) fees.push(c);
  }
  const tariffs: Tariff[] = [];
  for (const raw of list(dto.tariffs)) {
    const t = n.tariff(raw);
    if (t !== undefined) tariffs.push(t);
  }
  return { meteringPointId, subscriptions, fees, tariffs, warnings: n.warnings };
}

/**
 * Normalises a whole getcharges body `{"result":[item…]}`: successful items become
 * `charges`, failed ones `failures` (one bad metering point does not sink the others).
 */
export function normalizeChargesResponse(response: unknown): {
  charges: NormalizedCharges[];
  failures: ChargesFailure[];
} {
  const result = (response as { result?: unknown } | null)?.result;
  if (!Array.isArray(result)) {
    throw new EloverblikError({
      code: "UNEXPECTED_RESPONSE",
      message: 'Expected a getcharges response {"result":[…]}.',
      operation: "getCharges",
    });
  }
  const charges: NormalizedCharges[] = [];
  const failures: ChargesFailure[] = [];
  for (const raw of result) {
    const item = (typeof raw === "object" && raw !== null ? raw : {}) as WireChargesItem;
    if (itemFailed(item) || typeof item.result !== "object" || item.result === null) {
      failures.push({
        meteringPointId: text(item.id),
        errorCode: parseErrorCode(item.errorCode),
        errorText: text(item.errorText) || "No charges returned.",
      });
      continue;
    }
    charges.push(normalizeCharges(item));
  }
  return { charges, failures };
}
