import { afterEach, describe, expect, it } from "vitest";
import { createSimulator, LIMITS_2024, LIMITS_2026, startSimulator } from "../src/index.js";
import { caller, type FaceOptions, faces, type Started, useMsw, virtualClock } from "./support.js";

useMsw();

const ALIVE = "/customerapi/api/isalive";
const TOKEN = "/customerapi/api/token";

describe.each(faces)("rate limits on the injected clock ($name)", (face) => {
  let started: Started;
  const clock = virtualClock();
  afterEach(async () => started?.stop());
  const start = async (options: FaceOptions = {}) => {
    clock.set("2026-01-15T10:00:00Z");
    started = await face.start({ clock: clock.now, ...options });
    return started;
  };

  it("allows 2 token calls per minute per client and answers the third with 429 and Retry-After", async () => {
    const { api, sim } = await start();
    expect((await api("GET", TOKEN, { token: sim.tokens.customer })).status).toBe(200);
    clock.advance(20_000);
    expect((await api("GET", TOKEN, { token: sim.tokens.customer })).status).toBe(200);
    clock.advance(10_000);
    const third = await api("GET", TOKEN, { token: sim.tokens.customer });
    expect(third.status).toBe(429);
    // The first call (t=0) leaves the 60 s window at t=60 s; now is t=30 s.
    expect(third.headers.get("retry-after")).toBe("30");
    expect((third.json as { status: number }).status).toBe(429);
    expect(third.headers.get("x-correlation-id")).toBeTruthy();
    // Other endpoints are still open to the same client.
    expect((await api("GET", ALIVE)).status).toBe(200);
    clock.advance(29_000);
    expect((await api("GET", TOKEN, { token: sim.tokens.customer })).status).toBe(429);
    clock.advance(1_000);
    expect((await api("GET", TOKEN, { token: sim.tokens.customer })).status).toBe(200);
  });

  it("keeps the token limit per client address", async () => {
    const { api, sim } = await start({ trustForwardedFor: true });
    const from = (ip: string) => ({ token: sim.tokens.customer, headers: { "X-Forwarded-For": ip } });
    expect((await api("GET", TOKEN, from("10.0.0.1"))).status).toBe(200);
    expect((await api("GET", TOKEN, from("10.0.0.1"))).status).toBe(200);
    expect((await api("GET", TOKEN, from("10.0.0.1"))).status).toBe(429);
    expect((await api("GET", TOKEN, from("10.0.0.2"))).status).toBe(200);
  });

  it("limits calls per client and in total with configurable numbers", async () => {
    const { api } = await start({
      limits: { perClientPerWindow: 5, totalPerWindow: 8 },
      trustForwardedFor: true,
    });
    const from = (ip: string) => ({ headers: { "X-Forwarded-For": ip } });
    for (let i = 0; i < 5; i++) expect((await api("GET", ALIVE, from("10.0.0.1"))).status).toBe(200);
    const sixth = await api("GET", ALIVE, from("10.0.0.1"));
    expect(sixth.status).toBe(429);
    expect((sixth.json as { detail: string }).detail).toContain("per client");
    for (let i = 0; i < 3; i++) expect((await api("GET", ALIVE, from("10.0.0.2"))).status).toBe(200);
    const total = await api("GET", ALIVE, from("10.0.0.3"));
    expect(total.status).toBe(429);
    expect((total.json as { detail: string }).detail).toContain("in total");
    clock.advance(60_001);
    expect((await api("GET", ALIVE, from("10.0.0.3"))).status).toBe(200);
  });

  it("uses the 2024 profile (1 token call, 25 calls per minute) when asked", async () => {
    const { api, sim } = await start({ limits: "2024" });
    expect((await api("GET", TOKEN, { token: sim.tokens.customer })).status).toBe(200);
    expect((await api("GET", TOKEN, { token: sim.tokens.customer })).status).toBe(429);
    // The refused token call is not counted, so 24 more calls fit in the 25.
    for (let i = 0; i < 24; i++) expect((await api("GET", ALIVE)).status).toBe(200);
    expect((await api("GET", ALIVE)).status).toBe(429);
  });

  it("can be switched off", async () => {
    const { api, sim } = await start({ limits: "off" });
    for (let i = 0; i < 5; i++)
      expect((await api("GET", TOKEN, { token: sim.tokens.customer })).status).toBe(200);
  });
});

