// `eloverblik: { redisUrl }` in settings.js: the config node paces and keeps its token in Redis,
// shared with every other process using that Redis (here: a client made by the test itself).
import { createEloverblik } from "@eloverblik-kit/client";
import { createRedisCoordination } from "@eloverblik-kit/redis";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type RunningRedis,
  redisServerBinary,
  skipMessage,
  startRedis,
} from "../../redis/e2e/redis-server.mjs";
import { config, credentials, load, next, useNodeRed } from "./support.js";

if (!redisServerBinary) console.warn(skipMessage);

const settings: { eloverblik: { redisUrl: string } } = { eloverblik: { redisUrl: "redis://127.0.0.1:1" } };
const state = useNodeRed({ settings });

function flow() {
  return [
    config(state.sim),
    {
      id: "n1",
      type: "eloverblik-time-series",
      server: "cfg",
      period: "yesterday",
      aggregation: "Day",
      output: "points",
      wires: [["out"]],
    },
    { id: "out", type: "helper" },
  ];
}
const tokenCalls = () => state.sim.simulator.requests.filter((r) => r.operation === "getToken").length;

describe.skipIf(!redisServerBinary)("eloverblik-config with a Redis URL", () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis();
    settings.eloverblik.redisUrl = redis.url;
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it("uses the data-access token another process exchanged, and paces through Redis", async () => {
    // "Another process": a client of its own with its own Redis connection and token state.
    const other = createRedisCoordination({ url: redis.url });
    await createEloverblik({
      api: "customer",
      refreshToken: state.sim.tokens.customer,
      baseUrl: state.sim.url,
      rateLimiter: other.rateLimiter,
      tokenStore: other.tokenStore,
    }).listMeteringPoints();
    await other.close();
    expect(tokenCalls()).toBe(1);

    const loaded = await load(flow(), credentials(state.sim));
    const got = next(loaded.node, loaded.out);
    loaded.node.receive({});
    const msg = await got;
    expect(msg.payload).toBeTruthy();
    // Without Redis, the fresh user directory would have made it exchange a second time.
    expect(tokenCalls()).toBe(1);
    const admin = new Redis(redis.url);
    const log = await admin.keys("eloverblik-kit:limit:default:*:all");
    expect(log).toHaveLength(1);
    // Both processes' calls are in the one window: the test's client's 2 and Node-RED's.
    expect(await admin.zcard(log[0]!)).toBe(state.sim.simulator.requests.length);
    admin.disconnect();
  });
});

describe("eloverblik-config with a Redis URL that cannot be used", () => {
  it("reports it through done(err) without repeating the password", async () => {
    const previous = settings.eloverblik.redisUrl;
    settings.eloverblik.redisUrl = "http://u:pa55w0rd@127.0.0.1:6379";
    try {
      const loaded = await load(flow(), credentials(state.sim));
      const failed = next(loaded.node, loaded.out).then(
        () => undefined,
        (error: Error) => error,
      );
      loaded.node.receive({});
      const error = await failed;
      expect(String((error as Error | undefined)?.message ?? error)).toMatch(/redisUrl.*redis:\/\//);
      expect(String((error as Error | undefined)?.message ?? error)).not.toContain("pa55w0rd");
      expect(tokenCalls()).toBe(0);
    } finally {
      settings.eloverblik.redisUrl = previous;
    }
  });
});
