#!/usr/bin/env node
import { processIo } from "./io.js";
import { main } from "./main.js";

const controller = new AbortController();
let interrupts = 0;
// The first Ctrl-C cancels what runs (the command then exits 130 after cleaning up); a second one
// exits at once.
process.on("SIGINT", () => {
  interrupts++;
  if (interrupts > 1) process.exit(130);
  controller.abort(new Error("Interrupted (Ctrl-C)."));
});
// A reader that goes away (`| head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2), process.env, processIo(), controller.signal).then(
  (code) => {
    process.exitCode = controller.signal.aborted && code !== 0 ? 130 : code;
  },
  (error: unknown) => {
    process.stderr.write(`eloverblik: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
