// Against a real redis-server and the simulator's HTTP server, with 2-second windows on both sides so
// the suite stays fast. Every "process" here is a client with its own Redis connection, pacer, token
// store and in-process token state: what separate processes have. The simulator counts them as one
// client address (all connect from 127.0.0.1), as Energinet counts processes behind one IP.
import { createEloverblik, createMemoryTokenStore, RateLimiter, tokenStoreKey } from "@eloverblik-kit/client";
import { type RunningSimulator, startSimulator } from "@eloverblik-kit/simulator/server";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunningRedis, redisServerBinary, skipMessage, startRedis } from "../e2e/redis-server.mjs";
import {
  createRedisCoordination,
  RedisConnection,
  type RedisCoordination,
  RedisTokenStore,
} from "../src/index.js";

if (!redisServerBinary) console.warn(skipMessage);

const WINDOW_MS = 2000;
/** The simulator's quota per client address in each 2-s window. */
const SERVER = { tokenPerWindow: 1, perClientPerWindow: 8, totalPerWindow: 1000, windowMs: WINDOW_MS };
/** The client's: the same counts, a window 150 ms longer to absorb latency (as 61 s against 60 s). */
const CLIENT = { tokenPerWindow: 1, callsPerWindow: 8, windowMs: WINDOW_MS + 150, concurrency: 4 };

