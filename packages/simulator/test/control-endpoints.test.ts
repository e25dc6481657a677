import { request as httpRequest } from "node:http";
import { networkInterfaces } from "node:os";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isLoopbackAddress, refusalReason } from "../src/control-endpoints.js";
import {
  createSimulator,
  type RunningSimulator,
  SCENARIO_PRESETS,
  type SimulatorState,
  type StartSimulatorOptions,
  startSimulator,
} from "../src/index.js";
import { type Answer, body, caller, mswServer, useMsw, virtualClock } from "./support.js";

useMsw();

const ALIVE = "/customerapi/api/isalive";
const running: RunningSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function start(options: StartSimulatorOptions = {}) {
  const clock = virtualClock();
  const server = await startSimulator({ clock: clock.now, ...options });
  running.push(server);
  return { server, api: caller(server.url), clock };
}

/** A POST with a raw body; the control endpoints do not insist on a Content-Type (curl -d sends a form type). */
const post = (server: RunningSimulator, path: string, raw?: string) =>
  caller(server.url)("POST", path, raw === undefined ? {} : { rawBody: raw });

/** node:http, so a test can send Host, Origin and Sec-Fetch-Site exactly as a browser would. */
function rawRequest(
  url: string,
  method: "GET" | "POST",
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** A GET through node:http, because fetch will not let a test set Host. */
const rawGet = (url: string, headers: Record<string, string>) => rawRequest(url, "GET", headers);

const errorOf = (answer: Answer) => (answer.json as { error: string }).error;

describe("GET /__simulator", () => {
  it("reports seed, scenario, limits, tokens and metering points with their web access codes", async () => {
    const { server, api } = await start({ seed: 3, limits: "2024", scenario: { chargeLinks: "available" } });
    const answer = await api("GET", "/__simulator");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const state = answer.json as SimulatorState;
    expect(state.url).toBe(server.url);
    expect(state.seed).toBe(3);
    expect(state.now).toBe("2026-01-15T10:00:00.000Z");
    expect(state.scenario).toEqual({ ...server.simulator.scenario });
    expect(state.scenario.chargeLinks).toBe("available");
    expect(state.presets).toEqual(Object.keys(SCENARIO_PRESETS));
    expect(state.limits).toEqual({
      tokenPerWindow: 1,
      perClientPerWindow: 25,
      totalPerWindow: 400,
      windowMs: 60_000,
    });
    expect(state.tokens).toEqual(server.tokens);
    const { household, neighbour, productionExport } = server.simulator.meteringPoints;
    expect(state.meteringPoints.household).toMatchObject({
      id: household.id,
      parentId: null,
      typeOfMP: "E17",
    });
    expect(state.meteringPoints.neighbour).toMatchObject({
      id: neighbour.id,
      webAccessCode: neighbour.webAccessCode,
    });
    expect(state.meteringPoints.productionExport.parentId).toBe(productionExport.parentId);
    expect(state.authorizations.map((a) => a.id)).toEqual(server.simulator.authorizations.map((a) => a.id));
    // A ready-made token from the state works against the API.
    const token = await api("GET", "/customerapi/api/token", { token: state.tokens.customer });
    expect(token.status).toBe(200);
  });

  it("writes limits that are off as null, and is neither logged nor rate-limited", async () => {
    const { server, api } = await start({ limits: { perClientPerWindow: 2 } });
    for (let i = 0; i < 5; i++) expect((await api("GET", "/__simulator/")).status).toBe(200);
    expect(server.simulator.requests).toHaveLength(0);
    expect((await api("GET", ALIVE)).status).toBe(200);
    const off = await start({ limits: "off" });
    expect(((await off.api("GET", "/__simulator")).json as SimulatorState).limits).toEqual({
      tokenPerWindow: null,
      perClientPerWindow: null,
      totalPerWindow: null,
      windowMs: 60_000,
    });
  });
});

describe("POST /__simulator/scenario", () => {
  it("merges a scenario patch into the running simulator", async () => {
    const { server, api } = await start();
    const answer = await post(
      server,
      "/__simulator/scenario",
      '{"unavailable":{"calls":2},"cprConsent":false}',
    );
    expect(answer.status).toBe(200);
    expect((answer.json as { scenario: unknown }).scenario).toMatchObject({
      unavailable: { calls: 2 },
      cprConsent: false,
      chargeLinks: "notDeployed",
    });
    expect(server.simulator.scenario.cprConsent).toBe(false);
    expect((await api("GET", ALIVE)).status).toBe(503);
    expect((await api("GET", ALIVE)).status).toBe(503);
    expect((await api("GET", ALIVE)).status).toBe(200);
    // A later patch merges; `false` switches a fault off again.
    await post(server, "/__simulator/scenario", '{"unavailable":{}}');
    expect((await api("GET", ALIVE)).status).toBe(503);
    await post(server, "/__simulator/scenario", '{"unavailable":false}');
    expect((await api("GET", ALIVE)).status).toBe(200);
    expect(server.simulator.scenario.cprConsent).toBe(false);
  });

  it("applies named presets, several at once, with fields next to them taking precedence", async () => {
    const { server, api } = await start();
    expect((await post(server, "/__simulator/scenario", '{"preset":"outage-burst"}')).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await api("GET", ALIVE)).status);
    expect(statuses).toEqual([503, 503, 503, 200]);
    const combined = await post(
      server,
      "/__simulator/scenario",
      JSON.stringify({ preset: "charge-links, no-cpr-consent", cprConsent: true }),
    );
    expect(combined.status).toBe(200);
    expect(server.simulator.scenario).toMatchObject({ chargeLinks: "available", cprConsent: true });
  });

  it("answers bad input with 400 and a message, and leaves the scenario as it was", async () => {
    const { server } = await start({ scenario: { meterReadings: "available" } });
    const before = JSON.stringify(server.simulator.scenario);
    const cases: Array<[string | undefined, RegExp]> = [
      [undefined, /Send a JSON object/],
      ["   ", /Send a JSON object/],
      ["{unavailable: true}", /not valid JSON/],
      ["[1,2]", /must be a JSON object/],
      ['"outage"', /must be a JSON object/],
      ['{"unavialable":{}}', /Unknown scenario field "unavialable"/],
      ['{"__proto__":{"unavailable":{}}}', /Unknown scenario field "__proto__"/],
      ['{"preset":"meteor-strike"}', /Unknown scenario "meteor-strike"/],
      ['{"preset":""}', /No scenario preset/],
      ['{"preset":["outage"]}', /"preset" must be a string/],
      ['{"unavailable":{"probability":2}}', /probability must be between 0 and 1/],
      ['{"unavailable":{"call":3}}', /Unknown field "call" in scenario.unavailable/],
      ['{"unavailable":"yes"}', /scenario.unavailable must be false or an object/],
      ['{"unavailable":null}', /scenario.unavailable must be false or an object/],
      ['{"malformedJson":{"pathIncludes":5}}', /pathIncludes must be a string/],
      ['{"slow":true}', /scenario.slow must be false or/],
      ['{"slow":{"delayMs":-5}}', /delayMs must be a number/],
      ['{"slow":{"delayMs":2147483648}}', /delayMs must be at most 2147483647/],
      ['{"rateLimited":{"retryAfterSeconds":-1}}', /retryAfterSeconds must be a whole number/],
      ['{"rateLimited":{"retryAfter":60}}', /Unknown field "retryAfter" in scenario.rateLimited/],
      ['{"malformedJson":{"operation":"tokens"}}', /operation must be "token" or "data"/],
      ['{"preset":"truncated-token","malformedJson":{"calls":-1}}', /calls must be a whole number/],
      ['{"cprConsent":"no"}', /cprConsent must be true or false/],
      ['{"chargeLinks":"yes"}', /chargeLinks must be/],
      ['{"preset":"outage","meterReadings":"gone"}', /meterReadings must be/],
    ];
    for (const [raw, message] of cases) {
      const answer = await post(server, "/__simulator/scenario", raw);
      expect(answer.status, raw).toBe(400);
      expect(errorOf(answer), raw).toMatch(message);
    }
    expect(JSON.stringify(server.simulator.scenario)).toBe(before);
    // "__proto__" must not have reached the scenario object's prototype.
    expect(Object.getPrototypeOf(server.simulator.scenario)).toBe(Object.prototype);
  });
});

