#!/usr/bin/env node
import { main } from "./cli.js";

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== "running") process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`eloverblik-mcp: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
