// Every error path comes back as an isError result that says what happened and what to do.
import type { RunningSimulator } from "@eloverblik-kit/simulator/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServerContext, startupTokenMessage } from "../src/context.js";
import { clock, connect, data, idsOf, type Session, simClient, startSim, textOf } from "./support/harness.js";

let sim: RunningSimulator;
let s: Session;
let ids: ReturnType<typeof idsOf>;

beforeAll(async () => {
  sim = await startSim();
  ids = idsOf(sim);
  s = await connect({ client: simClient(sim), refreshToken: sim.tokens.customer });
});

afterAll(async () => {
  await s.close();
  await sim.close();
});

describe("invalid input is refused before any request: by the input schema, else with the client's message", () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      "a short id",
      { metering_point_ids: ["12345"], from: "2026-01-01" },
      /metering point id is a string of exactly 18 digits[\s\S]* at metering_point_ids\[0\]/,
    ],
    [
      "a numeric id",
      { metering_point_ids: [571313174], from: "2026-01-01" },
      /Invalid arguments|expected string/i,
    ],
    ["no ids", { metering_point_ids: [], from: "2026-01-01" }, /Give at least one metering point id/],
    ["from = to", { from: "2026-01-01", to: "2026-01-01" }, /`to` is exclusive, so from = to = 2026-01-01/],
    ["from after to", { from: "2026-01-05", to: "2026-01-01" }, /`from` \(2026-01-05\) is after `to`/],
    ["to after today", { from: "2026-11-01", to: "2026-12-01" }, /after today in Denmark \(2026-11-26\)/],
    ["a date that does not exist", { from: "2026-02-30" }, /`from` must be a Danish local date/],
    ["a date-time", { from: "2026-01-01T00:00:00Z" }, /`from` is a Danish local date written YYYY-MM-DD/],
    [
      "history beyond five years",
      { from: "2020-06-01", to: "2020-07-01" },
      /earliest allowed `from` is 2021-01-01/,
    ],
  ];
  for (const [name, args, message] of cases) {
    it(`get_time_series: ${name}`, async () => {
      const before = sim.simulator.requests.length;
      const r = await s.call("get_time_series", { metering_point_ids: [ids.household], ...args });
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(message);
      if (!/Invalid arguments/.test(textOf(r)))
        expect(textOf(r)).toMatch(/INVALID_INPUT[\s\S]*What to do: Correct the input/);
      expect(sim.simulator.requests.length).toBe(before);
    });
  }

  it("more than 10 metering points", async () => {
    const many = Array.from({ length: 11 }, (_, i) => `5713131800000000${String(i).padStart(2, "0")}`);
    for (const tool of [
      "get_metering_point_details",
      "get_charges",
      "get_time_series",
      "estimate_grid_charges",
    ]) {
      const r = await s.call(tool, { metering_point_ids: many, from: "2026-01-01" });
      expect(r.isError, tool).toBe(true);
      expect(textOf(r), tool).toMatch(/Input validation error[\s\S]*At most 10 metering points per call/);
    }
  });

  it("the same rules in the profile and estimate tools and for single ids", async () => {
    for (const tool of ["get_consumption_profile", "estimate_grid_charges"]) {
      const r = await s.call(tool, { metering_point_ids: [ids.household], from: "2026-13-01" });
      expect(r.isError, tool).toBe(true);
      expect(textOf(r), tool).toMatch(/INVALID_INPUT/);
    }
    const del = await s.call("delete_relation", { metering_point_id: "57131317430497455X" });
    expect(del.isError).toBe(true);
    expect(textOf(del)).toMatch(/exactly 18 digits[\s\S]* at metering_point_id$/);
  });
});

describe("per-item failures sit next to the successes", () => {
  it("a blocked metering point in a time-series call", async () => {
    const r = await s.call("get_time_series", {
      metering_point_ids: [ids.household, ids.blocked],
      from: "2026-01-05",
      to: "2026-01-07",
    });
    expect(r.isError).toBeFalsy();
    expect(data(r).summaries.map((x: { meteringPointId: string }) => x.meteringPointId)).toEqual([
      ids.household,
    ]);
    expect(data(r).failures).toEqual([
      expect.objectContaining({
        meteringPointId: ids.blocked,
        code: "FORBIDDEN",
        message: expect.stringMatching(/blocked/),
      }),
    ]);
    expect(textOf(r)).toMatch(new RegExp(`${ids.blocked} \\(FORBIDDEN`));
  });

  it("a metering point without a relation fails alone; all failing is an error", async () => {
    const r = await s.call("get_charges", { metering_point_ids: [ids.business] });
    expect(r.isError).toBe(true);
    expect(data(r)).toMatchObject({
      results: [],
      failures: [expect.objectContaining({ meteringPointId: ids.business })],
    });
  });
});

