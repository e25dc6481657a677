import { describe, expect, it } from "vitest";
import { ISSUED_TOKEN_LIMIT } from "../src/auth/token-service.js";
import { createSimulator, LIMITS_2026 } from "../src/index.js";
import { RateLimiter } from "../src/limits/rate-limiter.js";
import { virtualClock } from "./support.js";

describe("bounded memory", () => {
  it("remembers at most ISSUED_TOKEN_LIMIT issued tokens, dropping expired ones first, then the oldest", async () => {
    const clock = virtualClock();
    const sim = createSimulator({ clock: clock.now });
    const issued = () => sim.model.issuedTokens.map((t) => t.token);
    const first = sim.issueRefreshToken({ api: "customer" });
    for (let i = 1; i < ISSUED_TOKEN_LIMIT; i++)
      sim.issueDataAccessToken({ api: "customer", expiresInMs: -1000 });
    expect(issued()).toHaveLength(ISSUED_TOKEN_LIMIT);
    // One more: the expired ones make room, the valid first one stays.
    const second = sim.issueDataAccessToken({ api: "customer" });
    expect(issued()).toEqual([first, second]);
    // Only valid ones: the oldest goes.
    for (let i = 2; i < ISSUED_TOKEN_LIMIT; i++) sim.issueDataAccessToken({ api: "customer" });
    expect(issued()).toHaveLength(ISSUED_TOKEN_LIMIT);
    expect(issued()[0]).toBe(first);
    const last = sim.issueDataAccessToken({ api: "customer" });
    expect(issued()).toHaveLength(ISSUED_TOKEN_LIMIT);
    expect(issued()[0]).toBe(second);
    expect(issued().at(-1)).toBe(last);
    // Tokens are checked by signature, so one that left the list still works.
    const exchange = await sim.handle({
      method: "GET",
      url: "/customerapi/api/token",
      headers: { authorization: `Bearer ${first}` },
      body: undefined,
      clientAddress: "a",
    });
    expect(exchange.kind === "response" && exchange.status).toBe(200);
  });
});

describe("bounded memory of the rate limiter", () => {
  it("drops the windows of clients gone quiet, and keeps those still in their window", () => {
    const limiter = new RateLimiter({ ...LIMITS_2026, totalPerWindow: Number.POSITIVE_INFINITY });
    let now = 0;
    // 5,000 addresses, ten a second: about 600 within any one-minute window.
    for (let i = 0; i < 5_000; i++, now += 100)
      expect(limiter.check(`client-${i}`, false, now).ok).toBe(true);
    expect(limiter.size).toBeLessThan(1_300);

    // A client at its token limit keeps its window through a sweep set off by 2,000 newcomers.
    expect(limiter.check("busy", true, now).ok).toBe(true);
    expect(limiter.check("busy", true, now).ok).toBe(true);
    for (let i = 0; i < 2_000; i++) limiter.check(`newcomer-${i}`, false, now);
    expect(limiter.check("busy", true, now + 1_000)).toMatchObject({ ok: false, scope: "token" });
    expect(limiter.check("busy", true, now + 61_000).ok).toBe(true);
  });
});
