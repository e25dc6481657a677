#!/usr/bin/env node
// End to end in a real n8n 2.8.4, as a user gets the package: `pnpm test:e2e`.
//
// 1. n8n 2.8.4 is installed into a cache folder outside the repository when absent
//    ($ELOVERBLIK_N8N_DIR, else $XDG_CACHE_HOME/eloverblik-kit/n8n-2.8.4; 4–10 minutes, 2.3 GB once).
// 2. The package is built and packed, and the tarball unpacked into a fresh
//    $N8N_USER_FOLDER/.n8n/nodes/node_modules/n8n-nodes-eloverblik (types "n8n-nodes-eloverblik.*").
// 3. The simulator runs on loopback with Energinet's limits (2 token calls a minute). Its clock runs
//    three days ahead of n8n's, so that "yesterday" in n8n is a day every simulated meter has sent.
// 4. Every workflow in examples/ is imported with a credential for the simulator; the manual ones
//    are executed (`n8n execute`) and their output checked; the AI agent's imports and its tool type
//    (`…eloverblikTool`) is among the node types n8n serves.
// 5. The herd: the credential's data-access token is made expired, and three `n8n execute` processes
//    start at once; each meets a 401, exchanges, the third meets Energinet's 2 a minute (429) and
//    waits; all three succeed.
// 6. The trigger's workflow is published and `n8n start` runs: its activation poll fetches data and n8n
//    saves the cursor in the workflow's static data.
// No refresh or data-access token may appear in anything n8n printed.
import { execFile, spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startSimulator } from "@eloverblik-kit/simulator";
import { packed } from "./check-tarball.mjs";

const run = promisify(execFile);
const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
const N8N_VERSION = "2.8.4";
const DAY = 86_400_000;
const started = Date.now();
const log = (text) => process.stdout.write(`[e2e ${((Date.now() - started) / 1000).toFixed(0)} s] ${text}\n`);
const fail = (text) => {
  throw new Error(text);
};

// ---- 1. n8n ----
const cacheRoot = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
const n8nDir = process.env.ELOVERBLIK_N8N_DIR || join(cacheRoot, "eloverblik-kit", `n8n-${N8N_VERSION}`);
const n8nBin = join(n8nDir, "node_modules", ".bin", "n8n");
const sqliteBinding = join(n8nDir, "node_modules", "sqlite3", "build", "Release", "node_sqlite3.node");

