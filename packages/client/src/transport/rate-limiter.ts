import type { Ports } from "../ports/ports.js";
import type { CallKind } from "./pipeline.js";
import { type RateLimits, type RateLimitsOption, resolveRateLimits } from "./rate-limits.js";
import { onAbort } from "./signals.js";
import type { Pacer, PacerWait } from "./stages/pacing-stage.js";

export type { CallKind } from "./pipeline.js";
export type RateLimiterWait = PacerWait;

/**
 * Sliding-window scheduler plus a concurrency gate. A sliding window of W ms with at most L starts
 * guarantees at most L starts in any fixed W-ms window the server may count in, so a job that
 * goes through it never meets a 429 caused by its own pace.
 *
 * One limiter can be shared by several clients in a process (the quota is per IP address).
 */
export class RateLimiter implements Pacer {
  readonly limits: RateLimits;
  private readonly ports: Pick<Ports, "now" | "sleep">;
  private readonly tokenStarts: number[] = [];
  private readonly allStarts: number[] = [];
  private active = 0;
  /** Callers waiting for a concurrency slot, in arrival order (a Set: an abort removes in O(1)). */
  private readonly waiting = new Set<() => void>();

  constructor(limits: RateLimitsOption | undefined, ports: Pick<Ports, "now" | "sleep">) {
    this.limits = resolveRateLimits(limits);
    this.ports = ports;
  }

  /** Waits for a slot; returns the release function. */
  async acquire(
    kind: CallKind,
    signal: AbortSignal | undefined,
    onWait?: (wait: RateLimiterWait) => void,
  ): Promise<() => void> {
    // Sleep for the window without holding a concurrency slot, so calls of another kind (or with
    // room in their window) are not held up; check the window again once a slot is ours.
    for (;;) {
      signal?.throwIfAborted();
      const wait = this.waitFor(kind);
      if (wait !== undefined) {
        onWait?.(wait);
        await this.ports.sleep(wait.ms, signal);
        continue;
      }
      await this.enter(signal);
      if (this.waitFor(kind) === undefined) break;
      this.leave();
    }
    const now = this.ports.now();
    this.allStarts.push(now);
    if (kind === "token") this.tokenStarts.push(now);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.leave();
    };
  }

  /**
   * Waits until a call of `kind` could start, without taking a slot. Resolves true when it had to
   * wait, so a caller can look again for what another caller may have done meanwhile (the token
   * cache reads the store again before it exchanges).
   */
  async ready(kind: CallKind, signal?: AbortSignal): Promise<boolean> {
    let waited = false;
    for (let wait = this.waitFor(kind); wait !== undefined; wait = this.waitFor(kind)) {
      signal?.throwIfAborted();
      waited = true;
      await this.ports.sleep(wait.ms, signal);
    }
    return waited;
  }

  /** Calls started within the current window (for diagnostics and tests). */
  usage(): { calls: number; tokenCalls: number } {
    const now = this.ports.now();
    prune(this.allStarts, now - this.limits.windowMs);
    prune(this.tokenStarts, now - this.limits.windowMs);
    return { calls: this.allStarts.length, tokenCalls: this.tokenStarts.length };
  }

  private waitFor(kind: CallKind): RateLimiterWait | undefined {
    const now = this.ports.now();
    const horizon = now - this.limits.windowMs;
    prune(this.allStarts, horizon);
    prune(this.tokenStarts, horizon);
    let wait: RateLimiterWait | undefined;
    const overAll = this.allStarts.length - this.limits.callsPerWindow;
    if (overAll >= 0) {
      wait = { reason: "rate-limit", ms: this.allStarts[overAll]! + this.limits.windowMs - now };
    }
    if (kind === "token") {
      const overToken = this.tokenStarts.length - this.limits.tokenPerWindow;
      if (overToken >= 0) {
        const ms = this.tokenStarts[overToken]! + this.limits.windowMs - now;
        if (!wait || ms > wait.ms) wait = { reason: "token-rate-limit", ms };
      }
    }
    if (wait) wait.ms = Math.max(1, Math.ceil(wait.ms));
    return wait;
  }

  private enter(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.active < this.limits.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        stop?.();
        this.active++;
        resolve();
      };
      const stop = signal
        ? onAbort(signal, () => {
            this.waiting.delete(grant);
            reject(signal.reason);
          })
        : undefined;
      this.waiting.add(grant);
    });
  }

  private leave(): void {
    this.active--;
    const next = this.waiting.values().next();
    if (!next.done) {
      this.waiting.delete(next.value);
      next.value();
    }
  }
}

function prune(starts: number[], horizon: number): void {
  let drop = 0;
  while (drop < starts.length && starts[drop]! <= horizon) drop++;
  if (drop > 0) starts.splice(0, drop);
}
