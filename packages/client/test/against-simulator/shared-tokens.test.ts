import type { SimulatorOptions } from "@eloverblik-kit/simulator";
import { afterEach, describe, expect, it } from "vitest";
import {
  createEloverblik,
  createMemoryTokenStore,
  type EloverblikOptions,
  isEloverblikError,
  type StoredAccessToken,
  type TokenStore,
  tokenStoreKey,
  tokenVerifier,
} from "../../src/index.js";
import { faces, type Started, useMsw, virtualClock } from "./support.js";

useMsw();

// The key the client used before SHA-256: FNV-1a 32-bit of the refresh token, kept here only to
// show that the two tokens below collided under it.
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** FNV-1a's multiplier is odd, so every step can be undone: h = (h' · p⁻¹ mod 2³²) xor c. */
const FNV_INVERSE = (() => {
  let x = 0x01000193;
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(0x01000193, x)) >>> 0;
  return x;
})();

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * A forged refresh token (right claims, made-up signature) whose old store key equals `target`'s:
 * meet in the middle over the signature's last six characters, 2 × 64³ steps.
 */
function forgeCollision(target: string): string {
  const [header, payload] = target.split(".");
  const prefix = `${header}.${payload}.forged${"A".repeat(30)}`;
  let state = 0x811c9dc5;
  for (let i = 0; i < prefix.length; i++) state = Math.imul(state ^ prefix.charCodeAt(i), 0x01000193) >>> 0;
  const forward = new Map<number, string>();
  for (const a of ALPHABET)
    for (const b of ALPHABET)
      for (const c of ALPHABET) {
        let h = Math.imul(state ^ a.charCodeAt(0), 0x01000193) >>> 0;
        h = Math.imul(h ^ b.charCodeAt(0), 0x01000193) >>> 0;
        h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
        forward.set(h, a + b + c);
      }
  const goal = fnv1a(target);
  for (const f of ALPHABET)
    for (const e of ALPHABET)
      for (const d of ALPHABET) {
        let h = (Math.imul(goal, FNV_INVERSE) >>> 0) ^ f.charCodeAt(0);
        h = (Math.imul(h, FNV_INVERSE) >>> 0) ^ e.charCodeAt(0);
        h = (Math.imul(h, FNV_INVERSE) >>> 0) ^ d.charCodeAt(0);
        const head = forward.get(h >>> 0);
        if (head !== undefined) return `${prefix}${head}${d}${e}${f}`;
      }
  throw new Error("no collision found");
}

