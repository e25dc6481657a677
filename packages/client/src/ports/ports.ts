/**
 * Everything the client needs from its host. Hosts with restricted globals (n8n's scanner forbids
 * timers, `process` and `globalThis` in community nodes) pass their own; tests pass a virtual clock.
 */
export interface Ports {
  fetch: (input: Request) => Promise<Response>;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Epoch milliseconds. */
  now: () => number;
  /** Uniform in [0, 1); used for retry jitter only. */
  random: () => number;
}
