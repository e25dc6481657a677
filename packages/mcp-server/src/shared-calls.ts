import type { ProgressListener } from "@eloverblik-kit/client";

interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  listeners: Set<ProgressListener>;
  callers: number;
}

export interface SharedCallOptions {
  signal: AbortSignal;
  onProgress?: ProgressListener | undefined;
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error("The call was cancelled.");
}

/** Arguments in one canonical form: the same keys in any order give the same key. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * Identical calls in flight at the same time share one run, so ten assistants (or one impatient
 * one) asking the same question cost Energinet one set of requests. Each caller keeps its own
 * cancellation: a caller that cancels stops waiting, and the shared run is aborted only when no
 * caller is left. Progress reaches every caller still waiting. A call that starts after the run
 * has finished runs again (the time-series answer cache covers repeats).
 */
export class SharedCalls<T> {
  private readonly flights = new Map<string, Flight<T>>();

  /** How many distinct runs are in flight (for tests and diagnostics). */
  get size(): number {
    return this.flights.size;
  }

  run(
    key: string,
    options: SharedCallOptions,
    start: (options: SharedCallOptions) => Promise<T>,
  ): Promise<T> {
    const { signal, onProgress } = options;
    if (signal.aborted) return Promise.reject(abortError(signal));
    let flight = this.flights.get(key);
    if (!flight) {
      const controller = new AbortController();
      const listeners = new Set<ProgressListener>();
      const created: Flight<T> = { controller, listeners, callers: 0, promise: Promise.resolve() as never };
      const broadcast: ProgressListener = (event) => {
        for (const listener of listeners) listener(event);
      };
      created.promise = start({ signal: controller.signal, onProgress: broadcast }).finally(() => {
        if (this.flights.get(key) === created) this.flights.delete(key);
      });
      created.promise.catch(() => undefined);
      this.flights.set(key, created);
      flight = created;
    }
    const joined = flight;
    joined.callers++;
    if (onProgress) joined.listeners.add(onProgress);
    return new Promise<T>((resolve, reject) => {
      let left = false;
      const leave = () => {
        if (left) return false;
        left = true;
        signal.removeEventListener("abort", onAbort);
        if (onProgress) joined.listeners.delete(onProgress);
        joined.callers--;
        return true;
      };
      const onAbort = () => {
        if (!leave()) return;
        if (joined.callers === 0) {
          // Nobody waits any more: stop the upstream requests, and let the next caller start afresh.
          if (this.flights.get(key) === joined) this.flights.delete(key);
          joined.controller.abort(signal.reason);
        }
        reject(abortError(signal));
      };
      signal.addEventListener("abort", onAbort, { once: true });
      joined.promise.then(
        (value) => {
          if (leave()) resolve(value);
        },
        (error: unknown) => {
          if (leave()) reject(error);
        },
      );
    });
  }
}
