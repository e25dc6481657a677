// The insights layer is pure: bundled on its own it names no host global, no clock, no randomness,
// no Intl and no I/O, and a bundler keeps only the units an app imports.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const entry = fileURLToPath(new URL("../../src/insights/index.ts", import.meta.url));

async function bundle(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL(".", import.meta.url)), loader: "ts" },
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    minify: false,
    legalComments: "none",
    logLevel: "silent",
  });
  return (result.outputFiles[0]?.text ?? "").replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, "");
}

const FORBIDDEN = [
  /\bsetTimeout\b/,
  /\bsetInterval\b/,
  /\bglobalThis\b/,
  /\bprocess\b/,
  /\bconsole\b/,
  /\brequire\(/,
  /\bIntl\b/,
  /\bfetch\b/,
  /\bDate\.now\b/,
  /new Date\(\)/,
  /\bMath\.random\b/,
  /\bimport\(/,
];

describe("the insights entry", () => {
  it("names no host global, clock, randomness, Intl or I/O and imports nothing", async () => {
    const code = await bundle(`export * from ${JSON.stringify(entry)};`);
    expect(FORBIDDEN.filter((p) => p.test(code)).map(String)).toEqual([]);
    expect(code).not.toMatch(/^import /m);
  });

  it("lets a bundler keep only what is imported", async () => {
    const time = await bundle(`export { formatDanishTime } from ${JSON.stringify(entry)};`);
    expect(time).toContain("formatDanishTime");
    for (const other of ["summarizeTimeSeries", "tariffAt", "csvFormatter", "estimateGridCharges"]) {
      expect(time).not.toContain(other);
    }
    const csv = await bundle(`export { pointsToCsv } from ${JSON.stringify(entry)};`);
    expect(csv).not.toContain("tariffAt");
    expect(csv).not.toContain("summarizeOne");
  });
});
