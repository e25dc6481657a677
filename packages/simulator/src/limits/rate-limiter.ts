import type { SimulatorLimits } from "./limits.js";

const SWEEP_AT = 1_000;

export type LimitVerdict =
  | { ok: true }
  | { ok: false; scope: "token" | "client" | "total"; limit: number; retryAfterSeconds: number };

/**
 * Sliding-window log limiter: a call is refused when the window ending now already holds `limit`
 * accepted calls. Refused calls are not recorded, so a client that waits `Retry-After` seconds
 * gets through. Time comes from the injected clock, so tests advance it instead of waiting.
 */
export class RateLimiter {
  private readonly logs = new Map<string, number[]>();
  /** Past this many keys, windows of clients gone quiet are dropped (then it doubles with the live ones). */
  private sweepAt = SWEEP_AT;

  constructor(private readonly limits: SimulatorLimits) {}

  /** How many windows are held (one per client and kind, plus the total). */
  get size(): number {
    return this.logs.size;
  }

  check(clientAddress: string, isTokenCall: boolean, nowMs: number): LimitVerdict {
    const windows: Array<[key: string, scope: "token" | "client" | "total", limit: number]> = [
      ["total", "total", this.limits.totalPerWindow],
      [`client:${clientAddress}`, "client", this.limits.perClientPerWindow],
    ];
    if (isTokenCall) windows.push([`token:${clientAddress}`, "token", this.limits.tokenPerWindow]);
    for (const [key, scope, limit] of windows.reverse()) {
      const log = this.prune(key, nowMs);
      if (log.length >= limit) {
        // The call fits again once the oldest call that counts towards the limit leaves the window.
        const oldest = log[log.length - limit] as number;
        const waitMs = oldest + this.limits.windowMs - nowMs;
        return { ok: false, scope, limit, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
      }
    }
    for (const [key] of windows) this.prune(key, nowMs).push(nowMs);
    // Every new client address adds a key; without a sweep a long run would keep them all.
    if (this.logs.size > this.sweepAt) this.sweep(nowMs);
    return { ok: true };
  }

  reset(): void {
    this.logs.clear();
    this.sweepAt = SWEEP_AT;
  }

  private sweep(nowMs: number): void {
    const cutoff = nowMs - this.limits.windowMs;
    for (const [key, log] of this.logs) {
      if ((log[log.length - 1] ?? Number.NEGATIVE_INFINITY) <= cutoff) this.logs.delete(key);
    }
    this.sweepAt = Math.max(SWEEP_AT, 2 * this.logs.size);
  }

  private prune(key: string, nowMs: number): number[] {
    let log = this.logs.get(key);
    if (log === undefined) {
      log = [];
      this.logs.set(key, log);
    }
    const cutoff = nowMs - this.limits.windowMs;
    let drop = 0;
    while (drop < log.length && (log[drop] as number) <= cutoff) drop++;
    if (drop > 0) log.splice(0, drop);
    return log;
  }
}
