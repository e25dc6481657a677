/** AbortSignal.any where available (Node ≥ 20.3), with a manual fallback for other hosts. */
export function combineSignals(...signals: Array<AbortSignal | undefined>): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return present[0];
  const any = (AbortSignal as unknown as { any?: (s: AbortSignal[]) => AbortSignal }).any;
  if (any) return any(present);
  const controller = new AbortController();
  for (const s of present) {
    if (s.aborted) controller.abort(s.reason);
    else s.addEventListener("abort", () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}

const hubs = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Runs `callback` once when `signal` aborts; returns the function that unregisters it. However
 * many calls of a job wait on one signal (1,000 batches queued for the limiter), the signal gets a
 * single listener, so Node never warns about a listener leak and an abort reaches every waiter at
 * once.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = hubs.get(signal);
  if (!callbacks) {
    const set = new Set<() => void>();
    callbacks = set;
    hubs.set(signal, set);
    signal.addEventListener(
      "abort",
      () => {
        hubs.delete(signal);
        for (const fn of [...set]) fn();
        set.clear();
      },
      { once: true },
    );
  }
  callbacks.add(callback);
  const set = callbacks;
  return () => {
    set.delete(callback);
  };
}

/**
 * Waits for a shared promise but gives up as soon as this caller's own signal aborts, without
 * cancelling the work for the other callers.
 */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const stop = onAbort(signal, () => reject(signal.reason));
    promise.then(
      (value) => {
        stop();
        resolve(value);
      },
      (error: unknown) => {
        stop();
        reject(error);
      },
    );
  });
}
