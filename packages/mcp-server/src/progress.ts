import { type ProgressListener, requestTally, waitReasonText } from "@eloverblik-kit/client";

/** What an MCP `notifications/progress` carries besides the token. */
export interface ProgressUpdate {
  progress: number;
  total?: number;
  message: string;
}

/**
 * Turns the client's events into MCP progress: one step per finished planned request (`chunk`),
 * out of all the requests planned so far, so `progress` only grows even when a tool calls several
 * operations one after another. A wait (rate limit, retry) is reported too, as a fraction of the
 * step in hand: the spec wants every notification's progress larger than the last.
 */
export function progressReporter(send: (update: ProgressUpdate) => void): ProgressListener {
  const tally = requestTally();
  let waits = 0;
  let last = 0;
  const emit = (progress: number, message: string) => {
    if (progress <= last) return;
    last = progress;
    const { total } = tally;
    send(total > 0 ? { progress, total: Math.max(total, progress), message } : { progress, message });
  };
  return (event) => {
    if (tally.add(event) && event.type === "chunk") {
      waits = 0;
      emit(
        tally.done,
        `${tally.done} of ${tally.total} requests to Eloverblik done${event.ok ? "" : " (one failed)"}`,
      );
    } else if (event.type === "wait") {
      waits++;
      emit(
        tally.done + 1 - 2 ** -waits,
        `Waiting ${Math.ceil(event.ms / 1000)} s: ${waitReasonText(event.reason)}`,
      );
    }
  };
}
