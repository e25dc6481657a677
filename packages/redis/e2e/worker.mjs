// One process of the e2e run: N calls of listMeteringPoints through the built packages, then a JSON
// line with what it saw. argv: simulator URL, calls, Redis URL or "none", the client's limits as JSON
// ("current" for Energinet's); the refresh token comes in ELOVERBLIK_REFRESH_TOKEN (not in argv, which
// any process listing shows).
import { createEloverblik } from "@eloverblik-kit/client";
import { createRedisCoordination } from "../dist/index.js";

const [url, calls, redisUrl, limitsJson] = process.argv.slice(2);
const refreshToken = process.env.ELOVERBLIK_REFRESH_TOKEN;
const limits = limitsJson === "current" ? "current" : JSON.parse(limitsJson);
const warnings = [];
const redis =
  redisUrl === "none"
    ? undefined
    : createRedisCoordination({ url: redisUrl, limits, processes: 4, onWarning: (m) => warnings.push(m) });
let retries = 0;
const eloverblik = createEloverblik({
  api: "customer",
  refreshToken,
  baseUrl: url,
  limits,
  ...(redis ? { rateLimiter: redis.rateLimiter, tokenStore: redis.tokenStore } : {}),
  retry: { maxAttempts: 20 },
  onProgress: (event) => {
    if (event.type === "retry") retries++;
    if (process.env.E2E_DEBUG && event.type !== "request")
      console.error(process.pid, Date.now() % 100000, JSON.stringify(event));
  },
});
process.send?.({ ready: true });
await new Promise((resolve) => process.once("message", resolve));
const started = Date.now();
let ok = 0;
let failed = 0;
for (let i = 0; i < Number(calls); i++) {
  try {
    const points = await eloverblik.listMeteringPoints();
    if (points.length > 0) ok++;
  } catch {
    failed++;
  }
}
const result = {
  ok,
  failed,
  retries,
  warnings: warnings.length,
  ms: Date.now() - started,
  state: redis?.state,
};
await redis?.close();
process.send?.({ result });
