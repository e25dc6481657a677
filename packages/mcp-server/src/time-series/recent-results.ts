import type { ItemResult, TimeSeriesData } from "@eloverblik-kit/client";

const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 4;
/** The most the kept answers may take together (approximate heap bytes). */
export const MAX_CACHE_BYTES = 20 * 1024 * 1024;
/**
 * Heap bytes of one flattened point (an object of eight fields and two ISO instants), measured
 * with `--expose-gc` on a year of quarter-hour and hourly data: about 200. Gaps are smaller.
 */
const BYTES_PER_POINT = 200;
const BYTES_PER_GAP = 120;

interface Entry {
  atMs: number;
  bytes: number;
  results: ItemResult<TimeSeriesData>[];
}

/** Approximate heap size of an answer: its points and gaps (everything else is small). */
export function approximateBytes(results: readonly ItemResult<TimeSeriesData>[]): number {
  let bytes = 0;
  for (const r of results) {
    if (!r.ok) continue;
    bytes += r.data.points.length * BYTES_PER_POINT + r.data.gaps.length * BYTES_PER_GAP;
  }
  return bytes;
}

/**
 * An assistant pages through points (and moves from a summary to a profile to an estimate) with
 * the same period: keeping the last few complete answers for a few minutes saves Energinet calls
 * and the rate limit. Answers with any failure are never kept, so a retry really retries. The
 * kept answers are bounded by size (about 20 MB: a year of hourly data for ten metering points,
 * or of quarter hours for two), the oldest going first; an answer larger than that on its own is not kept.
 */
export class RecentTimeSeries {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly maxBytes = MAX_CACHE_BYTES) {}

  /** Approximate bytes held now. */
  get size(): number {
    return this.bytes;
  }

  get(key: string, nowMs: number): ItemResult<TimeSeriesData>[] | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (nowMs - entry.atMs > TTL_MS || nowMs < entry.atMs) {
      this.delete(key);
      return undefined;
    }
    return entry.results;
  }

  set(key: string, results: ItemResult<TimeSeriesData>[], nowMs: number): void {
    if (!results.every((r) => r.ok)) return;
    const bytes = approximateBytes(results);
    if (bytes > this.maxBytes) return;
    this.delete(key);
    this.entries.set(key, { atMs: nowMs, bytes, results });
    this.bytes += bytes;
    while (this.entries.size > MAX_ENTRIES || this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.bytes;
    this.entries.delete(key);
  }
}