describe("the client address behind the per-client limits", () => {
  const TOKEN_FROM = (token: string, ip: string) => ({
    token,
    headers: { "X-Forwarded-For": `${ip}, 10.9.9.9` },
  });

  it("is the socket address over HTTP by default, so X-Forwarded-For cannot dodge the limits", async () => {
    const clock = virtualClock();
    const sim = createSimulator({ clock: clock.now });
    const running = await startSimulator({ simulator: sim });
    try {
      const api = caller(running.url);
      expect((await api("GET", TOKEN, TOKEN_FROM(sim.tokens.customer, "10.0.0.1"))).status).toBe(200);
      expect((await api("GET", TOKEN, TOKEN_FROM(sim.tokens.customer, "10.0.0.2"))).status).toBe(200);
      expect((await api("GET", TOKEN, TOKEN_FROM(sim.tokens.customer, "10.0.0.3"))).status).toBe(429);
      expect(new Set(sim.requests.map((r) => r.clientAddress))).toEqual(new Set(["127.0.0.1"]));
    } finally {
      await running.close();
    }
  });

  it("is the first X-Forwarded-For entry over HTTP with trustForwardedFor", async () => {
    const clock = virtualClock();
    const sim = createSimulator({ clock: clock.now });
    const running = await startSimulator({ simulator: sim, trustForwardedFor: true });
    try {
      const api = caller(running.url);
      for (const ip of ["10.0.0.1", "10.0.0.2", "10.0.0.3"]) {
        expect((await api("GET", TOKEN, TOKEN_FROM(sim.tokens.customer, ip))).status).toBe(200);
      }
      // Without the header the socket address is still the key.
      expect((await api("GET", ALIVE)).status).toBe(200);
      expect(sim.requests.map((r) => r.clientAddress)).toEqual([
        "10.0.0.1",
        "10.0.0.2",
        "10.0.0.3",
        "127.0.0.1",
      ]);
    } finally {
      await running.close();
    }
  });

  it("is read from X-Forwarded-For by the msw handlers, which have no socket", async () => {
    const started = await faces[0]!.start({ clock: virtualClock().now });
    for (const ip of ["10.0.0.1", "10.0.0.2", "10.0.0.3"]) {
      expect((await started.api("GET", TOKEN, TOKEN_FROM(started.sim.tokens.customer, ip))).status).toBe(200);
    }
    expect((await started.api("GET", ALIVE)).status).toBe(200);
    expect(started.sim.requests.map((r) => r.clientAddress)).toEqual([
      "10.0.0.1",
      "10.0.0.2",
      "10.0.0.3",
      "127.0.0.1",
    ]);
  });
});

describe("rate limit profiles", () => {
  it("match the published numbers", () => {
    expect(LIMITS_2026).toEqual({
      tokenPerWindow: 2,
      perClientPerWindow: 120,
      totalPerWindow: 1200,
      windowMs: 60_000,
    });
    expect(LIMITS_2024).toEqual({
      tokenPerWindow: 1,
      perClientPerWindow: 25,
      totalPerWindow: 400,
      windowMs: 60_000,
    });
  });

  it("enforces 120 calls per minute per client by default", async () => {
    const started = await faces[0]!.start({ clock: virtualClock().now });
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++) statuses.push((await started.api("GET", ALIVE)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(120);
    expect(statuses[120]).toBe(429);
  });

  it("enforces 1200 calls per minute across all clients by default", async () => {
    const clock = virtualClock();
    const started = await faces[0]!.start({ clock: clock.now });
    let rejected = 0;
    for (let client = 0; client < 10; client++) {
      for (let i = 0; i < 120; i++) {
        const answer = await started.sim.handle({
          method: "GET",
          url: ALIVE,
          headers: {},
          body: undefined,
          clientAddress: `c${client}`,
        });
        if (answer.kind === "response" && answer.status === 429) rejected++;
      }
    }
    expect(rejected).toBe(0);
    const over = await started.api("GET", ALIVE, { headers: { "X-Forwarded-For": "someone-else" } });
    expect(over.status).toBe(429);
    expect((over.json as { detail: string }).detail).toContain("1200");
  });

  it("rejects nonsense limits", async () => {
    await expect(faces[0]!.start({ limits: { tokenPerWindow: 0 } })).rejects.toThrow(RangeError);
  });
});
