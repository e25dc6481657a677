import type { DayAheadPrice, PricelistRow } from "../energi-data-service/types.js";
import { localParts } from "../time/danish-time.js";

/** A DatahubPricelist row with its validity read once (the engine asks per point). */
export interface IndexedRow {
  code: string;
  note: string;
  fromMs: number;
  toMs: number;
  prices: number[];
  resolution: string | null;
  allZero: boolean;
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

export const localHourOf = (ms: number): number => localParts(ms).hour;

interface Segment {
  start: number;
  end: number;
  row: IndexedRow | undefined;
}

/**
 * The rows of one code as back-to-back segments, each with its winning row (later ValidFrom on
 * overlap): points come in time order, so each lookup is a step of a cursor, not a scan.
 */
export class RowTimeline {
  private readonly segments: Segment[] = [];
  private cursor = 0;

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

  at(ms: number): IndexedRow | undefined {
    const segments = this.segments;
    let s = segments[this.cursor] as Segment;
    if (ms >= s.start && ms < s.end) return s.row;
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((segments[mid] as Segment).end <= ms) lo = mid + 1;
      else hi = mid;
    }
    this.cursor = lo;
    s = segments[lo] as Segment;
    return s.row;
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
 * Prices of one resolution by start instant in a flat array (prices are contiguous, so this is an
 * index, not a hash): `get` gives the price, NaN for an unpublished one, undefined for none.
 */
export class PriceIndex {
  private readonly base: number;
  private readonly values: Float64Array;
  private readonly present: Uint8Array;

  /** `starts[i]` epoch ms and `values[i]` of the prices of this resolution. */
  constructor(
    private readonly stepMs: number,
    starts: Float64Array,
    values: Float64Array,
  ) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const ms of starts) {
      if (ms < lo) lo = ms;
      if (ms > hi) hi = ms;
    }
    const length = starts.length === 0 ? 0 : Math.floor((hi - lo) / stepMs) + 1;
    // A sparse set would make a huge array: prices lie within the period, so this never happens
    // for the client's own series; refuse rather than allocate.
    const usable = length <= starts.length * 4 + 1000;
    this.base = lo;
    this.values = new Float64Array(usable ? length : 0);
    this.present = new Uint8Array(usable ? length : 0);
    if (!usable) return;
    for (let k = 0; k < starts.length; k++) {
      const i = ((starts[k] as number) - lo) / stepMs;
      if (!Number.isInteger(i)) continue;
      this.values[i] = values[k] as number;
      this.present[i] = 1;
    }
  }

  get(ms: number): number | undefined {
    const i = (ms - this.base) / this.stepMs;
    if (!(i >= 0 && i < this.present.length) || this.present[i] !== 1) return undefined;
    return this.values[i];
  }
}

/**
 * The day-ahead prices of one area, hourly and quarter-hourly, each as a `PriceIndex`. Its own
 * function, with the starts in Float64Arrays: 35,000 prices a year are read once per call.
 */
export function priceIndexes(
  prices: readonly DayAheadPrice[],
  area: string,
): { hourly: PriceIndex; quarterly: PriceIndex } {
  let hours = 0;
  let quarters = 0;
  for (let i = 0; i < prices.length; i++) {
    const p = prices[i] as DayAheadPrice;
    if (p.area !== area) continue;
    if (p.resolution === "PT15M") quarters++;
    else hours++;
  }
  const hourStarts = new Float64Array(hours);
  const hourValues = new Float64Array(hours);
  const quarterStarts = new Float64Array(quarters);
  const quarterValues = new Float64Array(quarters);
  let h = 0;
  let q = 0;
  for (let i = 0; i < prices.length; i++) {
    const p = prices[i] as DayAheadPrice;
    if (p.area !== area) continue;
    const ms = typeof p.startMs === "number" ? p.startMs : instantMs(p.start);
    // NaN: not published (yet).
    const value = p.dkkPerMwh ?? Number.NaN;
    if (p.resolution === "PT15M") {
      quarterStarts[q] = ms;
      quarterValues[q++] = value;
    } else {
      hourStarts[h] = ms;
      hourValues[h++] = value;
    }
  }
  return {
    hourly: new PriceIndex(HOUR_MS, hourStarts, hourValues),
    quarterly: new PriceIndex(QUARTER_MS, quarterStarts, quarterValues),
  };
}