describe("POST /__simulator/reset", () => {
  it("restores the initial scenario, relations and rate-limit windows", async () => {
    const { server, api } = await start({ scenario: { chargeLinks: "available" }, limits: "2024" });
    const sim = server.simulator;
    const token = (await api("GET", "/customerapi/api/token", { token: sim.tokens.customer })).json as {
      result: string;
    };
    expect((await api("GET", "/customerapi/api/token", { token: sim.tokens.customer })).status).toBe(429);
    const added = await api("POST", "/customerapi/api/meteringpoints/meteringpoint/relation/add", {
      token: token.result,
      body: body(sim.meteringPoints.cprOnly.id),
    });
    expect(added.status).toBe(200);
    expect(sim.model.relations.has(sim.meteringPoints.cprOnly.id)).toBe(true);
    await post(server, "/__simulator/scenario", '{"chargeLinks":"notDeployed","unavailable":{}}');

    const reset = await post(server, "/__simulator/reset");
    expect(reset.status).toBe(200);
    expect((reset.json as { scenario: unknown }).scenario).toMatchObject({
      chargeLinks: "available",
      unavailable: false,
    });
    expect(sim.model.relations.has(sim.meteringPoints.cprOnly.id)).toBe(false);
    expect(sim.requests).toHaveLength(0);
    expect((await api("GET", "/customerapi/api/token", { token: sim.tokens.customer })).status).toBe(200);
  });
});

