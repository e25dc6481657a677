// Benchmark of the time-series pipeline and the package size. Run: pnpm bench (from the root), or
// pnpm build && node --expose-gc bench/run.mjs. Every figure is a ratio measured in this one run:
// (a) getTimeSeries end to end through an in-memory fetch (no network) against JSON.parse +
//     flattening of the same bodies, and flattening alone against JSON.parse,
// (b) retained memory of the row form vs the columnar form,
// (b') peak RSS of a 10 ids × 5 years PT15M job, each form in a fresh process,
// (c) calls getTimeSeries sends vs planned vs the minimum (against the simulator),
// (d) min+gzip size of what an app bundles (package.json sizeBudget) against the goals,
// (e) electricityCost over a year of hourly consumption against flattening that year's answer (warm,
//     the goal; cold, the first call of each in a fresh process, and after a forced GC, shown), and
//     the Energi Data Service requests of a year's cost (first run, then over the same cache).
// Exits 1 when a goal fails. Times are CPU time of the process (steadier than the wall clock on a
// shared machine; wall-clock ratios are printed beside them). `node --expose-gc bench/run.mjs a d`
// runs only the sections named.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  addLocalDays,
  createEloverblik,
  flattenTimeSeries,
  flattenTimeSeriesColumnar,
  planDataRequests,
  todayInDenmark,
} from "@eloverblik-kit/client";
import { checkSizes } from "../scripts/size.mjs";
import { inMemoryClient } from "./in-memory.mjs";
import { bodyPieces, meteringPointId, pointCount } from "./synth.mjs";

const MP_COUNT = 10;
const FROM = "2023-01-01"; // 730 days: two springs and two autumns of DST days, one request
const TO = addLocalDays(FROM, 730);
const ITERATIONS = 9;
const FLATTEN_GOAL = 1.5; // flattening alone, × JSON.parse
const END_TO_END_GOAL = 1.5; // getTimeSeries, × (JSON.parse + flattenTimeSeries)
const PEAK_JOB = { ids: 10, from: "2021-01-01", to: "2026-01-01" }; // 5 years, 3 requests
const PEAK_GOALS = { rows: 450, columnar: 300 }; // MiB
const SINGLE_JOB = { ids: 10, from: "2024-01-01", to: "2025-01-01" }; // one ~28 MB answer

const gc = typeof globalThis.gc === "function" ? globalThis.gc : undefined;
const only = process.argv.slice(2);
const section = (name) => only.length === 0 || only.includes(name);
const results = [];
const fmt = (n, digits = 1) => n.toFixed(digits);
const mb = (bytes) => `${fmt(bytes / 1048576)} MiB`;
const x = (ratio) => `${fmt(ratio, 2)}×`;

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