async function ensureN8n() {
  let version = "";
  try {
    version = (await run(n8nBin, ["--version"], { timeout: 120_000 })).stdout.trim();
  } catch {
    version = "";
  }
  if (version === N8N_VERSION && existsSync(sqliteBinding)) return;
  log(`installing n8n ${N8N_VERSION} into ${n8nDir} (minutes, once)`);
  mkdirSync(n8nDir, { recursive: true });
  // xlsx's pinned version is not in every registry; n8n works with 0.18.5.
  writeFileSync(
    join(n8nDir, "package.json"),
    `${JSON.stringify({ private: true, overrides: { xlsx: "0.18.5" } })}\n`,
  );
  await run("npm", ["install", `n8n@${N8N_VERSION}`, "--no-audit", "--no-fund"], {
    cwd: n8nDir,
    timeout: 30 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!existsSync(sqliteBinding))
    await run("npm", ["rebuild", "sqlite3"], { cwd: n8nDir, timeout: 20 * 60_000 });
}

// ---- helpers ----
const userFolder = mkdtempSync(join(tmpdir(), "n8n-e2e-"));
let brokerPort = 25_000 + Math.floor(Math.random() * 5_000);
const env = (extra = {}) => ({
  ...process.env,
  N8N_USER_FOLDER: userFolder,
  N8N_LISTEN_ADDRESS: "127.0.0.1",
  N8N_DIAGNOSTICS_ENABLED: "false",
  N8N_VERSION_NOTIFICATIONS_ENABLED: "false",
  N8N_ENCRYPTION_KEY: "eloverblik-kit-e2e-fixed-key-0123456789",
  N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: "true",
  N8N_LOG_LEVEL: "info",
  N8N_RUNNERS_BROKER_PORT: String(brokerPort++),
  DB_SQLITE_POOL_SIZE: "2",
  ...extra,
});
const printed = [];
async function n8n(args, extra = {}) {
  const result = await run(n8nBin, args, {
    env: env(extra),
    timeout: 5 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error) => error);
  printed.push(result.stdout ?? "", result.stderr ?? "");
  if (result instanceof Error && !result.stdout)
    throw new Error(`n8n ${args.join(" ")} failed: ${result.stderr ?? result.message}`);
  return result;
}
/** The run JSON `n8n execute --rawOutput` prints among its log lines (from a "{" line to its "}"). */
function runJson(stdout) {
  const lines = stdout.split("\n");
  const start = lines.findIndex((line) => line.startsWith("{"));
  if (start < 0) fail(`no run JSON in n8n's output:\n${stdout.slice(-2000)}`);
  for (let end = start; end < lines.length; end++) {
    if (!lines[end].startsWith("}")) continue;
    try {
      return JSON.parse(lines.slice(start, end + 1).join("\n"));
    } catch {
      // not the closing line of the top-level object yet
    }
  }
  return fail(`the run JSON does not end:\n${stdout.slice(-2000)}`);
}
function itemsOf(result, nodeName) {
  const runs = result.data?.resultData?.runData?.[nodeName];
  if (!runs)
    fail(
      `node "${nodeName}" did not run: ${JSON.stringify(result.data?.resultData?.error ?? {}).slice(0, 600)}`,
    );
  return runs[0].data.main[0].map((i) => i.json);
}

let sim;
let server;
try {
  await ensureN8n();
  log(`n8n ${N8N_VERSION} at ${n8nDir}`);

  // ---- 2. the package as users get it ----
  await run("node", [join(root, "scripts", "build.mjs")], { cwd: root });
  const pack = packed();
  const target = join(userFolder, ".n8n", "nodes", "node_modules", "n8n-nodes-eloverblik");
  mkdirSync(join(userFolder, ".n8n", "nodes", "node_modules"), { recursive: true });
  await run("cp", ["-r", pack.dir, target]);
  writeFileSync(
    join(userFolder, ".n8n", "nodes", "package.json"),
    `${JSON.stringify({ name: "installed-nodes", private: true, dependencies: { "n8n-nodes-eloverblik": "0.1.0" } })}\n`,
  );
  pack.cleanup();

  // ---- 3. the simulator ----
  sim = await startSimulator({ port: 0, seed: 1, clock: () => Date.now() + 3 * DAY });
  const { meteringPoints } = sim.simulator;
  log(`simulator at ${sim.url}`);
  const credential = (accessToken = "") => [
    {
      id: "eloverblikSimCustomer",
      name: "Eloverblik Customer (simulator)",
      type: "eloverblikCustomerApi",
      data: { refreshToken: sim.tokens.customer, baseUrl: sim.url, accessToken },
    },
  ];
  const credFile = join(userFolder, "creds.json");
  writeFileSync(credFile, JSON.stringify(credential()));
  await n8n(["import:credentials", `--input=${credFile}`]);

  // ---- 4. the examples ----
  const examples = readdirSync(join(root, "examples")).filter((f) => f.endsWith(".json"));
  for (const file of examples) await n8n(["import:workflow", `--input=${join(root, "examples", file)}`]);
  log(`imported ${examples.length} example workflows`);
  const yesterday = new Date(Date.now() - DAY + 60 * 60_000).toISOString().slice(0, 10);

  const daily = itemsOf(
    runJson((await n8n(["execute", "--id=elvExYesterday01", "--rawOutput"])).stdout),
    "Yesterday per day",
  );
  const dailyData = daily.filter((d) => !d.error);
  if (
    !dailyData.some((d) => d.meteringPointId === meteringPoints.household.id && d.hours >= 23 && d.total > 0)
  ) {
    fail(`yesterday-per-day: no day total for the household: ${JSON.stringify(daily).slice(0, 800)}`);
  }
  if (!daily.some((d) => d.error && d.meteringPointId === meteringPoints.blocked.id))
    fail("yesterday-per-day: the blocked metering point is not an error item");
  log(
    `yesterday-per-day: ${dailyData.length} day totals, ${daily.length - dailyData.length} error item(s) (around ${yesterday})`,
  );

  const monthly = itemsOf(
    runJson((await n8n(["execute", "--id=elvExMonthly0001", "--rawOutput"])).stdout),
    "Last month",
  );
  const household = monthly.find((m) => m.meteringPointId === meteringPoints.household.id && !m.error);
  if (!household || !(household.periods?.length >= 28) || !(household.total > 0))
    fail(`monthly-report: ${JSON.stringify(monthly).slice(0, 800)}`);
  log(
    `monthly-report: ${monthly.length} summaries, the household ${household.total} ${household.unit} over ${household.periods.length} days`,
  );

  const hourly = itemsOf(
    runJson((await n8n(["execute", "--id=elvExTariffs0001", "--rawOutput"])).stdout),
    "Hours with tariffs",
  );
  if (!(hourly.length >= 23 * 4) && !(hourly.length >= 23))
    fail(`hourly-with-tariffs: ${hourly.length} items`);
  if (!hourly.every((h) => typeof h.tariffDkkPerKwh === "number" && "localStart" in h))
    fail(`hourly-with-tariffs: ${JSON.stringify(hourly[0])}`);
  log(`hourly-with-tariffs: ${hourly.length} hours priced with today's tariffs`);

  // ---- 5. the herd ----
  const expired = sim.simulator.issueDataAccessToken({ api: "customer", expiresInMs: -60_000 });
  writeFileSync(credFile, JSON.stringify(credential(expired)));
  await n8n(["import:credentials", `--input=${credFile}`]);
  const tokenCallsBefore = sim.simulator.requests.filter((r) => r.operation === "getToken").length;
  // Every process meets a 401 with the expired token and renews it. Exchanges that arrive in the
  // first 40 s are answered 20 s late, so that all three processes have read the expired token before
  // any of them stores a new one: the herd n8n's missing lock lets happen, three exchanges against
  // Energinet's 2 a minute.
  sim.simulator.setScenario({ slow: { delayMs: 20_000, operation: "token" } });
  const release = setTimeout(() => sim.simulator.setScenario({ slow: false }), 40_000);
  const herdStart = Date.now();
  const herd = await Promise.all(
    [0, 1, 2].map(() => n8n(["execute", "--id=elvExYesterday01", "--rawOutput"])),
  );
  const herdSeconds = Math.round((Date.now() - herdStart) / 1000);
  clearTimeout(release);
  for (const [i, result] of herd.entries()) {
    const items = itemsOf(runJson(result.stdout), "Yesterday per day");
    if (!items.some((d) => !d.error && d.meteringPointId === meteringPoints.household.id))
      fail(`herd execution ${i + 1} failed: ${JSON.stringify(items).slice(0, 600)}`);
  }
  const tokenCalls = sim.simulator.requests.filter((r) => r.operation === "getToken").slice(tokenCallsBefore);
  const statuses = tokenCalls.map((c) => c.status);
  if (statuses.filter((status) => status === 200).length < 3 || statuses.at(-1) !== 200) {
    fail(
      `herd: expected three exchanges, every 429 waited out; the token calls answered ${statuses.join(", ")}`,
    );
  }
  log(
    `herd: 3 concurrent executions with an expired token all succeeded in ${herdSeconds} s; token calls answered ${statuses.join(", ")}`,
  );

  // ---- 6. the trigger and the tool type, in a running n8n ----
  await n8n(["publish:workflow", "--id=elvExTrigger0001"]);
  const port = 25_000 + Math.floor(Math.random() * 5_000) + 5_000;
  const pollsBefore = sim.simulator.requests.filter((r) => r.operation === "getTimeSeries").length;
  server = spawn(n8nBin, ["start"], {
    env: env({ N8N_PORT: String(port) }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let serverOutput = "";
  server.stdout.on("data", (d) => {
    serverOutput += d;
  });
  server.stderr.on("data", (d) => {
    serverOutput += d;
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (i > 240) fail(`n8n start did not answer /healthz in 120 s:\n${serverOutput.slice(-3000)}`);
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  for (
    let i = 0;
    sim.simulator.requests.filter((r) => r.operation === "getTimeSeries").length === pollsBefore;
    i++
  ) {
    if (i > 120)
      fail(`the trigger's activation poll did not ask for data in 60 s:\n${serverOutput.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  log("trigger: the activation poll fetched time series");
  // The REST routes come up a little after /healthz: try the owner setup until it answers.
  let cookie = "";
  for (let i = 0; !cookie; i++) {
    if (i > 60) fail(`n8n did not accept the owner setup in 30 s:\n${serverOutput.slice(-2000)}`);
    const owner = await fetch(`${base}/rest/owner/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email: "e2e@example.org",
        firstName: "E",
        lastName: "Two",
        password: "E2e-password-1",
      }),
    }).catch(() => undefined);
    if (owner?.ok) cookie = (owner.headers.get("set-cookie") ?? "").split(";")[0];
    else await new Promise((r) => setTimeout(r, 500));
  }
  const types = await fetch(`${base}/types/nodes.json`, { headers: { cookie } }).then((r) =>
    r.ok ? r.json() : [],
  );
  const names = new Set(types.map((t) => t.name));
  for (const name of [
    "n8n-nodes-eloverblik.eloverblik",
    "n8n-nodes-eloverblik.eloverblikTool",
    "n8n-nodes-eloverblik.eloverblikTrigger",
  ]) {
    if (!names.has(name)) fail(`n8n does not serve the node type ${name} (${names.size} types)`);
  }
  log("node types: eloverblik, eloverblikTool (generated for AI agents) and eloverblikTrigger load");
  // Give the poll a moment to be saved, then stop n8n and read the cursor from the database.
  await new Promise((r) => setTimeout(r, 3_000));
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  printed.push(serverOutput);
  server = undefined;
  const exportFile = join(userFolder, "trigger.json");
  await n8n(["export:workflow", "--id=elvExTrigger0001", `--output=${exportFile}`]);
  const exported = JSON.parse(readFileSync(exportFile, "utf8"));
  const workflow = Array.isArray(exported) ? exported[0] : exported;
  const cursor = workflow.staticData?.["node:New days"]?.lastDay;
  if (!cursor?.[meteringPoints.household.id])
    fail(`the trigger's cursor was not saved: ${JSON.stringify(workflow.staticData)}`);
  log(`trigger: cursor saved with the emitted items: ${JSON.stringify(cursor)}`);

  // ---- no secrets in anything n8n printed ----
  const all = printed.join("\n");
  const secrets = [sim.tokens.customer, expired, ...sim.simulator.requests.map(() => "")].filter(Boolean);
  for (const secret of secrets)
    if (all.includes(secret) || all.includes(secret.slice(-24))) fail("a token appears in n8n's output");
  log(
    `no token in ${Math.round(all.length / 1024)} kB of n8n output; passed in ${Math.round((Date.now() - started) / 1000)} s`,
  );
} finally {
  server?.kill("SIGKILL");
  await sim?.close();
  rmSync(userFolder, { recursive: true, force: true });
}
