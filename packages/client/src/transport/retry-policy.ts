import { describeValue, invalidInput } from "../errors/eloverblik-error.js";

export interface RetryOptions {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** Wait after a 429/503 without `Retry-After` (Energinet asks for one minute). */
  defaultWaitMs: number;
  /** Random extra wait added to the default, so parallel jobs do not return in lockstep. */
  jitterMs: number;
  /** A `Retry-After` longer than this ends the retries instead of waiting. */
  maxWaitMs: number;
  /** First wait after a network failure; doubles each time, capped by defaultWaitMs. */
  networkBaseMs: number;
  /** Per-attempt timeout; 0 disables it. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 4,
  defaultWaitMs: 60_000,
  jitterMs: 5_000,
  maxWaitMs: 180_000,
  networkBaseMs: 2_000,
  timeoutMs: 120_000,
};

export function resolveRetry(option: Partial<RetryOptions> | undefined): RetryOptions {
  const merged: RetryOptions = { ...DEFAULT_RETRY };
  if (option !== undefined && (option === null || typeof option !== "object" || Array.isArray(option))) {
    throw invalidInput(`retry must be an object such as { maxAttempts: 2 }; got ${describeValue(option)}.`);
  }
  for (const [key, value] of Object.entries(option ?? {})) {
    if (value === undefined) continue; // an explicit undefined means "the default"
    if (!Object.hasOwn(DEFAULT_RETRY, key)) {
      throw invalidInput(
        `retry.${key.slice(0, 40)} is not a retry option; known: ${Object.keys(DEFAULT_RETRY).join(", ")}.`,
      );
    }
    if (typeof value !== "number" || Number.isNaN(value) || value < 0) {
      throw invalidInput(`retry.${key} must be a number ≥ 0; got ${describeValue(value)}.`);
    }
    merged[key as keyof RetryOptions] = value;
  }
  if (!Number.isInteger(merged.maxAttempts) || merged.maxAttempts < 1) {
    throw invalidInput(`retry.maxAttempts must be a whole number ≥ 1; got ${String(merged.maxAttempts)}.`);
  }
  return merged;
}

/** Only rate limiting and DataHub overload are worth repeating; every other 4xx will fail again. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 503;
}

/** The wait before attempt `attempt + 1` after a failure without a usable answer: doubling, capped. */
export function networkBackoffMs(retry: RetryOptions, attempt: number): number {
  return Math.min(retry.defaultWaitMs, retry.networkBaseMs * 2 ** (attempt - 1));
}
