#!/usr/bin/env node
// The timed proof (not part of `npm test`: it takes minutes). Four processes × 200 calls against the
// simulator's HTTP server enforcing Energinet's real limits (2 token calls and 120 calls a minute per
// client address; all four connect from 127.0.0.1, like processes behind one IP):
//   1. sharing a real redis-server: zero 429s, one token exchange, and the time against what the
//      limit allows (measured in this run);
//   2. the same without Redis, at the same time against a second simulator: the 429s it prevents;
//   3. a short run with Redis stopped mid-run and started again (2-s windows): no lost data, no stall,
//      one warning per process.
// Usage: pnpm --filter @eloverblik-kit/redis test:e2e   (build first; needs redis-server)
// PROCESSES and CALLS override 4 and 200.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startSimulator } from "@eloverblik-kit/simulator/server";
import { redisServerBinary, startRedis } from "./redis-server.mjs";

const PROCESSES = Number(process.env.PROCESSES ?? 4);
const CALLS = Number(process.env.CALLS ?? 200);
const worker = fileURLToPath(new URL("./worker.mjs", import.meta.url));

if (!redisServerBinary) {
  if (process.env.CI) throw new Error("redis-server is missing on CI: .ci/run should install it.");
  console.log("redis-server is not installed: the Redis e2e run is skipped (apt-get install redis-server).");
  process.exit(0);
}

async function run(
  label,
  redisUrl,
  { serverLimits = "current", clientLimits = "current", calls = CALLS } = {},
) {
  const sim = await startSimulator({ seed: 11, limits: serverLimits });
  const args = [
    sim.url,
    String(calls),
    redisUrl,
    clientLimits === "current" ? "current" : JSON.stringify(clientLimits),
  ];
  const env = { ...process.env, ELOVERBLIK_REFRESH_TOKEN: sim.tokens.customer };
  const children = Array.from({ length: PROCESSES }, () => fork(worker, args, { stdio: "inherit", env }));
  await Promise.all(children.map((child) => new Promise((resolve) => child.once("message", resolve))));
  const started = Date.now();
  const settled = Promise.all(
    children.map(
      (child) =>
        new Promise((resolve, reject) => {
          child.on("message", (message) => message.result && resolve(message.result));
          child.once(
            "exit",
            (code) => code !== 0 && reject(new Error(`${label}: a worker exited with ${code}`)),
          );
        }),
    ),
  );
  const results = settled.then((list) => {
    ended = Date.now();
    return list;
  });
  let ended = 0;
  for (const child of children) child.send("go");
  return { sim, started, results, ended: () => ended };
}

function summary(label, { sim, started, ended }, results, calls = CALLS) {
  const requests = sim.simulator.requests;
  const ms = ended() - started;
  return {
    label,
    processes: PROCESSES,
    callsPerProcess: calls,
    ok: results.reduce((n, r) => n + r.ok, 0),
    failed: results.reduce((n, r) => n + r.failed, 0),
    tooMany: requests.filter((r) => r.status === 429).length,
    tokenExchanges: requests.filter((r) => r.operation === "getToken" && r.status === 200).length,
    // When each token call reached the simulator, ms after "go" (tells a slow exchange from a race).
    tokenCallsAtMs: requests.filter((r) => r.operation === "getToken").map((r) => r.at - started),
    requests: requests.length,
    seconds: ms / 1000,
    warnings: results.map((r) => r.warnings),
  };
}

const redis = await startRedis();
try {
  // 1 and 2 at once, each against its own simulator (their windows are separate).
  const shared = await run("with Redis", redis.url);
  const alone = await run("without Redis", "none");
  const [sharedResults, aloneResults] = await Promise.all([shared.results, alone.results]);
  const withRedis = summary("with Redis", shared, sharedResults);
  const withoutRedis = summary("without Redis", alone, aloneResults);
  await Promise.all([shared.sim.close(), alone.sim.close()]);
  // What the limit allows: every call plus the one token call, 120 per 60-s window, the first window
  // at once: the last start can come no sooner than (ceil(n/120) - 1) windows after the first.
  const total = PROCESSES * CALLS + 1;
  const allowedSeconds = (Math.ceil(total / 120) - 1) * 60;
  const ratio = withRedis.seconds / allowedSeconds;
  console.log(
    JSON.stringify({ withRedis, withoutRedis, allowedSeconds, ratio: Number(ratio.toFixed(3)) }, null, 2),
  );

  const problems = [];
  if (withRedis.ok !== PROCESSES * CALLS)
    problems.push(`with Redis: ${withRedis.ok} of ${PROCESSES * CALLS} calls answered`);
  if (withRedis.tooMany !== 0) problems.push(`with Redis: ${withRedis.tooMany} × 429`);
  if (withRedis.tokenExchanges !== 1)
    problems.push(`with Redis: ${withRedis.tokenExchanges} token exchanges`);
  if (allowedSeconds > 0 && ratio > 1.1)
    problems.push(`with Redis: ${ratio.toFixed(3)}× the time the limit allows`);
  if (withoutRedis.tooMany === 0) problems.push("without Redis: no 429 (the comparison shows nothing)");

  // 3. Redis stopped mid-run and started again, with 2-s windows on both sides.
  const serverLimits = { tokenPerWindow: 1, perClientPerWindow: 10, totalPerWindow: 1000, windowMs: 2000 };
  const clientLimits = { tokenPerWindow: 1, callsPerWindow: 10, windowMs: 2150, concurrency: 4 };
  const outageCalls = 15;
  const outage = await run("outage", redis.url, { serverLimits, clientLimits, calls: outageCalls });
  setTimeout(async () => {
    await redis.stop();
    setTimeout(() => redis.start(), 4000);
  }, 1500);
  const outageResults = await outage.results;
  const stopped = summary("Redis stopped and started again", outage, outageResults, outageCalls);
  await outage.sim.close();
  console.log(JSON.stringify(stopped, null, 2));
  if (stopped.failed > 0 || stopped.ok !== PROCESSES * outageCalls)
    problems.push(`outage: ${stopped.ok} answered, ${stopped.failed} failed`);
  if (!stopped.warnings.every((n) => n === 1))
    problems.push(`outage: warnings per process ${stopped.warnings}`);
  if (stopped.tooMany !== 0) problems.push(`outage: ${stopped.tooMany} × 429`);

  if (problems.length > 0) {
    console.error(`FAILED:\n- ${problems.join("\n- ")}`);
    process.exitCode = 1;
  } else {
    console.log("e2e: all checks passed");
  }
} finally {
  await redis.stop();
}
