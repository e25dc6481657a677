import type { DayAheadPrice, PricelistRow } from "../energi-data-service/types.js";

/** A DatahubPricelist row with its validity read once (the engine asks per point). */
export interface IndexedRow {
  code: string;
  note: string;
  fromMs: number;
  toMs: number;
  prices: number[];
  resolution: string | null;
  allZero: boolean;
  /** The price of every hour when the row has one for all (Price1 only, or 24 equal), else NaN. */
  flat: number;
}

export type RowIndex = Map<string, IndexedRow[]>;

export const rowKey = (owner: string, chargeType: string, code: string): string =>
  `${owner}|${chargeType}|${code}`;

export function indexRows(rows: readonly PricelistRow[]): RowIndex {
  const out: RowIndex = new Map();
  for (const row of rows) {
    const key = rowKey(row.owner, row.chargeType, row.code);
    let list = out.get(key);
    if (list === undefined) {
      list = [];
      out.set(key, list);
    }
    list.push({
      code: row.code,
      note: row.note,
      fromMs: Date.parse(row.validFrom),
      toMs: row.validTo === null ? Number.POSITIVE_INFINITY : Date.parse(row.validTo),
      prices: row.prices,
      resolution: row.resolution,
      allZero: row.prices.every((p) => p === 0),
      flat: row.prices.every((p) => p === row.prices[0]) ? (row.prices[0] ?? Number.NaN) : Number.NaN,
    });
  }
  return out;
}

/** The row in force at an instant; on overlap the later ValidFrom wins. */
export function rowAt(rows: readonly IndexedRow[] | undefined, ms: number): IndexedRow | undefined {
  let best: IndexedRow | undefined;
  if (rows === undefined) return undefined;
  for (const row of rows) {
    if (row.fromMs <= ms && ms < row.toMs && (best === undefined || row.fromMs >= best.fromMs)) best = row;
  }
  return best;
}

/** Price{local hour + 1}: both 02:00 hours of the autumn DST day read Price3. */
export function hourPrice(row: IndexedRow, localHour: number): number {
  return row.prices[localHour] ?? (row.prices[0] as number);
}

interface Segment {
  start: number;
  end: number;
  row: IndexedRow | undefined;
}

/**
 * The rows of one code as back-to-back segments, each with its winning row (later ValidFrom on
 * overlap), read run by run over the hours of a period (`runs`).
 */
export class RowTimeline {
  private readonly segments: Segment[] = [];

  constructor(rows: readonly IndexedRow[] | undefined) {
    const cuts = new Set<number>();
    for (const r of rows ?? []) {
      cuts.add(r.fromMs);
      if (Number.isFinite(r.toMs)) cuts.add(r.toMs);
    }
    const sorted = [...cuts].sort((a, b) => a - b);
    let start = Number.NEGATIVE_INFINITY;
    for (const cut of [...sorted, Number.POSITIVE_INFINITY]) {
      this.segments.push({ start, end: cut, row: Number.isFinite(start) ? rowAt(rows, start) : undefined });
      start = cut;
    }
  }

  /**
   * The hours h = 0 … hours - 1 (hour h starts at firstMs + h hours) in runs, each with the row in
   * force during it (undefined for none): a tariff table is filled run by run, not looked up per hour.
   */
  runs(firstMs: number, hours: number): Array<{ from: number; to: number; row: IndexedRow | undefined }> {
    const out: Array<{ from: number; to: number; row: IndexedRow | undefined }> = [];
    for (const s of this.segments) {
      const from = Math.max(0, Math.ceil((s.start - firstMs) / HOUR_MS));
      const to = Math.min(hours, Math.ceil((s.end - firstMs) / HOUR_MS));
      if (from < to) out.push({ from, to, row: s.row });
    }
    return out;
  }
}

const HOUR_MS = 3_600_000;
const QUARTER_MS = 900_000;
const DIGIT0 = 48;
const two = (s: string, i: number) => (s.charCodeAt(i) - DIGIT0) * 10 + (s.charCodeAt(i + 1) - DIGIT0);

/**
 * Epoch ms of a UTC instant written `YYYY-MM-DDTHH:MM:SS(.sss)Z`, as the client writes every point
 * and price (Date.parse for any other form): a year of quarter-hour prices is 35,000 of them.
 */
export function instantMs(text: string): number {
  const n = text.length;
  if ((n === 24 || n === 20) && text.charCodeAt(n - 1) === 90 && text.charCodeAt(10) === 84) {
    const year = two(text, 0) * 100 + two(text, 2);
    const month = two(text, 5);
    const day = two(text, 8);
    // Days from civil (Hinnant), then the time of day.
    const y = month <= 2 ? year - 1 : year;
    const era = Math.floor(y / 400);
    const yoe = y - era * 400;
    const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
    const days = era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
    const ms = n === 24 ? (text.charCodeAt(20) - DIGIT0) * 100 + two(text, 21) : 0;
    const value = ((days * 24 + two(text, 11)) * 60 + two(text, 14)) * 60_000 + two(text, 17) * 1000 + ms;
    if (Number.isFinite(value)) return value;
  }
  return Date.parse(text);
}

/**
 * Prices of one resolution by start instant within the period, in a flat array (prices are
 * contiguous, so this is an index, not a hash): `get` gives the price, NaN for an unpublished one,
 * undefined for none (or an instant outside the period).
 */
export class PriceIndex {
  readonly values: Float64Array;
  readonly present: Uint8Array;

  constructor(
    readonly fromMs: number,
    readonly stepMs: number,
    length: number,
  ) {
    this.values = new Float64Array(length);
    this.present = new Uint8Array(length);
  }

  get(ms: number): number | undefined {
    const i = (ms - this.fromMs) / this.stepMs;
    if (!(i >= 0 && i < this.present.length) || this.present[i] !== 1) return undefined;
    return this.values[i];
  }
}

/**
 * The day-ahead prices of one area within [fromMs, toMs), hourly and quarter-hourly, each as a
 * `PriceIndex`, in one pass over the prices (a year of quarter hours is 35,000 of them).
 */
export function priceIndexes(
  prices: readonly DayAheadPrice[],
  area: string,
  fromMs: number,
  toMs: number,
): { hourly: PriceIndex; quarterly: PriceIndex } {
  const hourly = new PriceIndex(fromMs, HOUR_MS, Math.ceil((toMs - fromMs) / HOUR_MS));
  const quarterly = new PriceIndex(fromMs, QUARTER_MS, Math.ceil((toMs - fromMs) / QUARTER_MS));
  const { values: hourValues, present: hourPresent } = hourly;
  const { values: quarterValues, present: quarterPresent } = quarterly;
  for (let i = 0; i < prices.length; i++) {
    const p = prices[i] as DayAheadPrice;
    if (p.area !== area) continue;
    const ms = typeof p.startMs === "number" ? p.startMs : instantMs(p.start);
    // NaN: not published (yet).
    const value = p.dkkPerMwh ?? Number.NaN;
    if (p.resolution === "PT15M") {
      const k = (ms - fromMs) / QUARTER_MS;
      if (k >= 0 && k < quarterPresent.length && k === Math.floor(k)) {
        quarterValues[k] = value;
        quarterPresent[k] = 1;
      }
    } else {
      const k = (ms - fromMs) / HOUR_MS;
      if (k >= 0 && k < hourPresent.length && k === Math.floor(k)) {
        hourValues[k] = value;
        hourPresent[k] = 1;
      }
    }
  }
  return { hourly, quarterly };
}
