import type { ProgressEvent, ProgressListener } from "@eloverblik-kit/client";

/** What an MCP `notifications/progress` carries besides the token. */
export interface ProgressUpdate {
  progress: number;
  total?: number;
  message: string;
}

const WAIT_REASONS: Record<Extract<ProgressEvent, { type: "wait" }>["reason"], string> = {
  "rate-limit": "Energinet's rate limit",
  "token-rate-limit": "the token rate limit (two token calls a minute)",
  "retry-after": "Eloverblik asked to retry later",
  "datahub-unavailable": "DataHub is unavailable",
  network: "a network error",
  "unreadable-answer": "an unreadable answer",
};

/**
 * Turns the client's events into MCP progress: one step per finished planned request (`chunk`),
 * out of all the requests planned so far, so `progress` only grows even when a tool calls several
 * operations one after another. A wait (rate limit, retry) is reported too, as a fraction of the
 * step in hand: the spec wants every notification's progress larger than the last.
 */
export function progressReporter(send: (update: ProgressUpdate) => void): ProgressListener {
  const operations = new Map<string, { total: number; done: number }>();
  let done = 0;
  let total = 0;
  let waits = 0;
  let last = 0;
  const emit = (progress: number, message: string) => {
    if (progress <= last) return;
    last = progress;
    send(total > 0 ? { progress, total: Math.max(total, progress), message } : { progress, message });
  };
  return (event) => {
    if (event.type === "chunk") {
      let op = operations.get(event.operation);
      // The same operation called again: its requests add to the plan.
      if (!op || op.done >= op.total) {
        op = { total: event.total, done: 0 };
        operations.set(event.operation, op);
        total += event.total;
      }
      op.done++;
      done++;
      waits = 0;
      emit(done, `${done} of ${total} requests to Eloverblik done${event.ok ? "" : " (one failed)"}`);
    } else if (event.type === "wait") {
      waits++;
      emit(
        done + 1 - 2 ** -waits,
        `Waiting ${Math.ceil(event.ms / 1000)} s: ${WAIT_REASONS[event.reason] ?? event.reason}`,
      );
    }
  };
}
