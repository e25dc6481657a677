import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSimulator } from "../src/index.js";
import { accessToken, body, faces, itemAt, type Started, useMsw, virtualClock } from "./support.js";

useMsw();

const DETAILS = "/customerapi/api/meteringpoints/meteringpoint/getdetails";
const CHARGE_LINKS = "/customerapi/api/meteringpoints/meteringpoint/getchargelinkswithcharges";
const READINGS = "/customerapi/api/meterdata/getmeterreadings";

describe.each(faces)("scenarios ($name)", (face) => {
  let s: Started;
  let token: string;
  const clock = virtualClock();
  beforeEach(async () => {
    clock.set("2026-01-15T10:00:00Z");
    s = await face.start({ clock: clock.now, limits: "off" });
    token = await accessToken(s);
  });
  afterEach(async () => s.stop());
  const id = () => s.sim.meteringPoints.household.id;

  it("answers 503 'DataHub unavailable' for the next N calls, isalive with a false body", async () => {
    s.sim.setScenario({ unavailable: { calls: 2 } });
    const first = await s.api("POST", DETAILS, { token, body: body(id()) });
    expect(first.status).toBe(503);
    expect(first.json).toMatchObject({
      status: 503,
      detail: "DataHub unavailable.",
      traceId: expect.any(String),
    });
    const alive = await s.api("GET", "/customerapi/api/isalive");
    expect(alive.status).toBe(503);
    expect(alive.text).toBe("false");
    expect((await s.api("POST", DETAILS, { token, body: body(id()) })).status).toBe(200);
  });

  it("limits a fault to matching paths", async () => {
    s.sim.setScenario({ unavailable: { pathIncludes: "GetTimeSeries" } });
    expect((await s.api("POST", DETAILS, { token, body: body(id()) })).status).toBe(200);
    const series = await s.api(
      "POST",
      "/customerapi/api/meterdata/gettimeseries/2026-01-01/2026-01-02/Hour",
      { token, body: body(id()) },
    );
    expect(series.status).toBe(503);
    s.sim.setScenario({ unavailable: false });
    expect(
      (
        await s.api("POST", "/customerapi/api/meterdata/gettimeseries/2026-01-01/2026-01-02/Hour", {
          token,
          body: body(id()),
        })
      ).status,
    ).toBe(200);
  });

  it("holds responses back in the slow scenario", async () => {
    s.sim.setScenario({ slow: { delayMs: 150 } });
    const started = performance.now();
    expect((await s.api("GET", "/customerapi/api/isalive")).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("truncates a JSON body in the malformed scenario", async () => {
    s.sim.setScenario({ malformedJson: { calls: 1 } });
    const broken = await s.api("POST", DETAILS, { token, body: body(id()) });
    expect(broken.status).toBe(200);
    expect(broken.json).toBeUndefined();
    expect(() => JSON.parse(broken.text)).toThrow();
    expect((await s.api("POST", DETAILS, { token, body: body(id()) })).json).toBeDefined();
  });

  it("answers 429 ProblemDetails with Retry-After 60 for the next N calls, then as usual", async () => {
    s.sim.setScenario({ rateLimited: { calls: 2 } });
    for (let i = 0; i < 2; i++) {
      const refused = await s.api("POST", DETAILS, { token, body: body(id()) });
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe("60");
      expect(refused.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
      expect(refused.json).toMatchObject({
        status: 429,
        title: "Too Many Requests",
        detail: "Rate limit exceeded. Try again in 60 seconds.",
        traceId: expect.any(String),
      });
    }
    expect((await s.api("POST", DETAILS, { token, body: body(id()) })).status).toBe(200);
  });

  it("answers 429 without Retry-After when it is null, and with a very long one", async () => {
    s.sim.setScenario({ rateLimited: { calls: 1, retryAfterSeconds: null } });
    const bare = await s.api("POST", DETAILS, { token, body: body(id()) });
    expect(bare.status).toBe(429);
    expect(bare.headers.has("retry-after")).toBe(false);
    expect(bare.json).toMatchObject({ status: 429, detail: "Rate limit exceeded." });
    s.sim.setScenario({ rateLimited: { calls: 1, retryAfterSeconds: 3600 } });
    const long = await s.api("POST", DETAILS, { token, body: body(id()) });
    expect(long.status).toBe(429);
    expect(long.headers.get("retry-after")).toBe("3600");
  });

  it("aims a 429 at the token exchange alone or at data calls alone", async () => {
    s.sim.setScenario({ rateLimited: { operation: "token" } });
    expect((await s.api("POST", DETAILS, { token, body: body(id()) })).status).toBe(200);
    expect((await s.api("GET", "/customerapi/api/isalive")).status).toBe(200);
    const exchange = await s.api("GET", "/customerapi/api/token", { token: s.sim.tokens.customer });
    expect(exchange.status).toBe(429);
    s.sim.setScenario({ rateLimited: { operation: "data" } });
    expect((await s.api("GET", "/customerapi/api/isalive")).status).toBe(200);
    expect((await s.api("POST", DETAILS, { token, body: body(id()) })).status).toBe(429);
    const fresh = await s.api("GET", "/CustomerApi/api/Token", { token: s.sim.tokens.customer });
    expect(fresh.status).toBe(200);
  });

  it("cuts short the token answer alone, or data answers alone", async () => {
    s.sim.setScenario({ malformedJson: { calls: 1, operation: "token" } });
    expect((await s.api("POST", DETAILS, { token, body: body(id()) })).json).toBeDefined();
    const cut = await s.api("GET", "/customerapi/api/token", { token: s.sim.tokens.customer });
    expect(cut.status).toBe(200);
    expect(cut.text.startsWith('{"result":"ey')).toBe(true);
    expect(cut.json).toBeUndefined();
    const whole = await s.api("GET", "/customerapi/api/token", { token: s.sim.tokens.customer });
    expect(typeof (whole.json as { result: unknown }).result).toBe("string");

    s.sim.setScenario({ malformedJson: { operation: "data" } });
    const exchange = await s.api("GET", "/customerapi/api/token", { token: s.sim.tokens.customer });
    expect(typeof (exchange.json as { result: unknown }).result).toBe("string");
    expect((await s.api("GET", "/customerapi/api/isalive")).text).toBe("true");
    const data = await s.api("POST", DETAILS, { token, body: body(id()) });
    expect(data.status).toBe(200);
    expect(data.json).toBeUndefined();
  });

  it("drops the connection in the reset scenario", async () => {
    s.sim.setScenario({ connectionReset: { calls: 1 } });
    await expect(s.api("GET", "/customerapi/api/isalive")).rejects.toThrow();
    expect((await s.api("GET", "/customerapi/api/isalive")).status).toBe(200);
    expect(s.sim.requests.map((r) => r.status)).toContain("reset");
  });

  it("answers 404 for getchargelinkswithcharges as live, and the full shape when enabled", async () => {
    const query = {
      query: [{ meteringPointId: id(), from: "2026-01-05T23:00:00Z", to: "2026-01-06T23:00:00Z" }],
    };
    const live = await s.api("POST", CHARGE_LINKS, { body: query });
    expect(live.status).toBe(404);
    expect(live.json).toMatchObject({ status: 404, traceId: expect.any(String) });
    s.sim.setScenario({ chargeLinks: "available" });
    const answer = await s.api("POST", CHARGE_LINKS, { token, body: query });
    expect(answer.status).toBe(200);
    const result = (
      answer.json as {
        result: {
          results: Array<Record<string, unknown>>;
          chargeInformations: Array<Record<string, unknown>>;
        };
      }
    ).result;
    expect(result.results[0]).toMatchObject({ meteringPointId: id(), error: null });
    expect((result.results[0]?.chargeLinks as unknown[] | undefined)?.length).toBeGreaterThan(0);
    const quarterTariff = result.chargeInformations.find((c) => c.resolution === "PT15M");
    expect((quarterTariff?.chargeSeriesPoints as unknown[] | undefined)?.length).toBe(96);
    const tpToken = await accessToken(s, "thirdparty");
    const tp = await s.api("POST", "/thirdpartyapi/api/meteringpoint/getchargelinkswithcharges", {
      token: tpToken,
      body: query,
    });
    expect(tp.status).toBe(200);
  });

  // The first face to run this builds readings and a month of data: about 0.6 s on an idle machine, 5 s and
  // more on a loaded CI machine, so the budget is explicit.
  it("answers 404 for the withdrawn getmeterreadings, and the 2024 shape when enabled", async () => {
    const path = `${READINGS}/2025-11-01/2026-01-01`;
    expect((await s.api("POST", path, { token, body: body(id()) })).status).toBe(404);
    s.sim.setScenario({ meterReadings: "available" });
    const answer = await s.api("POST", path, { token, body: body(id(), s.sim.meteringPoints.neighbour.id) });
    expect(answer.status).toBe(200);
    const ok = itemAt(answer, 0);
    const denied = itemAt(answer, 1);
    expect(denied).toMatchObject({ success: false, errorCode: 20010, result: null });
    const readings = (ok.result as { meteringPointId: string; readings: Array<Record<string, string>> })
      .readings;
    expect((ok.result as { meteringPointId: string }).meteringPointId).toBe(id());
    expect(readings.map((r) => r.readingDate)).toEqual([
      "2025-10-31T23:00:00.000Z",
      "2025-11-30T23:00:00.000Z",
    ]);
    expect(Object.keys(readings[0] ?? {})).toEqual([
      "readingDate",
      "registrationDate",
      "meterNumber",
      "meterReading",
      "measurementUnit",
    ]);
    const november = await s.api(
      "POST",
      "/customerapi/api/meterdata/gettimeseries/2025-11-01/2025-12-01/Month",
      { token, body: body(id()) },
    );
    const monthKwh = Number(
      (
        itemAt(november, 0).MyEnergyData_MarketDocument as {
          TimeSeries: Array<{ Period: Array<{ Point: Array<Record<string, string>> }> }>;
        }
      ).TimeSeries[0]?.Period[0]?.Point[0]?.["out_Quantity.quantity"],
    );
    expect(Number(readings[1]?.meterReading) - Number(readings[0]?.meterReading)).toBeCloseTo(monthKwh, 2);
  }, 60_000);

  it("restores the initial scenario on reset()", async () => {
    s.sim.setScenario({ unavailable: {}, chargeLinks: "available" });
    expect((await s.api("GET", "/customerapi/api/isalive")).status).toBe(503);
    s.sim.reset();
    expect(s.sim.scenario.chargeLinks).toBe("notDeployed");
    expect((await s.api("GET", "/customerapi/api/isalive")).status).toBe(200);
  });
});

describe("scenario options", () => {
  it("draws probabilistic faults from the seeded PRNG, the same way for the same seed", async () => {
    const pattern = async (seed: number) => {
      const sim = createSimulator({ seed, limits: "off", scenario: { unavailable: { probability: 0.5 } } });
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) {
        const answer = await sim.handle({
          method: "GET",
          url: "/customerapi/api/isalive",
          headers: {},
          body: undefined,
          clientAddress: "x",
        });
        statuses.push(answer.kind === "response" ? answer.status : 0);
      }
      return statuses;
    };
    const a = await pattern(7);
    expect(await pattern(7)).toEqual(a);
    expect(await pattern(8)).not.toEqual(a);
    const outages = a.filter((status) => status === 503).length;
    expect(outages).toBeGreaterThan(60);
    expect(outages).toBeLessThan(140);
  });

  it("does not count a 429 of the scenario towards the real rate limits", async () => {
    const clock = virtualClock();
    const sim = createSimulator({ clock: clock.now, scenario: { rateLimited: { calls: 1 } } });
    const exchange = async () => {
      const answer = await sim.handle({
        method: "GET",
        url: "/customerapi/api/token",
        headers: { authorization: `Bearer ${sim.tokens.customer}` },
        body: undefined,
        clientAddress: "a",
      });
      return answer.kind === "response" ? answer.status : 0;
    };
    // Two token calls a minute are allowed: the scenario's 429 must not use one of them up.
    expect([await exchange(), await exchange(), await exchange(), await exchange()]).toEqual([
      429, 200, 200, 429,
    ]);
    expect(sim.requests.map((r) => r.status)).toEqual([429, 200, 200, 429]);
  });

  it("refuses a slow delay that Node's timers cannot honour", () => {
    const sim = createSimulator();
    expect(() => sim.setScenario({ slow: { delayMs: 2_147_483_648 } })).toThrow(RangeError);
    expect(() => sim.setScenario({ slow: { delayMs: 2_147_483_648 } })).toThrow(/at most 2147483647/);
    expect(() => sim.setScenario({ slow: { delayMs: 1e12 } })).toThrow(/at most 2147483647/);
    expect(sim.scenario.slow).toBe(false);
    sim.setScenario({ slow: { delayMs: 2_147_483_647, operation: "token" } });
    expect(sim.scenario.slow).toEqual({ delayMs: 2_147_483_647, operation: "token" });
  });

  it("rejects invalid rateLimited and operation values", () => {
    const sim = createSimulator();
    expect(() => sim.setScenario({ rateLimited: { retryAfterSeconds: -1 } })).toThrow(/retryAfterSeconds/);
    expect(() => sim.setScenario({ rateLimited: { retryAfterSeconds: 1.5 } })).toThrow(/retryAfterSeconds/);
    expect(() => sim.setScenario({ rateLimited: { retryAfterSeconds: "60" } } as never)).toThrow(
      /retryAfterSeconds/,
    );
    expect(() => sim.setScenario({ rateLimited: { retryAfter: 60 } } as never)).toThrow(
      /Unknown field "retryAfter" in scenario.rateLimited/,
    );
    // retryAfterSeconds belongs to rateLimited alone.
    expect(() => sim.setScenario({ unavailable: { retryAfterSeconds: 60 } } as never)).toThrow(
      /Unknown field "retryAfterSeconds"/,
    );
    expect(() => sim.setScenario({ malformedJson: { operation: "getToken" } } as never)).toThrow(
      /operation must be "token" or "data"/,
    );
    expect(() => sim.setScenario({ slow: { delayMs: 1, operation: "Token" } } as never)).toThrow(/operation/);
    expect(() => sim.setScenario({ rateLimited: true } as never)).toThrow(
      /scenario.rateLimited must be false/,
    );
    expect(sim.scenario.rateLimited).toBe(false);
  });

  it("rejects invalid scenario values", () => {
    const sim = createSimulator();
    expect(() => sim.setScenario({ unavailable: { probability: 2 } })).toThrow(RangeError);
    expect(() => sim.setScenario({ malformedJson: { calls: -1 } })).toThrow(RangeError);
    expect(() => sim.setScenario({ unavialable: {} } as never)).toThrow(/Unknown scenario field/);
    expect(() => sim.setScenario({ chargeLinks: "yes" } as never)).toThrow(RangeError);
    // Patches from JSON (control endpoint, --scenario) are checked for types too.
    expect(() => sim.setScenario({ unavailable: { call: 3 } } as never)).toThrow(/Unknown field "call"/);
    expect(() => sim.setScenario({ cprConsent: "no" } as never)).toThrow(RangeError);
    expect(() => sim.setScenario({ slow: { delayMs: 5, pathIncludes: 1 } } as never)).toThrow(RangeError);
    expect(() => sim.setScenario(JSON.parse('{"__proto__":{"cprConsent":false}}'))).toThrow(/Unknown/);
    expect(() => sim.setScenario(null as never)).toThrow(/must be an object/);
    expect(sim.scenario).toEqual({
      unavailable: false,
      rateLimited: false,
      malformedJson: false,
      connectionReset: false,
      slow: false,
      chargeLinks: "notDeployed",
      meterReadings: "withdrawn",
      cprConsent: true,
      dataLagDays: false,
    });
  });

  it("keeps two instances apart", async () => {
    const a = createSimulator({ scenario: { unavailable: {} } });
    const b = createSimulator();
    const call = (sim: typeof a) =>
      sim.handle({
        method: "GET",
        url: "/customerapi/api/isalive",
        headers: {},
        body: undefined,
        clientAddress: "x",
      });
    expect(await call(a)).toMatchObject({ status: 503 });
    expect(await call(b)).toMatchObject({ status: 200 });
    expect(b.requests).toHaveLength(1);
  });
});
