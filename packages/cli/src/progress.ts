import type { ProgressEvent, ProgressListener } from "@eloverblik-kit/client";
import cliProgress from "cli-progress";
import type { Io } from "./io.js";

const WAIT_REASONS: Record<Extract<ProgressEvent, { type: "wait" }>["reason"], string> = {
  "rate-limit": "Energinet's rate limit",
  "token-rate-limit": "the token rate limit (two token calls a minute)",
  "retry-after": "Eloverblik asked to retry later",
  "datahub-unavailable": "DataHub is unavailable",
  network: "a network error",
  "unreadable-answer": "an unreadable answer",
};

export interface Progress {
  listener: ProgressListener;
  stop(): void;
}

/**
 * A progress bar on stderr for calls the client plans as several requests (`chunk` events): only
 * on a terminal and only when there is more than one request. Waits (rate limits, retries) are
 * said on stderr everywhere, as warnings; in a pipe the bar stays quiet.
 */
export function createProgress(io: Io, label: string, enabled: boolean): Progress {
  let bar: cliProgress.SingleBar | undefined;
  const onTerminal = enabled && io.stderrIsTTY;
  const plans = new Map<string, { total: number; done: number }>();
  let total = 0;
  let done = 0;
  const listener: ProgressListener = (event) => {
    if (event.type === "chunk") {
      let plan = plans.get(event.operation);
      if (!plan || plan.done >= plan.total) {
        plan = { total: event.total, done: 0 };
        plans.set(event.operation, plan);
        total += event.total;
      }
      plan.done++;
      done++;
      if (!onTerminal || total < 2) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            stream: io.stderrStream,
            format: `${label} [{bar}] {value}/{total} requests {note}`,
            hideCursor: true,
            clearOnComplete: true,
            barsize: 24,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { note: "" });
      }
      bar.setTotal(total);
      bar.update(done, { note: event.ok ? "" : "(one failed)" });
    } else if (event.type === "wait") {
      const text = `waiting ${Math.ceil(event.ms / 1000)} s: ${WAIT_REASONS[event.reason] ?? event.reason}`;
      if (bar) bar.update(done, { note: text });
      else io.err(`eloverblik: ${text}`);
    }
  };
  return {
    listener,
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