// Typed-array columns live outside the JS heap, so count ArrayBuffer memory as well.
function used() {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const started = performance.now();
const ids = Array.from({ length: MP_COUNT }, (_, i) => meteringPointId(i));
const query = { ids, from: FROM, to: TO };
console.log(`Synthesising ${MP_COUNT} metering points × 730 days of PT15M data from ${FROM}…`);
const text = [...bodyPieces(query)].join("");
const bytes = new TextEncoder().encode(text);
const expectedPoints = pointCount(query);
console.log(`Body: ${mb(text.length)} of JSON, ${expectedPoints.toLocaleString("en")} points\n`);

// (a) speed ------------------------------------------------------------------------------------
if (section("a")) {
  console.log("(a) Speed (median CPU time)");
  // The fetch port hands over the body's bytes without copying them: in one piece (memory), or in
  // 64 kB pieces as a socket delivers them (then reading the pieces is part of the cost).
  const answer = (piece) => () =>
    new ReadableStream({
      start(controller) {
        for (let o = 0; o < bytes.length; o += piece) controller.enqueue(bytes.subarray(o, o + piece));
        controller.close();
      },
    });
  const client = inMemoryClient({ answer: answer(bytes.length) });
  const socketClient = inMemoryClient({ answer: answer(65_536) });
  const series = { from: FROM, to: TO };
  const pointsOf = (results) => results.reduce((n, r) => n + (r.ok ? r.data.points.length : 0), 0);
  const checkRows = (results) => {
    if (pointsOf(results) !== expectedPoints || results.some((r) => !r.ok || r.data.gaps.length)) {
      throw new Error(`getTimeSeries returned ${pointsOf(results)} points, expected ${expectedPoints}`);
    }
  };
  // Each case leaves nothing behind, so that no case runs beside another one's results.
  const cases = {
    "parse+flatten": () => flattenTimeSeries(JSON.parse(text)),
    getTimeSeries: () => client.getTimeSeries(ids, series).then(checkRows),
    "getTimeSeries, 64 kB pieces": () => socketClient.getTimeSeries(ids, series).then(checkRows),
    "parse+columnar": () => flattenTimeSeriesColumnar(JSON.parse(text)),
    getTimeSeriesColumnar: () => client.getTimeSeriesColumnar(ids, series).then(() => undefined),
  };
  const names = ["parse", "flatten", ...Object.keys(cases)];
  const cpu = Object.fromEntries(names.map((k) => [k, []]));
  const wall = Object.fromEntries(names.map((k) => [k, []]));
  const timed = async (name, fn) => {
    const c0 = cpuMs();
    const t0 = performance.now();
    const out = await fn();
    cpu[name].push(cpuMs() - c0);
    wall[name].push(performance.now() - t0);
    return out;
  };
  // One untimed warm-up round, then the cases interleaved so that a busy machine weighs on all.
  for (let i = -1; i < ITERATIONS; i++) {
    {
      gc?.();
      const parsed = await timed("parse", () => JSON.parse(text));
      gc?.();
      const flat = await timed("flatten", () => flattenTimeSeries(parsed));
      if (flat.points.length !== expectedPoints || flat.gaps.length || flat.warnings.length) {
        throw new Error(`unexpected flattening: ${flat.points.length} points, ${flat.gaps.length} gaps`);
      }
    }
    for (const [name, fn] of Object.entries(cases)) {
      gc?.();
      await timed(name, fn);
    }
    if (i < 0) for (const list of [...Object.values(cpu), ...Object.values(wall)]) list.length = 0;
  }
  const m = (name) => median(cpu[name]);
  const w = (name) => median(wall[name]);
  const row = (label, name, base) =>
    console.log(
      `  ${label.padEnd(46)} ${fmt(m(name)).padStart(7)} ms${base ? `  ${x(m(name) / m(base)).padStart(6)} ${base} (wall ${x(w(name) / w(base))})` : ""}`,
    );
  row("JSON.parse", "parse");
  row("flattenTimeSeries", "flatten", "parse");
  row("JSON.parse + flattenTimeSeries", "parse+flatten");
  row("getTimeSeries end to end (in-memory fetch)", "getTimeSeries", "parse+flatten");
  row("  the same, body in 64 kB pieces", "getTimeSeries, 64 kB pieces", "parse+flatten");
  row("JSON.parse + flattenTimeSeriesColumnar", "parse+columnar");
  row("getTimeSeriesColumnar end to end", "getTimeSeriesColumnar", "parse+columnar");
  console.log(
    `  (${ITERATIONS} interleaved iterations after a warm-up, gc before every timed call; ${fmt(((expectedPoints / m("getTimeSeries")) * 1000) / 1e6, 2)} M points/s end to end)`,
  );
  const flattenRatio = m("flatten") / m("parse");
  const endToEnd = m("getTimeSeries") / m("parse+flatten");
  results.push({
    goal: `flatten ${expectedPoints.toLocaleString("en")} PT15M points in ≤ ${FLATTEN_GOAL}× JSON.parse (${x(flattenRatio)})`,
    pass: flattenRatio <= FLATTEN_GOAL,
  });
  results.push({
    goal: `getTimeSeries end to end in ≤ ${END_TO_END_GOAL}× JSON.parse + flattening of the same body (${x(endToEnd)})`,
    pass: endToEnd <= END_TO_END_GOAL,
  });
}

// (b) memory -----------------------------------------------------------------------------------
if (!section("b")) {
  // skipped
} else if (gc === undefined) {
  console.log("\n(b) Retained memory: skipped, run with node --expose-gc");
  results.push({ goal: "memory measured (needs --expose-gc)", pass: false });
} else {
  console.log("\n(b) Retained memory of the result (heap + ArrayBuffers delta after gc)");
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
  const parsedBytes = measure(() => JSON.parse(text));
  console.log(`  object rows   ${mb(objectBytes)}  (${fmt(objectBytes / expectedPoints)} bytes/point)`);
  console.log(`  columnar      ${mb(columnarBytes)}  (${fmt(columnarBytes / expectedPoints)} bytes/point)`);
  console.log(`  parsed body   ${mb(parsedBytes)}  (for reference)`);
  results.push({
    goal: `columnar form retains less than a quarter of the row form (${fmt(columnarBytes / objectBytes, 3)}×)`,
    pass: columnarBytes * 4 < objectBytes,
  });
}

// (b') peak memory of whole jobs, each in a fresh process ----------------------------------------
if (section("b'")) {
  console.log(
    `\n(b') Peak RSS in a fresh process: ${PEAK_JOB.ids} ids × ${PEAK_JOB.from} … ${PEAK_JOB.to} of PT15M (${
      planDataRequests(
        Array.from({ length: PEAK_JOB.ids }, (_, i) => meteringPointId(i)),
        PEAK_JOB,
      ).length
    } requests), answers produced as they are read`,
  );
  const peak = (job, { ids: n, from, to }) => {
    const child = spawnSync(
      process.execPath,
      [fileURLToPath(new URL("./peak.mjs", import.meta.url)), job, String(n), from, to],
      { encoding: "utf8" },
    );
    if (child.status !== 0) throw new Error(`peak.mjs ${job} failed: ${child.stderr}`);
    return JSON.parse(child.stdout).maxRssKiB * 1024;
  };
  const parse = peak("parse", PEAK_JOB);
  const rows = peak("rows", PEAK_JOB);
  const columnar = peak("columnar", PEAK_JOB);
  console.log(`  every answer parsed and kept     ${mb(parse)}  (what keeping all chunks parsed costs)`);
  console.log(`  getTimeSeries (rows)             ${mb(rows)}  ${x(rows / parse)} that`);
  console.log(`  getTimeSeriesColumnar            ${mb(columnar)}  ${x(columnar / parse)} that`);
  const single = {
    parse: peak("parse", SINGLE_JOB),
    rows: peak("rows", SINGLE_JOB),
    columnar: peak("columnar", SINGLE_JOB),
  };
  console.log(
    `  one answer (${SINGLE_JOB.ids} ids × ${SINGLE_JOB.from.slice(0, 4)}): parsed ${mb(single.parse)}, rows ${mb(single.rows)} (${x(single.rows / single.parse)}), columnar ${mb(single.columnar)} (${x(single.columnar / single.parse)})`,
  );
  for (const [form, value] of [
    ["rows", rows],
    ["columnar", columnar],
  ]) {
    results.push({
      goal: `${form} job peaks at ≤ ${PEAK_GOALS[form]} MiB RSS (${mb(value)}, ${x(value / 1048576 / PEAK_GOALS[form])} the goal)`,
      pass: value <= PEAK_GOALS[form] * 1048576,
    });
  }
}

// (c) request planning -----------------------------------------------------------------------
// The calls the client really sends, counted at its fetch port against the simulator, next to
// the planner's count and the minimum.
if (section("c")) {
  console.log(
    "\n(c) Time-series calls sent by getTimeSeries vs planned vs the minimum ceil(N/10) × ceil(D/730)",
  );
  console.log("      N      D      sent   planned   minimum");
  let planOk = true;
  const { startSimulator } = await import("@eloverblik-kit/simulator/server");
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
  results.push({ goal: "getTimeSeries sends exactly the minimum number of calls", pass: planOk });
}

// (d) size -------------------------------------------------------------------------------------
if (section("d")) {
  console.log(
    "\n(d) What an app bundles, min+gzip (esbuild, openapi-fetch included; package.json sizeBudget)",
  );
  const { createRequire } = await import("node:module");
  const manifest = createRequire(import.meta.url)("../package.json");
  const { rows } = await checkSizes(manifest.sizeBudget);
  for (const { entry, limit, size, pass } of rows) {
    const goal = entry.goal ? Number.parseFloat(entry.goal) * 1000 : undefined;
    console.log(
      `  ${entry.name.padEnd(80)} ${fmt(size.gzip / 1000, 2).padStart(6)} kB  limit ${fmt(limit / 1000, 1)} kB${goal ? `  ${x(size.gzip / goal)} the ${entry.goal} goal` : ""}`,
    );
    results.push({ goal: `${entry.name} within its limit`, pass });
    if (goal) {
      results.push({
        goal: `${entry.name} ≤ ${entry.goal} (${fmt(size.gzip / 1000, 2)} kB)`,
        pass: size.gzip <= goal,
      });
    }
  }
}

// (e) what electricity cost -----------------------------------------------------------------------
if (section("e")) {
  console.log(
    "\n(e) What electricity cost: a year of hourly consumption (2025, across the 2025-10-01 switch)",
  );
  const { startSimulator } = await import("@eloverblik-kit/simulator/server");
  const { createEnergiDataService, createMemoryPriceCache, getElectricityCost } = await import(
    "@eloverblik-kit/client/energi-data-service"
  );
  const { electricityCost } = await import("@eloverblik-kit/client/insights");
  // Energi Data Service at its real limit (one request per dataset per minute); Eloverblik's off.
  const sim = await startSimulator({ seed: 1, limits: "off" });
  const household = sim.simulator.meteringPoints.household.id;
  const eloverblik = createEloverblik({
    api: "customer",
    refreshToken: sim.tokens.customer,
    baseUrl: sim.url,
  });
  const year = { from: "2025-01-01", to: "2026-01-01" };
  // The raw answer, as flattening gets it.
  const token = (
    await (
      await fetch(`${sim.url}/customerapi/api/token`, {
        headers: { authorization: `Bearer ${sim.tokens.customer}` },
      })
    ).json()
  ).result;
  const answer = await fetch(
    `${sim.url}/customerapi/api/meterdata/gettimeseries/${year.from}/${year.to}/Hour`,
    {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ meteringPoints: { meteringPoint: [household] } }),
    },
  );
  const parsed = JSON.parse(await answer.text());
  const flat = flattenTimeSeries(parsed);
  const edsRequests = () => sim.simulator.requests.filter((r) => r.operation?.startsWith("eds:")).length;
  const cache = createMemoryPriceCache();
  const eds = createEnergiDataService({ baseUrl: sim.url, cache });
  const [first] = await getElectricityCost(eloverblik, eds, [household], { ...year, aggregation: "Hour" });
  if (!first?.ok) throw new Error(`no cost: ${first?.error?.message}`);
  const firstRequests = edsRequests();
  // A second run: a new client over the same cache (the CLI's file cache between runs).
  const again = createEnergiDataService({ baseUrl: sim.url, cache });
  const [second] = await getElectricityCost(eloverblik, again, [household], { ...year, aggregation: "Hour" });
  const secondRequests = edsRequests() - firstRequests;
  // The minimum the limits allow: one request per dataset the period touches (limit=0 is allowed,
  // so no dataset needs a second page): Elspotprices, DayAheadPrices and DatahubPricelist.
  const minimum = 3;
  const prices = await createEnergiDataService({ baseUrl: sim.url, cache }).dayAheadPrices({
    ...year,
    areas: ["DK2"],
  });
  const list = await createEnergiDataService({ baseUrl: sim.url, cache }).pricelist({
    owners: ["5790000705689", "5790000432752"],
  });
  const [charges] = await eloverblik.getCharges([household]);
  const input = {
    from: year.from,
    to: year.to,
    points: flat.points,
    prices: prices.points,
    priceArea: { area: "DK2", source: "option" },
    charges: charges.data,
    pricelist: list.rows,
  };
  // Warm: after a warm-up, batches of 20 calls each, alternating, CPU time per call (a year of
  // hours flattens in about 2 ms: 20 in a row, so the clock's grain does not decide the ratio).
  // No forced collection between batches: a full collection frees the shapes of the objects of
  // the last call, V8 then drops the compiled code that depended on them, and the next calls
  // measure the optimiser's recompilation, not the code (shown below as "after a forced GC").
  const times = { flatten: [], cost: [], "cost with points": [] };
  const runs = [
    ["flatten", () => flattenTimeSeries(parsed)],
    ["cost", () => electricityCost(input)],
    ["cost with points", () => electricityCost({ ...input, includePoints: true })],
  ];
  const batch = (run) => {
    const t = cpuMs();
    for (let k = 0; k < 20; k++) run();
    return (cpuMs() - t) / 20;
  };
  for (let i = 0; i < 5; i++) for (const [, run] of runs) run();
  for (let i = 0; i < ITERATIONS; i++) for (const [name, run] of runs) times[name].push(batch(run));
  const f = median(times.flatten);
  const c = median(times.cost);
  const cp = median(times["cost with points"]);
  const afterGc = { flatten: [], cost: [] };
  for (let i = 0; i < ITERATIONS; i++) {
    for (const [name, run] of runs.slice(0, 2)) {
      gc?.();
      afterGc[name].push(batch(run));
    }
  }
  const gcRatio = median(afterGc.cost) / median(afterGc.flatten);
  // Cold: the first call of each in a fresh process (five processes; the median of each).
  const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const dir = mkdtempSync(join(tmpdir(), "cost-cold-"));
  const inputFile = join(dir, "input.json");
  const { points: _points, ...rest } = input;
  writeFileSync(inputFile, JSON.stringify({ parsed, rest }));
  const cold = { flatten: [], cost: [], flattenWall: [], costWall: [] };
  for (let i = 0; i < 5; i++) {
    const child = spawnSync(
      process.execPath,
      [fileURLToPath(new URL("./cost-cold.mjs", import.meta.url)), inputFile],
      { encoding: "utf8" },
    );
    if (child.status !== 0) throw new Error(`cost-cold.mjs failed: ${child.stderr}`);
    const one = JSON.parse(child.stdout);
    if (one.totalDkk !== first.data.totalDkk) throw new Error(`cold run priced ${one.totalDkk} DKK`);
    cold.flatten.push(one.flattenMs);
    cold.cost.push(one.costMs);
    cold.flattenWall.push(one.flattenWallMs);
    cold.costWall.push(one.costWallMs);
  }
  rmSync(dir, { recursive: true, force: true });
  const cf = median(cold.flatten);
  const cc = median(cold.cost);
  const cwf = median(cold.flattenWall);
  const cwc = median(cold.costWall);
  console.log(
    `  ${flat.points.length.toLocaleString("en")} hourly points, ${prices.points.length.toLocaleString("en")} prices (hourly, then quarter-hourly), ${list.rows.length} price-list rows`,
  );
  console.log(`  warm (CPU ms per call, median of ${ITERATIONS} batches of 20)`);
  console.log(`    flattenTimeSeries            ${fmt(f, 2).padStart(8)} ms`);
  console.log(`    electricityCost              ${fmt(c, 2).padStart(8)} ms  ${x(c / f)} flattening`);
  console.log(`    electricityCost, per point   ${fmt(cp, 2).padStart(8)} ms  ${x(cp / f)} flattening`);
  // Not goals: both are mostly V8 compiling (CPU time counts its background threads too).
  console.log("  cold: the first call in a fresh process, median of 5 processes (not a goal)");
  console.log(
    `    flattenTimeSeries            ${fmt(cf, 2).padStart(8)} ms CPU  ${fmt(cwf, 2).padStart(8)} ms wall`,
  );
  console.log(
    `    electricityCost              ${fmt(cc, 2).padStart(8)} ms CPU  ${fmt(cwc, 2).padStart(8)} ms wall  ${x(cc / cf)} / ${x(cwc / cwf)} flattening`,
  );
  console.log(
    `  after a forced GC before each batch (recompilation included): ${x(gcRatio)} flattening (not a goal)`,
  );
  console.log(
    `  Energi Data Service requests: first run ${firstRequests} (minimum ${minimum}), second run over the cache ${secondRequests}`,
  );
  console.log(
    `  total ${first.data.totalDkk} DKK incl. VAT for ${first.data.kWh} kWh; second run ${second?.ok ? second.data.totalDkk : "failed"}`,
  );
  await sim.close();
  results.push({
    goal: `pricing a year of hourly consumption in ≤ 2× flattening it, warm (${x(c / f)}; with every point ${x(cp / f)})`,
    pass: c / f <= 2,
  });
  results.push({
    goal: `a year's cost sends the minimum of Energi Data Service requests (${firstRequests} of ${minimum})`,
    pass: firstRequests === minimum,
  });
  results.push({
    goal: `a second run over the cache sends none (${secondRequests})`,
    pass: secondRequests === 0 && second?.ok === true && second.data.totalDkk === first.data.totalDkk,
  });
}

console.log("");
for (const r of results) console.log(`${r.pass ? "PASS" : "FAIL"}  ${r.goal}`);
console.log(`(total bench time ${fmt((performance.now() - started) / 1000)} s)`);
process.exitCode = results.every((r) => r.pass) ? 0 : 1;
