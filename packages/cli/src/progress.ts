import { type ProgressListener, requestTally, waitReasonText } from "@eloverblik-kit/client";
import cliProgress from "cli-progress";
import type { Io } from "./io.js";

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
  const tally = requestTally();
  const listener: ProgressListener = (event) => {
    if (tally.add(event) && event.type === "chunk") {
      const { done, total } = tally;
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
      const text = `waiting ${Math.ceil(event.ms / 1000)} s: ${waitReasonText(event.reason)}`;
      if (bar) bar.update(tally.done, { note: text });
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
