// The answer cache is bounded by size, not only by count: the oldest answers go first.
import type { ItemResult, TimeSeriesData } from "@eloverblik-kit/client";
import { describe, expect, it } from "vitest";
import { approximateBytes, MAX_CACHE_BYTES, RecentTimeSeries } from "../src/time-series/recent-results.js";

/** An answer with `points` points; only the number of points and gaps counts for the size. */
function answer(points: number, ok = true): ItemResult<TimeSeriesData>[] {
  const data = { points: new Array(points).fill(null), gaps: [] } as unknown as TimeSeriesData;
  return ok
    ? [{ ok: true, id: "571313180100000001", data } as ItemResult<TimeSeriesData>]
    : [
        {
          ok: false,
          id: "571313180100000001",
          error: new Error("x"),
        } as unknown as ItemResult<TimeSeriesData>,
      ];
}

describe("RecentTimeSeries", () => {
  it("keeps about 20 MB by default: a year of hourly data for ten metering points fits, of quarter hours not", () => {
    expect(MAX_CACHE_BYTES).toBe(20 * 1024 * 1024);
    expect(approximateBytes(answer(10 * 8_760))).toBeLessThan(MAX_CACHE_BYTES);
    const cache = new RecentTimeSeries();
    cache.set("ten", answer(10 * 35_040), 0);
    expect(cache.get("ten", 1)).toBeUndefined();
    expect(cache.size).toBe(0);
    cache.set("hourly", answer(10 * 8_760), 0);
    expect(cache.get("hourly", 1)).toBeDefined();
  });

  it("evicts the oldest answers until the rest fit", () => {
    const cache = new RecentTimeSeries(1_000_000);
    const each = approximateBytes(answer(2_000));
    cache.set("a", answer(2_000), 0);
    cache.set("b", answer(2_000), 1);
    expect(cache.size).toBe(2 * each);
    cache.set("c", answer(2_000), 2); // 3 × 400 kB > 1 MB: "a" goes
    expect(cache.get("a", 3)).toBeUndefined();
    expect(cache.get("b", 3)).toBeDefined();
    expect(cache.get("c", 3)).toBeDefined();
    expect(cache.size).toBe(2 * each);
    expect(cache.size).toBeLessThanOrEqual(1_000_000);
  });

  it("replaces an answer under the same key without counting it twice, and never keeps failures", () => {
    const cache = new RecentTimeSeries(1_000_000);
    cache.set("a", answer(1_000), 0);
    cache.set("a", answer(1_000), 1);
    expect(cache.size).toBe(approximateBytes(answer(1_000)));
    cache.set("f", answer(10, false), 2);
    expect(cache.get("f", 3)).toBeUndefined();
  });

  it("forgets answers after ten minutes", () => {
    const cache = new RecentTimeSeries();
    cache.set("a", answer(10), 0);
    expect(cache.get("a", 10 * 60_000)).toBeDefined();
    expect(cache.get("a", 10 * 60_000 + 1)).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
