#!/usr/bin/env node
import { runCli } from "./cli.js";

runCli(process.argv.slice(2), (text) => process.stdout.write(text)).then(
  (running) => {
    if (running === undefined) return;
    const stop = () => {
      running.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  },
  (error: unknown) => {
    process.stderr.write(`eloverblik-simulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