describe("DataHub unavailable (503) and rate limiting (429)", () => {
  it("503 names the wait and lists the failed period", async () => {
    sim.simulator.setScenario({ unavailable: { pathIncludes: "gettimeseries" } });
    try {
      const r = await s.call("get_time_series", { metering_point_ids: [ids.household], from: "2026-01-01" });
      expect(r.isError).toBe(true);
      expect(data(r).failures[0]).toMatchObject({
        meteringPointId: ids.household,
        code: "DATAHUB_UNAVAILABLE",
        period: { from: "2026-01-01", to: "2026-01-02" },
        retryAfterSeconds: expect.any(Number),
      });
      expect(textOf(r)).toMatch(/DataHub is unavailable[\s\S]*Retry after \d+ s/);

      const details = await s.call("get_metering_point_details", { metering_point_ids: [ids.household] });
      expect(details.isError).toBeFalsy();
    } finally {
      sim.simulator.setScenario({ unavailable: false });
    }
  });

  it("503 everywhere: api_status reports the health problem instead of failing", async () => {
    sim.simulator.setScenario({ unavailable: {} });
    try {
      const status = await s.call("api_status");
      expect(status.isError).toBeFalsy();
      // isalive answers 503 under load, which the client reads as "not alive"
      expect(data(status).alive).toBe(false);
      const list = await s.call("list_metering_points");
      expect(list.isError).toBe(true);
      expect(textOf(list)).toMatch(/DATAHUB_UNAVAILABLE[\s\S]*What to do: .*Retry/);
    } finally {
      sim.simulator.setScenario({ unavailable: false });
    }
  });

  it("429 says to retry after the server's wait", async () => {
    const strict = await startSim({ limits: { perClientPerWindow: 3, tokenPerWindow: 2 } });
    const session = await connect({ client: simClient(strict), refreshToken: strict.tokens.customer });
    try {
      let limited: Awaited<ReturnType<Session["call"]>> | undefined;
      for (let i = 0; i < 6 && !limited; i++) {
        const r = await session.call("list_metering_points");
        if (r.isError) limited = r;
      }
      expect(limited).toBeDefined();
      const text = textOf(limited!);
      expect(text).toMatch(/rate limit was reached \(RATE_LIMITED\)/);
      expect(text).toMatch(/Retry after \d+ s/);
      expect(text).toMatch(/What to do: Wait a minute/);
    } finally {
      await session.close();
      await strict.close();
    }
  });
});

