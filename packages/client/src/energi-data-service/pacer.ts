import type { Ports } from "../ports/ports.js";
import { raceSignal } from "../transport/signals.js";

export interface EdsLimits {
  /** Requests per dataset within `windowMs` (Energinet: 1 per dataset per minute per IP since 2025-08-26). */
  requestsPerDatasetPerWindow: number;
  windowMs: number;
}

export const EDS_LIMITS: EdsLimits = { requestsPerDatasetPerWindow: 1, windowMs: 60_000 };

/**
 * A sliding window per dataset: requests of one dataset go one at a time, the datasets are
 * independent. A request counts from the moment its answer arrived (the server counted it at some
 * point before that), so network delays can never squeeze two into one server-side window. A 429
 * pushes the dataset's next start past its Retry-After.
 */
export class DatasetPacer {
  private readonly starts = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly limits: EdsLimits | null,
    private readonly ports: Pick<Ports, "now" | "sleep">,
  ) {}

  /**
   * Waits until a request of `dataset` may start; resolves with the function to call once its answer
   * (or failure) is in, which records it and lets the next one go. `onWait` hears every wait.
   */
  async acquire(
    dataset: string,
    signal: AbortSignal | undefined,
    onWait?: (ms: number) => void,
  ): Promise<() => void> {
    const key = dataset.toLowerCase();
    const previous = this.queues.get(key) ?? Promise.resolve();
    let release!: () => void;
    const finished = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.queues.set(
      key,
      previous.then(() => finished),
    );
    let done = false;
    const settle = () => {
      if (done) return;
      done = true;
      const list = this.starts.get(key) ?? [];
      list.push(this.ports.now());
      this.starts.set(key, list);
      release();
    };
    try {
      await raceSignal(previous, signal);
      await this.wait(key, signal, onWait);
    } catch (error) {
      // Give the turn on without counting a request that was never sent.
      previous.then(() => {
        done = true;
        release();
      });
      throw error;
    }
    return settle;
  }

  /** After a 429: nothing of this dataset starts before `untilMs`. */
  block(dataset: string, untilMs: number): void {
    const key = dataset.toLowerCase();
    this.blockedUntil.set(key, Math.max(untilMs, this.blockedUntil.get(key) ?? 0));
  }

  private async wait(
    key: string,
    signal: AbortSignal | undefined,
    onWait?: (ms: number) => void,
  ): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.ports.now();
      let ms = (this.blockedUntil.get(key) ?? 0) - now;
      if (this.limits !== null) {
        const starts = (this.starts.get(key) ?? []).filter((t) => t > now - this.limits!.windowMs);
        this.starts.set(key, starts);
        const over = starts.length - this.limits.requestsPerDatasetPerWindow;
        if (over >= 0) ms = Math.max(ms, (starts[over] as number) + this.limits.windowMs - now);
      }
      if (ms <= 0) break;
      onWait?.(Math.ceil(ms));
      await this.ports.sleep(Math.ceil(ms), signal);
    }
  }
}
