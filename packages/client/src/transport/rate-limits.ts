import { describeValue, invalidInput } from "../errors/eloverblik-error.js";

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

const KEYS = Object.keys(LIMITS_CURRENT) as Array<keyof RateLimits>;

export function resolveRateLimits(option: RateLimitsOption | undefined): RateLimits {
  if (option === undefined || option === "current") return LIMITS_CURRENT;
  if (option === "2024") return LIMITS_2024;
  if (option === null || typeof option !== "object" || Array.isArray(option)) {
    throw invalidInput(
      `limits must be "current", "2024" or an object such as { callsPerWindow: 60 }; got ${describeValue(option)}.`,
    );
  }
  const merged = { ...LIMITS_CURRENT };
  for (const [key, value] of Object.entries(option)) {
    if (value === undefined) continue;
    if (!KEYS.includes(key as keyof RateLimits)) {
      throw invalidInput(`limits.${key.slice(0, 40)} is not a limit; known: ${KEYS.join(", ")}.`);
    }
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
      throw invalidInput(`limits.${key} must be a positive number; got ${describeValue(value)}.`);
    }
    if (key !== "windowMs" && !Number.isInteger(value)) {
      throw invalidInput(`limits.${key} must be a whole number; got ${String(value)}.`);
    }
    merged[key as keyof RateLimits] = value;
  }
  return merged;
}

/** Limits that are equal in every field pace alike, so they can share one limiter. */
export function rateLimitsKey(limits: RateLimits): string {
  return KEYS.map((key) => limits[key]).join("/");
}
