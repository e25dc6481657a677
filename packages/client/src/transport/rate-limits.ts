/** Client-side limits that keep a job within Energinet's published quotas. */
export interface RateLimits {
  /** Calls to /api/token per window (published: 2 per minute per IP since 2025; 1 in 2024). */
  tokenPerWindow: number;
  /** All calls per window, token calls included (published: 120 per minute per IP; 25 in 2024). */
  callsPerWindow: number;
  /** Window length in ms. A little over a minute absorbs clock skew and network latency. */
  windowMs: number;
  /** Requests in flight at once. */
  concurrency: number;
}

export const LIMITS_CURRENT: RateLimits = {
  tokenPerWindow: 2,
  callsPerWindow: 120,
  windowMs: 61_000,
  concurrency: 4,
};

/** The stricter quotas of the May 2024 documents (1 token call, 25 calls per minute). */
export const LIMITS_2024: RateLimits = {
  tokenPerWindow: 1,
  callsPerWindow: 25,
  windowMs: 61_000,
  concurrency: 2,
};

export type RateLimitsOption = "current" | "2024" | Partial<RateLimits>;

export function resolveRateLimits(option: RateLimitsOption | undefined): RateLimits {
  if (option === undefined || option === "current") return LIMITS_CURRENT;
  if (option === "2024") return LIMITS_2024;
  const merged = { ...LIMITS_CURRENT, ...option };
  for (const [key, value] of Object.entries(merged)) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`limits.${key} must be a positive number, got ${String(value)}`);
    }
  }
  return merged;
}
