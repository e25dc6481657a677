/**
 * Where published prices are kept between calls (and, with a file cache, between runs). Values are
 * plain JSON; a port may be synchronous or not. Published day-ahead prices never change, so a month
 * that is complete is kept for good; the price list is kept for `pricelistMaxAgeMs`.
 */
export interface PriceCache {
  get(key: string): unknown | Promise<unknown>;
  set(key: string, value: unknown): void | Promise<void>;
}

/** The default: a map in memory, per client (bounded: the oldest entries go first). */
export function createMemoryPriceCache(maxEntries = 2_000): PriceCache {
  const entries = new Map<string, unknown>();
  return {
    get: (key) => entries.get(key),
    set: (key, value) => {
      entries.delete(key);
      entries.set(key, value);
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
  };
}
