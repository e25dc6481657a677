// ELOVERBLIK_REDIS_URL: the built command run as separate processes sharing one redis-server.
import { type RunningSimulator, startSimulator } from "@eloverblik-kit/simulator/server";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type RunningRedis,
  redisServerBinary,
  skipMessage,
  startRedis,
} from "../../redis/e2e/redis-server.mjs";
import { runCli, STACK, scratchHome } from "./helpers.js";

if (!redisServerBinary) console.warn(skipMessage);

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 7 });
});
afterAll(async () => {
  await sim.close();
});

describe("ELOVERBLIK_REDIS_URL", () => {
  it("a URL that cannot be used is a usage error (exit 2) that does not repeat its password", async () => {
    const home = scratchHome();
    try {
      for (const url of ["http://user:pa55w0rd@127.0.0.1:6379", "not a url pa55w0rd"]) {
        const r = await runCli(["metering-points"], {
          env: {
            ...home.env,
            ELOVERBLIK_REFRESH_TOKEN: sim.tokens.customer,
            ELOVERBLIK_BASE_URL: sim.url,
            ELOVERBLIK_REDIS_URL: url,
          },
        });
        expect(r.code).toBe(2);
        expect(r.stderr).toContain("ELOVERBLIK_REDIS_URL");
        expect(r.stderr).not.toContain("pa55w0rd");
        expect(r.stderr).not.toMatch(STACK);
        expect(r.stdout).toBe("");
      }
    } finally {
      home.cleanup();
    }
  });

  describe.skipIf(!redisServerBinary)("with a real redis-server", () => {
    let redis: RunningRedis;
    beforeAll(async () => {
      redis = await startRedis();
    });
    afterAll(async () => {
      await redis?.stop();
    });

    it("two runs with separate homes share one data-access token and one pace through Redis", async () => {
      sim.simulator.reset();
      const homes = [scratchHome(), scratchHome()];
      try {
        for (const home of homes) {
          const r = await runCli(["metering-points"], {
            env: {
              ...home.env,
              ELOVERBLIK_REFRESH_TOKEN: sim.tokens.customer,
              ELOVERBLIK_BASE_URL: sim.url,
              ELOVERBLIK_REDIS_URL: redis.url,
            },
          });
          expect(r.code).toBe(0);
          expect(JSON.parse(r.stdout).length).toBeGreaterThan(0);
          expect(r.stderr).not.toContain("warning");
        }
        const exchanges = sim.simulator.requests.filter((q) => q.operation === "getToken");
        expect(exchanges).toHaveLength(1);
        const admin = new Redis(redis.url);
        const keys = await admin.keys("eloverblik-kit:*");
        admin.disconnect();
        expect(keys.some((k) => k.startsWith("eloverblik-kit:limit:default:"))).toBe(true);
        expect(keys.some((k) => k.startsWith("eloverblik-kit:token:"))).toBe(true);
      } finally {
        for (const home of homes) home.cleanup();
      }
    });

    it("a Redis that does not answer: one warning, and the command still answers", async () => {
      const home = scratchHome();
      try {
        await redis.stop();
        const r = await runCli(["metering-points"], {
          env: {
            ...home.env,
            ELOVERBLIK_REFRESH_TOKEN: sim.tokens.customer,
            ELOVERBLIK_BASE_URL: sim.url,
            ELOVERBLIK_REDIS_URL: redis.url,
          },
        });
        expect(r.code).toBe(0);
        expect(JSON.parse(r.stdout).length).toBeGreaterThan(0);
        expect(
          r.stderr.match(/warning: Redis at redis:\/\/127\.0\.0\.1:\d+\/? is unreachable/g),
        ).toHaveLength(1);
      } finally {
        await redis.start();
        home.cleanup();
      }
    });
  });
});