describe.each(faces)("one data-access token per refresh token ($name)", (face) => {
  let s: Started;
  const clock = virtualClock();
  afterEach(async () => s?.stop());

  async function start(options: SimulatorOptions = {}) {
    clock.set("2026-11-20T10:00:00Z");
    s = await face.start({ clock: clock.now, ...options });
    return s.sim.meteringPoints;
  }

  // One sleep function for every client of a test, so they count as sharing one clock.
  const sleep = async (ms: number, signal?: AbortSignal) => {
    signal?.throwIfAborted();
    clock.advance(ms);
  };

  const client = (extra: Partial<EloverblikOptions> = {}) =>
    createEloverblik({
      api: "customer",
      refreshToken: s.sim.tokens.customer,
      baseUrl: s.baseUrl,
      now: clock.now,
      sleep,
      retry: { timeoutMs: 0 },
      ...extra,
    });

  const calls = (operation: string) => s.sim.requests.filter((r) => r.operation === operation);
  const statuses = () => s.sim.requests.map((r) => r.status);

  it("never serves one user's token to a refresh token that collided under the old 32-bit key", async () => {
    await start();
    const victim = s.sim.tokens.customer;
    const forged = forgeCollision(victim);
    expect(forged).not.toBe(victim);
    expect(fnv1a(forged)).toBe(fnv1a(victim));
    expect(tokenStoreKey("customer", s.baseUrl, forged)).not.toBe(
      tokenStoreKey("customer", s.baseUrl, victim),
    );

    const store = createMemoryTokenStore();
    expect(await client({ tokenStore: store }).listMeteringPoints()).not.toHaveLength(0);
    const attacker = client({ tokenStore: store, refreshToken: forged });
    const error = await attacker.listMeteringPoints().catch((e: unknown) => e);
    expect(isEloverblikError(error) && error.code).toBe("TOKEN_REFUSED");
    expect(isEloverblikError(error) && error.operation).toBe("getToken");
    // The forged token had to go to the server itself, which refused it.
    expect(calls("getToken").map((r) => r.status)).toEqual([200, 401]);
    expect(calls("listMeteringPoints")).toHaveLength(1);
  });

  it("uses a stored token only with the verifier of its own refresh token", async () => {
    const mp = await start();
    const key = tokenStoreKey("customer", s.baseUrl, s.sim.tokens.customer);
    const someoneElses = s.sim.issueDataAccessToken({ api: "customer" });
    const entries = new Map<string, StoredAccessToken>([
      [key, { accessToken: someoneElses, expiresAtMs: clock.now() + 86_400_000, verifier: "0".repeat(64) }],
    ]);
    const store: TokenStore = { get: (k) => entries.get(k), set: (k, v) => void entries.set(k, v) };
    const [details] = await client({ tokenStore: store }).getDetails([mp.household.id]);
    expect(details?.ok).toBe(true);
    expect(calls("getToken")).toHaveLength(1);
    const saved = entries.get(key);
    expect(saved?.accessToken).not.toBe(someoneElses);
    expect(saved?.verifier).toBe(tokenVerifier(s.sim.tokens.customer));
  });

  it("keys the store with digests that reveal nothing of the refresh token", async () => {
    await start();
    const token = s.sim.tokens.customer;
    const key = tokenStoreKey("customer", s.baseUrl, token);
    expect(key).toMatch(/^eloverblik:v2:customer:[0-9a-f]{16}:[0-9a-f]{64}$/);
    for (const part of token.split(".")) expect(key).not.toContain(part.slice(0, 12));
    expect(tokenVerifier(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain(tokenVerifier(token));
  });

  it("makes one exchange and no 401 for 5 clients × 4 concurrent calls with one refresh token", async () => {
    const mp = await start();
    const store = createMemoryTokenStore();
    const clients = Array.from({ length: 5 }, () => client({ tokenStore: store }));
    const ids = [mp.household.id, mp.flex.id];
    const results = await Promise.all(
      clients.flatMap((c) => [
        c.listMeteringPoints(),
        c.getDetails(ids),
        c.getCharges(ids),
        c.getTimeSeries(ids, { from: "2026-11-01", to: "2026-11-03", aggregation: "Day" }),
      ]),
    );
    expect(results).toHaveLength(20);
    expect(calls("getToken")).toHaveLength(1);
    expect(statuses().filter((x) => x === 401 || x === 429)).toEqual([]);
    expect(s.sim.requests).toHaveLength(1 + 20);
  });

  it("shares one limiter between clients with equal limits, written or by default", async () => {
    await start();
    const shared = { shareRateLimiter: true, tokenStore: createMemoryTokenStore() };
    const implicit = client(shared);
    const explicit = client({ ...shared, limits: "current" });
    const spelledOut = client({ ...shared, limits: { callsPerWindow: 120, tokenPerWindow: 2 } });
    const slower = client({ ...shared, limits: "2024" });
    expect(explicit.rateLimiter).toBe(implicit.rateLimiter);
    expect(spelledOut.rateLimiter).toBe(implicit.rateLimiter);
    expect(slower.rateLimiter).not.toBe(implicit.rateLimiter);
    // Node's real clock: clients made with the defaults and with `limits: "current"` share too.
    const real = (limits?: EloverblikOptions["limits"]) =>
      createEloverblik({
        api: "customer",
        refreshToken: s.sim.tokens.customer,
        baseUrl: s.baseUrl,
        ...(limits ? { limits } : {}),
      });
    expect(real("current").rateLimiter).toBe(real().rateLimiter);
  });

  it("five clients with explicit limits provoke no 429 at the token endpoint", async () => {
    await start();
    const store = createMemoryTokenStore();
    const clients = Array.from({ length: 5 }, () => client({ tokenStore: store, limits: "current" }));
    await Promise.all(clients.map((c) => c.listMeteringPoints()));
    expect(calls("getToken").map((r) => r.status)).toEqual([200]);
  });

  it("sends the token current when a queued call gets its slot, not the one it started with", async () => {
    const mp = await start();
    const store = createMemoryTokenStore();
    const started = clock.now();
    // A stored token with 6 minutes left: stale for the client (it renews 5 minutes early) after
    // one minute, refused by the server after six.
    store.set(tokenStoreKey("customer", s.baseUrl, s.sim.tokens.customer), {
      accessToken: s.sim.issueDataAccessToken({ api: "customer", expiresInMs: 6 * 60_000 }),
      expiresAtMs: started + 6 * 60_000,
      verifier: tokenVerifier(s.sim.tokens.customer),
    });
    const other = client({ tokenStore: store });
    let renewed = false;
    const queued = client({
      tokenStore: store,
      limits: { callsPerWindow: 2, tokenPerWindow: 1 },
      sleep: async (ms) => {
        clock.advance(ms);
        // Another client of the process renews the token while these calls wait for the limiter.
        if (!renewed && clock.now() - started > 90_000) {
          renewed = true;
          await other.listMeteringPoints();
        }
      },
    });
    const results = await Promise.all(Array.from({ length: 16 }, () => queued.getDetails([mp.household.id])));
    expect(results.every(([r]) => r?.ok)).toBe(true);
    expect(clock.now() - started).toBeGreaterThan(6 * 60_000);
    expect(calls("getToken")).toHaveLength(1);
    expect(statuses().filter((x) => x === 401)).toEqual([]);
  });

  it("fails every call at once after Eloverblik refused the refresh token, until the cool-off", async () => {
    const mp = await start();
    const revoked = forgeCollision(s.sim.tokens.customer);
    const store = createMemoryTokenStore();
    const first = await client({ tokenStore: store, refreshToken: revoked })
      .listMeteringPoints()
      .catch((e: unknown) => e);
    expect(isEloverblikError(first) && first.code).toBe("TOKEN_REFUSED");
    const before = clock.now();
    for (let i = 0; i < 5; i++) {
      // A new client each time too, as an MCP server or a Node-RED flow may make.
      const c = client({ tokenStore: store, refreshToken: revoked });
      await expect(c.listMeteringPoints()).rejects.toBe(first);
      const [series] = await c.getTimeSeries([mp.household.id], { from: "2026-11-01" });
      expect(series?.ok === false && series.error.code).toBe("TOKEN_REFUSED");
      expect(series?.ok === false && series.error.cause).toBe(first);
    }
    expect(clock.now()).toBe(before); // no wait for the token limiter
    expect(calls("getToken")).toHaveLength(1);
    // Another refresh token is not affected.
    expect(await client({ tokenStore: store }).listMeteringPoints()).not.toHaveLength(0);
    clock.advance(15 * 60_000 + 1);
    await client({ tokenStore: store, refreshToken: revoked })
      .listMeteringPoints()
      .catch(() => undefined);
    expect(calls("getToken").map((r) => r.status)).toEqual([401, 200, 401]);
  });

  it("retries a token answer whose body is cut off, and names the token exchange when it keeps failing", async () => {
    const mp = await start({ scenario: { malformedJson: { operation: "token", calls: 1 } } });
    const first = client({ tokenStore: createMemoryTokenStore() });
    const [ok] = await first.getTimeSeries([mp.household.id], { from: "2026-11-01", aggregation: "Day" });
    expect(ok?.ok).toBe(true);
    expect(calls("getToken")).toHaveLength(2);

    s.sim.setScenario({ malformedJson: { operation: "token" } });
    const second = client({ tokenStore: createMemoryTokenStore(), rateLimiter: first.rateLimiter });
    const [failed] = await second.getTimeSeries([mp.household.id], {
      from: "2026-11-01",
      aggregation: "Day",
    });
    expect(failed?.ok).toBe(false);
    if (failed?.ok !== false) return;
    expect(failed.error.code).toBe("UNEXPECTED_RESPONSE");
    expect(failed.error.operation).toBe("getToken");
    expect(failed.error.message).toMatch(/token exchange/);
    expect(failed.error.message).toContain(mp.household.id);
    expect(calls("getToken").map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(calls("getTimeSeries")).toHaveLength(1);
  });

  it("retries a data answer whose body is cut off", async () => {
    const mp = await start({ scenario: { malformedJson: { operation: "data", calls: 2 } } });
    const [r] = await client({ tokenStore: createMemoryTokenStore() }).getTimeSeries([mp.household.id], {
      from: "2026-11-01",
      aggregation: "Day",
    });
    expect(r?.ok).toBe(true);
    expect(calls("getTimeSeries")).toHaveLength(3);
  });
});