describe.skipIf(!redisServerBinary)("against a real redis-server", () => {
  let redis: RunningRedis;
  let sim: RunningSimulator;
  const open: RedisCoordination[] = [];
  const coordination = (options: Partial<Parameters<typeof createRedisCoordination>[0]> = {}) => {
    const made = createRedisCoordination({
      url: redis.url,
      limits: CLIENT,
      onWarning: () => undefined,
      ...options,
    });
    open.push(made);
    return made;
  };
  const client = (made: RedisCoordination) =>
    createEloverblik({
      api: "customer",
      refreshToken: sim.tokens.customer,
      baseUrl: sim.url,
      limits: CLIENT,
      rateLimiter: made.rateLimiter,
      tokenStore: made.tokenStore,
    });
  const counts = () => ({
    tooMany: sim.simulator.requests.filter((r) => r.status === 429).length,
    exchanges: sim.simulator.requests.filter((r) => r.operation === "getToken" && r.status === 200).length,
    ok: sim.simulator.requests.filter((r) => r.status === 200).length,
  });

  beforeAll(async () => {
    redis = await startRedis();
    sim = await startSimulator({ seed: 7, limits: SERVER });
  });
  afterAll(async () => {
    await sim?.close();
    await redis?.stop();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((made) => made.close()));
    sim.simulator.reset();
    const admin = new Redis(redis.url);
    await admin.flushall();
    admin.disconnect();
  });

  it("paces N processes together: at most L starts in any W ms across them, the same semantics as in one process", async () => {
    const pacers = [1, 2, 3, 4].map(() => coordination().rateLimiter);
    const starts: number[] = [];
    await Promise.all(
      pacers.map(async (pacer) => {
        for (let i = 0; i < 5; i++) {
          const release = await pacer.acquire("data", undefined);
          starts.push(Date.now());
          release();
        }
      }),
    );
    starts.sort((a, b) => a - b);
    expect(starts).toHaveLength(20);
    // 20 starts at 8 per window need three windows: the 9th and 17th wait for the 1st and 9th to leave.
    for (let i = CLIENT.callsPerWindow; i < starts.length; i++) {
      // Read on the local clock just after each grant, which a loaded machine may delay by a little;
      // without one shared window the gaps would be near 0, not near W.
      expect(starts[i]! - starts[i - CLIENT.callsPerWindow]!).toBeGreaterThanOrEqual(CLIENT.windowMs - 200);
    }
    expect(pacers.every((pacer) => pacer.state === "redis")).toBe(true);
  });

  it("four processes with one refresh token: zero 429s and one token exchange; without Redis, 429s and an exchange each", async () => {
    const run = async (clients: ReturnType<typeof createEloverblik>[]) => {
      const results = await Promise.all(
        clients.map(async (eloverblik) => {
          const got = [];
          for (let i = 0; i < 5; i++) got.push(await eloverblik.listMeteringPoints());
          return got;
        }),
      );
      return results.flat();
    };
    const shared = await run([1, 2, 3, 4].map(() => client(coordination())));
    expect(shared).toHaveLength(20);
    expect(shared.every((points) => Array.isArray(points) && points.length > 0)).toBe(true);
    const withRedis = counts();
    expect(withRedis).toMatchObject({ tooMany: 0, exchanges: 1 });
    expect(withRedis.ok).toBe(21);

    sim.simulator.reset();
    const alone = [1, 2, 3, 4].map(() =>
      createEloverblik({
        api: "customer",
        refreshToken: sim.tokens.customer,
        baseUrl: sim.url,
        limits: CLIENT,
        rateLimiter: new RateLimiter(CLIENT, {
          now: Date.now,
          sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
        }),
        tokenStore: createMemoryTokenStore(),
        retry: { maxAttempts: 10 },
      }),
    );
    const separate = await run(alone);
    expect(separate).toHaveLength(20);
    const without = counts();
    expect(without.tooMany).toBeGreaterThan(0);
    expect(without.exchanges).toBe(4);
  });

  it("keeps in Redis only digests and sealed values, with TTLs below the token's life", async () => {
    const made = coordination();
    await client(made).listMeteringPoints();
    const admin = new Redis(redis.url);
    try {
      const keys = await admin.keys("*");
      const storeKey = tokenStoreKey("customer", sim.url, sim.tokens.customer);
      const { entry, lock } = made.tokenStore.keysOf(storeKey);
      expect(keys).toContain(entry);
      expect(keys).not.toContain(lock);
      const refreshParts = sim.tokens.customer.split(".");
      const storeDigest = storeKey.split(":").pop()!;
      for (const key of keys) {
        const type = await admin.type(key);
        const value =
          type === "string" ? await admin.get(key) : (await admin.zrange(key, 0, -1, "WITHSCORES")).join(" ");
        for (const text of [key, value ?? ""]) {
          expect(text).not.toContain(refreshParts[2]!);
          expect(text).not.toContain(storeDigest);
        }
        const ttl = await admin.pttl(key);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(24 * 3600_000 - 10 * 60_000);
      }
      const sealed = (await admin.get(entry))!;
      const stored = await made.tokenStore.get(storeKey);
      expect(stored?.accessToken.length).toBeGreaterThan(20);
      expect(sealed).not.toContain(stored!.accessToken.split(".")[1]!);
      // Another refresh token's store key neither finds the entry nor opens the value under its name.
      const other = tokenStoreKey("customer", sim.url, `${sim.tokens.customer}x`);
      await admin.set(made.tokenStore.keysOf(other).entry, sealed, "PX", 60_000);
      await admin.set(made.tokenStore.keysOf(other).lock, "someone", "PX", 60_000);
      const strict = coordination({ exchangeLockMs: 200 });
      expect(await strict.tokenStore.get(other)).toBeUndefined();
    } finally {
      admin.disconnect();
    }
  });

  it("a process that claims the exchange just after another stored the token uses that token (no second exchange)", async () => {
    // The interleaving a loaded machine produced on CI: B reads the entry (a miss) while A is exchanging;
    // A then stores its token and releases the claim; B's next claim succeeds. B must find A's token.
    const storeKey = tokenStoreKey("customer", sim.url, sim.tokens.customer);
    const token = { accessToken: "a".repeat(40), expiresAtMs: Date.now() + 3600_000, verifier: "v" };
    const connectionA = new RedisConnection({ url: redis.url, onWarning: () => undefined });
    let reads = 0;
    let hook: (() => Promise<void>) | undefined;
    class Interleaved extends RedisConnection {
      override async run<T>(operation: Parameters<RedisConnection["run"]>[0]) {
        const result = await super.run(operation as never);
        if (++reads === 4 && hook) await hook();
        return result as { value: T } | undefined;
      }
    }
    const connectionB = new Interleaved({ url: redis.url, onWarning: () => undefined });
    const a = new RedisTokenStore({ connection: connectionA });
    const b = new RedisTokenStore({ connection: connectionB });
    try {
      expect(await a.get(storeKey)).toBeUndefined(); // A claims the exchange
      // B's commands: GET entry, SET NX (taken), GET claim, pause, GET entry (still a miss) — then A stores.
      hook = () => a.set(storeKey, token);
      const found = await b.get(storeKey);
      expect(reads).toBeGreaterThanOrEqual(5);
      expect(found?.accessToken).toBe(token.accessToken);
      // B released the claim it took, so nobody waits for an exchange that never comes.
      const admin = new Redis(redis.url);
      expect(await admin.exists(b.keysOf(storeKey).lock)).toBe(0);
      admin.disconnect();
    } finally {
      await Promise.all([connectionA.close(), connectionB.close()]);
    }
  });

  it("Redis stopped mid-run and started again: every call answers, one warning per process, Redis used again", async () => {
    const warnings: string[][] = [[], []];
    const made = [0, 1].map((i) =>
      coordination({ processes: 2, connectTimeoutMs: 500, onWarning: (m) => warnings[i]!.push(m) }),
    );
    const clients = made.map(client);
    let stopped = false;
    let restarted = false;
    const outage = (async () => {
      while (counts().ok < 10) await new Promise((r) => setTimeout(r, 20));
      await redis.stop();
      stopped = true;
      await new Promise((r) => setTimeout(r, 2 * WINDOW_MS));
      await redis.start();
      restarted = true;
    })();
    const results = await Promise.all(
      clients.map(async (eloverblik) => {
        const got = [];
        for (let i = 0; i < 16; i++) got.push(await eloverblik.listMeteringPoints());
        return got;
      }),
    );
    await outage;
    expect(stopped && restarted).toBe(true);
    expect(results.flat()).toHaveLength(32);
    expect(results.flat().every((points) => points.length > 0)).toBe(true);
    expect(warnings.map((list) => list.length)).toEqual([1, 1]);
    expect(warnings[0]![0]).toMatch(/unreachable.*share of the quota/);
    // Calls after the restart go through Redis again.
    await Promise.all(clients.map((eloverblik) => eloverblik.listMeteringPoints()));
    expect(made.map((m) => m.state)).toEqual(["redis", "redis"]);
    expect(counts().tooMany).toBe(0);
  }, 60_000);

  it("a Redis that is not there at start: the first call falls back within the connect timeout, warns once, and Redis is used once it starts", async () => {
    await redis.stop();
    const warnings: string[] = [];
    const made = coordination({ connectTimeoutMs: 300, onWarning: (m) => warnings.push(m) });
    const eloverblik = client(made);
    const started = Date.now();
    expect((await eloverblik.listMeteringPoints()).length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(made.state).toBe("fallback");
    await eloverblik.listMeteringPoints();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(redis.url);
    await redis.start();
    for (let i = 0; i < 50 && made.state !== "redis"; i++) {
      await new Promise((r) => setTimeout(r, 200));
      await eloverblik.listMeteringPoints();
    }
    expect(made.state).toBe("redis");
    expect(warnings).toHaveLength(1);
  }, 60_000);
});

