// Locates the built bin and the builds it depends on; the e2e tests skip with this message without them.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../dist/cli/bin.js", import.meta.url));
const NEEDED = [
  BIN,
  fileURLToPath(new URL("../../../client/dist/esm/index.js", import.meta.url)),
  fileURLToPath(new URL("../../../simulator/dist/index.js", import.meta.url)),
];

export const missingBuild = NEEDED.filter((f) => !existsSync(f));

export const SKIP_MESSAGE =
  missingBuild.length === 0
    ? ""
    : ` (SKIPPED: build first — missing ${missingBuild.join(", ")}; run \`pnpm exec tsup\` in packages/client, packages/simulator and packages/mcp-server)`;

if (missingBuild.length > 0) console.warn(`e2e tests skipped${SKIP_MESSAGE}`);
