// n8n's community-node scanner rejects timers, `process`, `globalThis`, `console` and Node built-ins
// in published code. The client is bundled into the n8n package, so only the one module of Node
// defaults may touch them; this test keeps it that way.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = fileURLToPath(new URL("../../src", import.meta.url));
// The Node defaults of the main entry, and the ./node entry (files), which no other entry imports.
const ALLOWED = new Set(["ports/node-defaults.ts", "node.ts"]);
const ALLOWED_DIRS = ["node/"];
const FORBIDDEN = [
  /\bsetTimeout\b/,
  /\bsetInterval\b/,
  /\bsetImmediate\b/,
  /\bprocess\./,
  /\bglobalThis\b/,
  /\bconsole\./,
  /\bBuffer\b/,
  /from "node:/,
  /require\(/,
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("portable source", () => {
  it("keeps host globals in ports/node-defaults.ts only", () => {
    const offences: string[] = [];
    for (const file of files(src)) {
      const rel = relative(src, file).replaceAll("\\", "/");
      if (ALLOWED.has(rel) || ALLOWED_DIRS.some((dir) => rel.startsWith(dir))) continue;
      const code = readFileSync(file, "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/\/\/.*$/gm, "");
      for (const pattern of FORBIDDEN) if (pattern.test(code)) offences.push(`${rel}: ${pattern}`);
    }
    expect(offences).toEqual([]);
  });
});
