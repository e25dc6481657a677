#!/usr/bin/env node
// The `eloverblik` command. This small file is committed so that package managers can link the command
// before the package is built; the command itself is the built dist/bin.js.
import { existsSync } from "node:fs";

const cli = new URL("../dist/bin.js", import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write("eloverblik: dist/bin.js is missing; build the package first (pnpm build).\n");
  process.exit(1);
}
await import(cli.href);
