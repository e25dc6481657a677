import type { PricelistRow } from "../energi-data-service/types.js";
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