describe("control endpoint routing", () => {
  it("answers wrong methods with 405 and unknown control paths with 404", async () => {
    const { server, api } = await start();
    const wrong = await api("POST", "/__simulator");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
    const getReset = await api("GET", "/__simulator/reset");
    expect(getReset.status).toBe(405);
    expect(getReset.headers.get("allow")).toBe("POST");
    expect(server.simulator.requests).toHaveLength(0);
    const unknown = await api("GET", "/__simulator/tokens");
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown)).toMatch(/POST \/__simulator\/scenario/);
  });

  it("does not put control paths under the API prefixes", async () => {
    const { api } = await start();
    const inside = await api("GET", "/customerapi/__simulator");
    expect(inside.status).toBe(404);
    expect((inside.json as { status: number }).status).toBe(404); // the API's ProblemDetails
  });

  it("can be switched off, leaving the paths to the API's 404", async () => {
    const { server, api } = await start({ controlEndpoints: false, scenario: { chargeLinks: "available" } });
    const state = await api("GET", "/__simulator");
    expect(state.status).toBe(404);
    expect(state.text).not.toContain(server.tokens.customer);
    expect((state.json as { traceId: string }).traceId).toBeTruthy();
    expect((await post(server, "/__simulator/scenario", '{"chargeLinks":"notDeployed"}')).status).toBe(404);
    expect(server.simulator.scenario.chargeLinks).toBe("available");
  });

  it("are not part of the msw handlers", async () => {
    const sim = createSimulator({ baseUrl: "https://api.eloverblik.dk" });
    mswServer.resetHandlers(...sim.handlers);
    // Unhandled on the API host: useMsw makes that an error instead of a network call. msw reports it on
    // console.error; here that report is expected, so it is captured and checked instead of printed.
    const printed = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await expect(fetch("https://api.eloverblik.dk/__simulator")).rejects.toThrow();
      expect(printed.mock.calls.join("\n")).toContain(
        "[MSW] Error: intercepted a request without a matching",
      );
      expect(printed.mock.calls.join("\n")).toContain("GET https://api.eloverblik.dk/__simulator");
    } finally {
      printed.mockRestore();
    }
    const core = await sim.handle({
      method: "GET",
      url: "/__simulator",
      headers: {},
      body: undefined,
      clientAddress: "127.0.0.1",
    });
    expect(core).toMatchObject({ kind: "response", status: 404 });
  });
});

