import type { ProgressEvent } from "./progress.js";

export type WaitReason = Extract<ProgressEvent, { type: "wait" }>["reason"];

const WAIT_REASONS: Readonly<Record<WaitReason, string>> = {
  "rate-limit": "Energinet's rate limit",
  "token-rate-limit": "the token rate limit (two token calls a minute)",
  "retry-after": "Eloverblik asked to retry later",
  "datahub-unavailable": "DataHub is unavailable",
  network: "a network error",
  "unreadable-answer": "an unreadable answer",
};

/** Why the client waits, in words: "Energinet's rate limit", "DataHub is unavailable", … */
export function waitReasonText(reason: string): string {
  return (WAIT_REASONS as Record<string, string>)[reason] ?? reason;
}

/** The planned requests of one or more calls, counted from the client's `chunk` events. */
export interface RequestTally {
  /** Requests finished (answered or failed). */
  readonly done: number;
  /** Requests planned so far; grows when an operation is called again. */
  readonly total: number;
  /** Counts a `chunk` event; false for every other event. */
  add(event: ProgressEvent): boolean;
}

/**
 * Counts the requests the client plans for a job that may call several operations one after
 * another (a report, an MCP tool): each operation announces its plan in its `chunk` events, and a
 * second call of the same operation adds its requests to the total, so `done` and `total` only grow.
 */
export function requestTally(): RequestTally {
  const plans = new Map<string, { total: number; done: number }>();
  let done = 0;
  let total = 0;
  return {
    get done() {
      return done;
    },
    get total() {
      return total;
    },
    add(event) {
      if (event.type !== "chunk") return false;
      let plan = plans.get(event.operation);
      if (!plan || plan.done >= plan.total) {
        plan = { total: event.total, done: 0 };
        plans.set(event.operation, plan);
        total += event.total;
      }
      plan.done++;
      done++;
      return true;
    },
  };
}