describe("token problems", () => {
  it("an expired token: clear message at start, in every tool, and in api_status", async () => {
    const expired = sim.simulator.issueRefreshToken({
      api: "customer",
      expiresInMs: -60_000,
      tokenName: "gammel",
    });
    const session = await connect({ api: "customer", refreshToken: expired, baseUrl: sim.url });
    try {
      const r = await session.call("list_metering_points");
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/expired \(TOKEN_EXPIRED\)/);
      expect(textOf(r)).toMatch(/"gammel" expired on/);
      expect(textOf(r)).toMatch(/eloverblik\.dk \(Datadeling → Opret token\)/);
      const ts = await session.call("get_time_series", {
        metering_point_ids: [ids.household],
        from: "2026-01-01",
      });
      expect(textOf(ts)).toMatch(/TOKEN_EXPIRED/);
      const status = await session.call("api_status");
      expect(status.isError).toBeFalsy();
      expect(data(status)).toMatchObject({
        ready: false,
        alive: true,
        token: { expired: true, name: "gammel", daysLeft: 0 },
      });
      expect(data(status).problem).toMatch(/Opret token/);
      // Expired a minute ago: said with its Danish date, not as "(-1 days left)".
      expect(textOf(status)).toMatch(/"gammel", EXPIRED on 2026-11-26\./);
      expect(textOf(status)).not.toMatch(/days left/);
    } finally {
      await session.close();
    }
  });

  it("a token that expires while the server runs", async () => {
    let now = clock();
    const token = sim.simulator.issueRefreshToken({ api: "customer", expiresInMs: 3_600_000 });
    const session = await connect({
      api: "customer",
      refreshToken: token,
      baseUrl: sim.url,
      now: () => now,
      clientOptions: { now: () => now },
    });
    try {
      expect((await session.call("list_metering_points")).isError).toBeFalsy();
      now += 2 * 3_600_000;
      const r = await session.call("list_metering_points");
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/TOKEN_EXPIRED[\s\S]*Opret token/);
    } finally {
      await session.close();
    }
  });

  it("a refresh token Eloverblik refuses (signature replaced): api_status tries the exchange", async () => {
    const genuine = sim.simulator.issueRefreshToken({ api: "customer", tokenName: "forged" });
    const [header, payload, signature = ""] = genuine.split(".");
    // Same claims, so the name and expiry still decode fine; only Energinet can tell it is forged.
    const forged = `${header}.${payload}.${signature.replace(/./g, (c) => (c === "x" ? "y" : "x"))}`;
    const tokenCalls = () => sim.simulator.requests.filter((r) => r.path.endsWith("/api/token"));

    const fresh = await connect({ api: "customer", refreshToken: forged, baseUrl: sim.url });
    try {
      const before = tokenCalls().length;
      const status = await fresh.call("api_status");
      expect(status.isError).toBeFalsy();
      expect(tokenCalls().length).toBe(before + 1);
      expect(tokenCalls().at(-1)?.status).toBe(401);
      expect(data(status)).toMatchObject({
        ready: false,
        alive: true,
        tokenExchange: "failed",
        token: { configured: true, name: "forged", expired: false },
      });
      expect(data(status).problem).toMatch(/refused the refresh token \(TOKEN_REFUSED/);
      expect(data(status).problem).toMatch(/Opret token/);
      expect(textOf(status)).not.toMatch(/ready to use/);
    } finally {
      await fresh.close();
    }

    // A tool meets the refusal first; api_status then reports it without another token call.
    const used = await connect({ api: "customer", refreshToken: forged, baseUrl: sim.url });
    try {
      const list = await used.call("list_metering_points");
      expect(list.isError).toBe(true);
      expect(textOf(list)).toMatch(/TOKEN_REFUSED/);
      const before = tokenCalls().length;
      const status = await used.call("api_status");
      expect(tokenCalls().length).toBe(before);
      expect(data(status)).toMatchObject({
        ready: false,
        tokenExchange: "failed",
        lastTokenError: { code: "TOKEN_REFUSED", at: expect.stringMatching(/^2026-11-26T/) },
      });
      expect(data(status).lastTokenError.message).toMatch(/Opret token/);
      expect(data(status).problem).toMatch(/TOKEN_REFUSED/);
    } finally {
      await used.close();
    }
  });

  it("a revoked refresh token: every tool call returns the token error at once, with one exchange", async () => {
    const genuine = sim.simulator.issueRefreshToken({ api: "customer", tokenName: "revoked" });
    const [header, payload] = genuine.split(".");
    const revoked = `${header}.${payload}.${"r".repeat(43)}`;
    const tokenCalls = () => sim.simulator.requests.filter((r) => r.path.endsWith("/api/token")).length;
    const before = tokenCalls();
    const session = await connect({ api: "customer", refreshToken: revoked, baseUrl: sim.url });
    try {
      const took: number[] = [];
      for (let i = 0; i < 4; i++) {
        for (const [tool, args] of [
          ["list_metering_points", {}],
          ["get_time_series", { metering_point_ids: [ids.household], from: "2026-11-01", to: "2026-11-02" }],
        ] as const) {
          const started = performance.now();
          const r = await session.call(tool, args);
          took.push(performance.now() - started);
          expect(r.isError).toBe(true);
          expect(textOf(r)).toMatch(/TOKEN_REFUSED[\s\S]*Opret token/);
        }
      }
      // Without the remembered refusal every third call waited ~61 s for the token limiter.
      expect(tokenCalls() - before).toBe(1);
      expect(Math.max(...took)).toBeLessThan(5_000);
    } finally {
      await session.close();
    }
  });

  it("a working token: api_status exchanges it once and reports no token problem", async () => {
    const token = sim.simulator.issueRefreshToken({ api: "customer", tokenName: "fungerer" });
    const session = await connect({ api: "customer", refreshToken: token, baseUrl: sim.url });
    try {
      const status = await session.call("api_status");
      expect(data(status)).toMatchObject({ ready: true, tokenExchange: "ok" });
      expect(data(status).lastTokenError).toBeUndefined();
      expect(textOf(status)).toMatch(
        /"fungerer", expires \d{4}-\d{2}-\d{2} \(\d+ days left\); Eloverblik accepts it/,
      );
    } finally {
      await session.close();
    }
  });

  it("no token at all", async () => {
    const session = await connect({ api: "customer", baseUrl: sim.url });
    try {
      const r = await session.call("get_charges", { metering_point_ids: [ids.household] });
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/No refresh token is configured \(TOKEN_MISSING\)/);
      expect(textOf(r)).toMatch(/ELOVERBLIK_REFRESH_TOKEN/);
      expect(textOf(r)).toMatch(/--simulator/);
      const status = await session.call("api_status");
      expect(data(status)).toMatchObject({ ready: false, alive: true, token: { configured: false } });
      // Said once each, where a user reads it: the tool's error, api_status and the startup line.
      const startup = startupTokenMessage(createServerContext({ api: "customer", baseUrl: sim.url }));
      for (const text of [textOf(r), textOf(status), startup]) {
        expect(text.match(/no refresh token is configured/gi)).toHaveLength(1);
        expect(text.match(/ELOVERBLIK_REFRESH_TOKEN is not set/g)).toHaveLength(1);
        const lines = text.split("\n").filter((l) => l.trim());
        expect(new Set(lines).size).toBe(lines.length);
      }
    } finally {
      await session.close();
    }
  });

  it("not a token", async () => {
    const session = await connect({ api: "customer", refreshToken: "copy-paste-mistake", baseUrl: sim.url });
    try {
      const r = await session.call("list_metering_points");
      expect(textOf(r)).toMatch(/TOKEN_INVALID[\s\S]*three dot-separated parts/);
    } finally {
      await session.close();
    }
  });
});