describe("who may use the control endpoints", () => {
  it("knows loopback addresses", () => {
    for (const address of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "::FFFF:127.0.0.2"]) {
      expect(isLoopbackAddress(address), address).toBe(true);
    }
    for (const address of ["192.0.2.2", "10.0.0.1", "::ffff:10.0.0.1", "fe80::1", "0.0.0.0", "", undefined]) {
      expect(isLoopbackAddress(address), String(address)).toBe(false);
    }
  });

  const from = (
    socketAddress: string | undefined,
    headers: Record<string, string>,
    trustForwardedFor = false,
  ) =>
    refusalReason({
      method: "GET",
      path: "/__simulator",
      headers,
      body: undefined,
      socketAddress,
      trustForwardedFor,
    });

  it("refuses callers from other addresses, forwarded ones when trusted, foreign Host and Origin", () => {
    expect(from("127.0.0.1", { host: "127.0.0.1:8080" })).toBeUndefined();
    expect(from("::1", { host: "[::1]:8080", origin: "http://[::1]:8080" })).toBeUndefined();
    expect(from("127.0.0.1", { host: "localhost" })).toBeUndefined();
    expect(from("127.0.0.1", {})).toBeUndefined();
    expect(from("192.0.2.7", { host: "127.0.0.1:8080" })).toMatch(
      /only callers on this machine.*192\.0\.2\.7/,
    );
    expect(from(undefined, {})).toMatch(/unknown address/);
    // X-Forwarded-For matters only when trusted, and then every hop must be local.
    expect(from("127.0.0.1", { "x-forwarded-for": "203.0.113.9" })).toBeUndefined();
    expect(from("127.0.0.1", { "x-forwarded-for": "127.0.0.1, 203.0.113.9" }, true)).toMatch(
      /203\.0\.113\.9/,
    );
    expect(from("127.0.0.1", { "x-forwarded-for": "127.0.0.1" }, true)).toBeUndefined();
    expect(from("203.0.113.9", { "x-forwarded-for": "127.0.0.1" }, true)).toMatch(/203\.0\.113\.9/);
    // A DNS-rebound page (foreign Host) or a cross-site one (foreign Origin).
    expect(from("127.0.0.1", { host: "attacker.example:8080" })).toMatch(/attacker\.example/);
    expect(from("127.0.0.1", { host: "127.0.0.1:8080", origin: "https://attacker.example" })).toMatch(
      /other origins/,
    );
    expect(from("127.0.0.1", { host: "127.0.0.1:8080", origin: "null" })).toMatch(/other origins/);
  });

  it("refuses pages from other origins, even on localhost, and answers the simulator's own", () => {
    const own = (headers: Record<string, string>) =>
      refusalReason({
        method: "POST",
        path: "/__simulator/reset",
        headers,
        body: undefined,
        socketAddress: "127.0.0.1",
        trustForwardedFor: false,
        serverUrl: "http://127.0.0.1:8080",
      });
    // Another local web app (Node-RED's editor, a dev server) is another origin.
    expect(own({ host: "127.0.0.1:8080", origin: "http://localhost:1880" })).toMatch(/other origins/);
    expect(own({ host: "localhost:8080", origin: "http://localhost:3000" })).toMatch(/other origins/);
    expect(own({ host: "127.0.0.1:8080", origin: "http://127.0.0.1:8081" })).toMatch(/other origins/);
    expect(own({ host: "127.0.0.1:8080", origin: "https://127.0.0.1:8080" })).toMatch(/other origins/);
    expect(own({ host: "127.0.0.1:8080", "sec-fetch-site": "cross-site" })).toMatch(
      /Sec-Fetch-Site: cross-site/,
    );
    expect(own({ host: "127.0.0.1:8080", "sec-fetch-site": "same-site" })).toMatch(
      /Sec-Fetch-Site: same-site/,
    );
    // The simulator's own origin, by its URL or by the Host the browser used; typed-in URLs and curl.
    expect(own({ host: "127.0.0.1:8080", origin: "http://127.0.0.1:8080" })).toBeUndefined();
    expect(own({ host: "LocalHost:8080", origin: "http://localhost:8080" })).toBeUndefined();
    expect(own({ host: "localhost:8080", origin: "http://127.0.0.1:8080" })).toBeUndefined();
    expect(own({ host: "127.0.0.1:8080", "sec-fetch-site": "same-origin" })).toBeUndefined();
    expect(own({ host: "127.0.0.1:8080", "sec-fetch-site": "none" })).toBeUndefined();
    expect(own({ host: "127.0.0.1:8080" })).toBeUndefined();
  });

  it("answers 403 over HTTP to a page on another localhost port, and changes nothing", async () => {
    const { server } = await start({ scenario: { chargeLinks: "available" } });
    server.simulator.setScenario({ unavailable: {} });
    const send = (path: string, headers: Record<string, string>, body?: string) =>
      rawRequest(`${server.url}${path}`, body === undefined ? "GET" : "POST", headers, body);
    const fromNodeRed = { origin: "http://localhost:1880", "content-type": "text/plain" };
    const reset = await send("/__simulator/reset", fromNodeRed, "");
    expect(reset.status).toBe(403);
    expect(reset.text).toMatch(/other origins \(http:\/\/localhost:1880\)/);
    const patch = await send("/__simulator/scenario", fromNodeRed, '{"preset":"outage-burst"}');
    expect(patch.status).toBe(403);
    const read = await send("/__simulator", { origin: `http://localhost:${server.port + 1}` });
    expect(read.status).toBe(403);
    expect(read.text).not.toContain(server.tokens.customer);
    for (const site of ["cross-site", "same-site"]) {
      expect((await send("/__simulator/reset", { "sec-fetch-site": site }, "")).status, site).toBe(403);
    }
    // Nothing was reset or replaced.
    expect(server.simulator.scenario).toMatchObject({ unavailable: {}, chargeLinks: "available" });
    // The simulator's own pages and tools without a browser still may.
    const ownPage = await send("/__simulator/scenario", { origin: server.url }, '{"unavailable":false}');
    expect(ownPage.status).toBe(200);
    expect(server.simulator.scenario.unavailable).toBe(false);
    const typedIn = await send("/__simulator", { "sec-fetch-site": "none" });
    expect(typedIn.status).toBe(200);
    expect((await send("/__simulator/reset", { "sec-fetch-site": "same-origin" }, "")).status).toBe(200);
  });

  it("answers 403 over HTTP to a foreign Host or Origin", async () => {
    const { server } = await start();
    const rebound = await rawGet(`${server.url}/__simulator`, { host: `attacker.example:${server.port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.text).not.toContain(server.tokens.customer);
    const crossSite = await rawGet(`${server.url}/__simulator`, { origin: "https://attacker.example" });
    expect(crossSite.status).toBe(403);
    const local = await rawGet(`${server.url}/__simulator`, { host: `localhost:${server.port}` });
    expect(local.status).toBe(200);
  });

  it("answers 403 over HTTP to X-Forwarded-For from outside when it is trusted", async () => {
    const { server } = await start({ trustForwardedFor: true });
    const answer = await caller(server.url)("GET", "/__simulator", {
      headers: { "X-Forwarded-For": "203.0.113.9" },
    });
    expect(answer.status).toBe(403);
    expect(errorOf(answer)).toMatch(/203\.0\.113\.9/);
    const untrusted = await start();
    const ignored = await untrusted.api("GET", "/__simulator", {
      headers: { "X-Forwarded-For": "203.0.113.9" },
    });
    expect(ignored.status).toBe(200);
  });

  const outside = Object.values(networkInterfaces())
    .flat()
    .find((info) => info !== undefined && info.family === "IPv4" && !info.internal)?.address;

  it.skipIf(outside === undefined)(
    "answers 403 to a caller reaching it through a non-loopback address, while the API still answers",
    async () => {
      const { server } = await start({ host: "0.0.0.0" });
      const api = caller(`http://${outside}:${server.port}`);
      const answer = await api("GET", "/__simulator");
      expect(answer.status).toBe(403);
      expect(errorOf(answer)).toContain(outside);
      expect(answer.text).not.toContain(server.tokens.customer);
      expect((await api("POST", "/__simulator/reset")).status).toBe(403);
      expect((await api("GET", ALIVE)).status).toBe(200);
    },
  );
});