describe("Redis URLs", () => {
  it("refuses what is not a redis:// URL with a short message that never repeats a password", () => {
    for (const bad of [
      "",
      "   ",
      "localhost:6379",
      "http://127.0.0.1:6379",
      "redis://",
      "redis://h:1/abc",
      42,
    ]) {
      let message = "";
      try {
        createRedisCoordination({ url: bad as string });
      } catch (error) {
        expect((error as { code?: string }).code).toBe("INVALID_REDIS_URL");
        message = (error as Error).message;
      }
      expect(message).not.toBe("");
      expect(message.length).toBeLessThan(160);
    }
    const secret = "s3cr3t-p4ss";
    let message = "";
    try {
      createRedisCoordination({ url: `http://user:${secret}@127.0.0.1:6379` });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/redis:\/\//);
    expect(message).not.toContain(secret);
  });

  it("refuses an exchange claim Redis cannot set (0 or a fraction of a millisecond) before connecting", () => {
    for (const exchangeLockMs of [0, 1.5, -1, Number.NaN]) {
      expect(() => createRedisCoordination({ url: "redis://127.0.0.1:1", exchangeLockMs })).toThrow(
        /exchangeLockMs/,
      );
    }
  });

  it("shows a URL with its password masked", async () => {
    const made = createRedisCoordination({ url: "redis://user:hunter2@127.0.0.1:1/0" });
    expect(made.url).toBe("redis://user:***@127.0.0.1:1/0");
    await made.close();
  });
});