describe("wrong API", () => {
  it("a Third Party token on a Customer server", async () => {
    const session = await connect({ api: "customer", refreshToken: sim.tokens.thirdparty, baseUrl: sim.url });
    try {
      const r = await session.call("list_metering_points");
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/WRONG_TOKEN_TYPE[\s\S]*Third Party API/);
    } finally {
      await session.close();
    }
  });

  it("third-party tools are not offered by a Customer server, and calling one anyway fails", async () => {
    const { tools } = await s.client.listTools();
    expect(tools.map((t) => t.name)).not.toContain("list_authorizations");
    const r = await s.call("list_authorizations");
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/list_authorizations not found/);
  });
});

describe("messages speak in tools and tool arguments", () => {
  it("a missing relation points to the relation tools, not to client methods", async () => {
    const r = await s.call("get_charges", { metering_point_ids: [ids.business] });
    const { message } = data(r).failures[0];
    expect(message).toMatch(/add_relations_by_cpr or add_relation_by_web_access_code/);
    expect(JSON.stringify(r)).not.toMatch(/addRelationsByIdentity|addRelationByWebAccessCode/);
  });

  it("Eloverblik's date hints name `from` and `to`, not dateFrom and dateTo", async () => {
    // This server's clock runs a day ahead of Eloverblik's, so the API itself refuses `to` (30003).
    const ahead = () => clock() + 86_400_000;
    const session = await connect({
      api: "customer",
      refreshToken: sim.tokens.customer,
      baseUrl: sim.url,
      now: ahead,
    });
    try {
      const r = await session.call("get_time_series", {
        metering_point_ids: [ids.household],
        from: "2026-11-20",
        to: "2026-11-27",
      });
      expect(r.isError).toBe(true);
      const [failure] = data(r).failures;
      expect(failure).toMatchObject({
        code: "BAD_REQUEST",
        period: { from: "2026-11-20", to: "2026-11-27" },
      });
      expect(failure.message).toMatch(/End the period no later than today[\s\S]*Check `to`/);
      expect(JSON.stringify(r)).not.toMatch(/dateTo|dateFrom/);
    } finally {
      await session.close();
    }
  });

  it("`from` = today gets a period that works, not a `to` after today", async () => {
    // The period is the client's own suggestion (worded by describeError in tool terms), no longer
    // the server's workaround: it is one the client accepts, so asking for it works.
    for (const tool of ["get_consumption_profile", "estimate_grid_charges", "get_time_series"]) {
      const before = sim.simulator.requests.length;
      const r = await s.call(tool, { metering_point_ids: [ids.household], from: "2026-11-26" });
      expect(r.isError, tool).toBe(true);
      expect(textOf(r), tool).toMatch(/INVALID_INPUT/);
      expect(sim.simulator.requests.length, tool).toBe(before);
      const advice = textOf(r)
        .split("\n")
        .find((line) => line.startsWith("What to do:"));
      expect(textOf(r), tool).toMatch(/Ask for 2026-11-25 to 2026-11-26 instead/);
      // Tomorrow is never a valid `to`, so it must not be suggested.
      expect(advice, tool).not.toMatch(/2026-11-27/);
      const suggested = await s.call(tool, {
        metering_point_ids: [ids.household],
        from: "2026-11-25",
        to: "2026-11-26",
      });
      // Accepted (yesterday may simply have no data yet: DataHub lags).
      expect(textOf(suggested), tool).not.toMatch(/INVALID_INPUT/);
    }
  });
});
