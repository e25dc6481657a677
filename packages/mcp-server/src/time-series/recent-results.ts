import type { ItemResult, TimeSeriesData } from "@eloverblik-kit/client";

const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 4;
/** About 70 MB of rows; larger answers are not kept. */
const MAX_POINTS = 500_000;

interface Entry {
  atMs: number;
  results: ItemResult<TimeSeriesData>[];
}

/**
 * An assistant pages through points (and moves from a summary to a profile to an estimate) with
 * the same period: keeping the last few complete answers for a few minutes saves Energinet calls
 * and the rate limit. Answers with any failure are never kept, so a retry really retries.
 */
export class RecentTimeSeries {
  private readonly entries = new Map<string, Entry>();

  get(key: string, nowMs: number): ItemResult<TimeSeriesData>[] | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (nowMs - entry.atMs > TTL_MS || nowMs < entry.atMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.results;
  }

  set(key: string, results: ItemResult<TimeSeriesData>[], nowMs: number): void {
    if (!results.every((r) => r.ok)) return;
    const points = results.reduce((n, r) => n + (r.ok ? r.data.points.length : 0), 0);
    if (points > MAX_POINTS) return;
    this.entries.delete(key);
    this.entries.set(key, { atMs: nowMs, results });
    while (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
