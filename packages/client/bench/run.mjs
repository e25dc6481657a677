// Benchmark for the pure data layer. Run: pnpm exec tsup && node --expose-gc bench/run.mjs
// (a) flattening speed against a bare JSON.parse of the same body,
// (b) retained memory of the row form vs the columnar form,
// (c) calls planned by planDataRequests vs the minimum.
// Exits 1 when a goal fails.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  addLocalDays,
  createEloverblik,
  flattenTimeSeries,
  flattenTimeSeriesColumnar,
  planDataRequests,
  todayInDenmark,
} from "../dist/index.js";
import { meteringPointId, synthesizeBody } from "./synth.mjs";

const MP_COUNT = 10;
const DAYS = 730;
const FROM = "2023-01-01"; // two springs and two autumns of DST days
const ITERATIONS = 7;
const RATIO_GOAL = 1.5;

const gc = typeof globalThis.gc === "function" ? globalThis.gc : undefined;
const results = [];
const fmt = (n, digits = 1) => n.toFixed(digits);
const mb = (bytes) => `${fmt(bytes / 1048576)} MiB`;

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function time(fn) {
  gc?.();
  const t0 = performance.now();
  const out = fn();
  return { ms: performance.now() - t0, out };
}

// Typed-array columns live outside the JS heap, so count ArrayBuffer memory as well.
function used() {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const started = performance.now();
console.log(`Synthesising ${MP_COUNT} metering points × ${DAYS} days of PT15M data from ${FROM}…`);
const { text, points: expectedPoints } = synthesizeBody({ mpCount: MP_COUNT, days: DAYS, from: FROM });
console.log(`Body: ${mb(text.length)} of JSON, ${expectedPoints.toLocaleString("en")} points\n`);

// (a) speed ------------------------------------------------------------------------------------
console.log("(a) Flattening speed");
const parseTimes = [];
const flattenTimes = [];
const columnarTimes = [];
let pointCount = 0;
// One untimed warm-up round so every path is optimised before measuring.
for (let i = -1; i < ITERATIONS; i++) {
  const parsed = time(() => JSON.parse(text));
  const flat = time(() => flattenTimeSeries(parsed.out));
  pointCount = flat.out.points.length;
  if (flat.out.warnings.length || flat.out.gaps.length || flat.out.failures.length) {
    throw new Error(`unexpected warnings/gaps/failures: ${JSON.stringify(flat.out.warnings.slice(0, 3))}`);
  }
  flat.out = undefined;
  const cols = time(() => flattenTimeSeriesColumnar(parsed.out));
  cols.out = undefined;
  if (i >= 0) {
    parseTimes.push(parsed.ms);
    flattenTimes.push(flat.ms);
    columnarTimes.push(cols.ms);
  }
}
const parseMs = median(parseTimes);
const flattenMs = median(flattenTimes);
const columnarMs = median(columnarTimes);
const ratio = flattenMs / parseMs;
console.log(`  JSON.parse (baseline)        median ${fmt(parseMs)} ms`);
console.log(
  `  flattenTimeSeries            median ${fmt(flattenMs)} ms  ${fmt(pointCount / (flattenMs / 1000) / 1e6, 2)} M points/s  ratio ${fmt(ratio, 2)}× JSON.parse`,
);
console.log(
  `  flattenTimeSeriesColumnar    median ${fmt(columnarMs)} ms  ${fmt(pointCount / (columnarMs / 1000) / 1e6, 2)} M points/s  ratio ${fmt(columnarMs / parseMs, 2)}× JSON.parse`,
);
console.log(
  `  end to end (JSON.parse + flattenTimeSeries)          ${fmt(parseMs + flattenMs)} ms  ratio ${fmt((parseMs + flattenMs) / parseMs, 2)}× JSON.parse alone`,
);
console.log(`  (${ITERATIONS} iterations each after a warm-up, gc before every timed call)`);
if (pointCount !== expectedPoints)
  throw new Error(`flattened ${pointCount} points, expected ${expectedPoints}`);
results.push({
  goal: `flatten ${pointCount.toLocaleString("en")} PT15M points in ≤ ${RATIO_GOAL}× JSON.parse time (got ${fmt(ratio, 2)}×)`,
  pass: ratio <= RATIO_GOAL,
});

// (b) memory -----------------------------------------------------------------------------------
console.log("\n(b) Retained memory of the result (heap + ArrayBuffers delta after gc)");
if (gc === undefined) {
  console.log("  skipped: run with node --expose-gc");
  results.push({ goal: "memory measured (needs --expose-gc)", pass: false });
} else {
  const parsed = JSON.parse(text);
  const measure = (fn) => {
    gc();
    gc();
    const before = used();
    const out = fn();
    gc();
    gc();
    const delta = used() - before;
    // Keep the result reachable until after the second reading.
    if (out === null) throw new Error("no result");
    return delta;
  };
  const objectBytes = measure(() => flattenTimeSeries(parsed));
  const columnarBytes = measure(() => flattenTimeSeriesColumnar(parsed));
  console.log(`  object rows   ${mb(objectBytes)}  (${fmt(objectBytes / pointCount)} bytes/point)`);
  console.log(`  columnar      ${mb(columnarBytes)}  (${fmt(columnarBytes / pointCount)} bytes/point)`);
  console.log(`  parsed body for reference: ${mb(measure(() => JSON.parse(text)))}`);
  results.push({
    goal: `columnar form retains less than a quarter of the row form (${fmt(columnarBytes / objectBytes, 3)}×)`,
    pass: columnarBytes * 4 < objectBytes,
  });
}

// (b') peak memory of the whole job, each form in a fresh process ------------------------------
console.log("\n(b') Peak RSS of the whole job in a fresh process (read body + JSON.parse + flatten)");
{
  const dir = mkdtempSync(join(tmpdir(), "eloverblik-bench-"));
  const file = join(dir, "body.json");
  writeFileSync(file, text);
  const peak = (form) => {
    const child = spawnSync(
      process.execPath,
      [fileURLToPath(new URL("./peak.mjs", import.meta.url)), file, form],
      {
        encoding: "utf8",
      },
    );
    if (child.status !== 0) throw new Error(`peak.mjs ${form} failed: ${child.stderr}`);
    return JSON.parse(child.stdout).maxRssKiB * 1024;
  };
  const parseOnly = peak("parse");
  const rows = peak("rows");
  const columnar = peak("columnar");
  rmSync(dir, { recursive: true, force: true });
  console.log(`  JSON.parse only  ${mb(parseOnly)}`);
  console.log(`  object rows      ${mb(rows)}  (${fmt(rows / parseOnly, 2)}× parse only)`);
  console.log(`  columnar         ${mb(columnar)}  (${fmt(columnar / parseOnly, 2)}× parse only)`);
}

// (c) request planning -----------------------------------------------------------------------
// The calls the client really sends, counted at its fetch port against the simulator, next to
// the planner's count and the minimum.
console.log(
  "\n(c) Time-series calls sent by getTimeSeries vs planned vs the minimum ceil(N/10) × ceil(D/730)",
);
console.log("      N      D      sent   planned   minimum");
let planOk = true;
{
  const { startSimulator } = await import("../../simulator/dist/server.js");
  const sim = await startSimulator({ seed: 1, limits: "off" });
  let sent = 0;
  const client = createEloverblik({
    api: "customer",
    refreshToken: sim.tokens.customer,
    baseUrl: sim.url,
    limits: { callsPerWindow: 1_000_000, tokenPerWindow: 1_000, concurrency: 8 },
    fetch: (request) => {
      if (request.url.includes("/gettimeseries/")) sent++;
      return fetch(request);
    },
  });
  const today = todayInDenmark(Date.now());
  for (const n of [1, 10, 25, 250]) {
    const ids = Array.from({ length: n }, (_, i) => meteringPointId(i));
    for (const d of [1, 730, 1826]) {
      const from = addLocalDays(today, -d);
      sent = 0;
      const results = await client.getTimeSeries(ids, { from, to: today, aggregation: "Day" });
      if (results.length !== n) throw new Error(`expected ${n} results, got ${results.length}`);
      const planned = planDataRequests(ids, { from, to: today }).length;
      const minimum = Math.ceil(n / 10) * Math.ceil(d / 730);
      if (sent !== minimum || planned !== minimum) planOk = false;
      console.log(
        `  ${String(n).padStart(5)}  ${String(d).padStart(5)}  ${String(sent).padStart(8)}  ${String(planned).padStart(8)}  ${String(minimum).padStart(8)}`,
      );
    }
  }
  await sim.close();
}
results.push({ goal: "getTimeSeries sends exactly the minimum number of calls", pass: planOk });

console.log("");
for (const r of results) console.log(`${r.pass ? "PASS" : "FAIL"}  ${r.goal}`);
console.log(`(total bench time ${fmt((performance.now() - started) / 1000)} s)`);
process.exitCode = results.every((r) => r.pass) ? 0 : 1;
