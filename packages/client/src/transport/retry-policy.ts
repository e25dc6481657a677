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
  for (const [key, value] of Object.entries(option ?? {})) {
    if (value === undefined) continue; // an explicit undefined means "the default"
    if (!(key in DEFAULT_RETRY)) throw new RangeError(`retry.${key} is not a retry option`);
    if (typeof value !== "number" || Number.isNaN(value) || value < 0) {
      throw new RangeError(`retry.${key} must be a number ≥ 0, got ${String(value)}`);
    }
    merged[key as keyof RetryOptions] = value;
  }
  if (!Number.isInteger(merged.maxAttempts) || merged.maxAttempts < 1) {
    throw new RangeError(`retry.maxAttempts must be a whole number ≥ 1, got ${String(merged.maxAttempts)}`);
  }
  return merged;
}

/** Only rate limiting and DataHub overload are worth repeating; every other 4xx will fail again. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 503;
}
