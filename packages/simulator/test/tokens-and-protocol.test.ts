import { afterEach, describe, expect, it } from "vitest";
import { createSimulator, TOKEN_TYPES } from "../src/index.js";
import { accessToken, faces, type Started, useMsw, virtualClock } from "./support.js";

useMsw();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const LIST = "/customerapi/api/meteringpoints/meteringpoints";

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split(".")[1] as string;
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
}

function expectProblem(json: unknown, status: number): void {
  const problem = json as Record<string, unknown>;
  expect(problem.status).toBe(status);
  expect(typeof problem.title).toBe("string");
  expect(typeof problem.type).toBe("string");
  expect(problem.traceId).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
}

describe.each(faces)("tokens and protocol ($name)", (face) => {
  let started: Started;
  const clock = virtualClock();
  const start = async () => {
    clock.set("2026-01-15T10:00:00Z");
    started = await face.start({ clock: clock.now });
    return started;
  };
  afterEach(async () => started?.stop());

  it("exchanges the refresh token for a 24-hour data-access token", async () => {
    const { api, sim } = await start();
    const answer = await api("GET", "/customerapi/api/token", { token: sim.tokens.customer });
    expect(answer.status).toBe(200);
    const token = (answer.json as { result: string }).result;
    expect(Object.keys(answer.json as object)).toEqual(["result"]);
    const claims = claimsOf(token);
    expect(claims.tokenType).toBe("CustomerAPI_DataAccess");
    expect(claims.exp).toBe((clock.now() + 86_400_000) / 1000);
    expect(claims.jti).toMatch(UUID);
    expect(typeof claims.tokenName).toBe("string");
    // How the client reads these tokens is the client's business: packages/client/test/against-simulator/tokens.test.ts.
    expect((await api("GET", LIST, { token })).status).toBe(200);
  });

  it("issues third-party tokens with the live tokenType claims", async () => {
    const s = await start();
    expect(claimsOf(s.sim.tokens.thirdparty).tokenType).toBe("THIRDPARTYAPI_Refresh");
    const token = await accessToken(s, "thirdparty");
    expect(claimsOf(token).tokenType).toBe("ThirdPartyApiDataAccess");
    expect(TOKEN_TYPES.thirdparty.dataAccess).toBe("ThirdPartyApiDataAccess");
  });

  it("refuses a data-access token at /api/token with 403 ProblemDetails", async () => {
    const s = await start();
    const token = await accessToken(s);
    const answer = await s.api("GET", "/customerapi/api/token", { token });
    expect(answer.status).toBe(403);
    expectProblem(answer.json, 403);
  });

  it("refuses expired, unknown, malformed, missing and other-API refresh tokens with 401", async () => {
    const { api, sim } = await start();
    const expired = sim.issueRefreshToken({ api: "customer", expiresInMs: -1000 });
    const foreign = createSimulator({ seed: 99, clock: clock.now }).tokens.customer;
    const cases: Array<[string, Record<string, string>]> = [
      ["expired", { Authorization: `Bearer ${expired}` }],
      ["unknown", { Authorization: `Bearer ${foreign}` }],
      ["malformed", { Authorization: "Bearer not-a-jwt" }],
      ["missing", {}],
      ["other API", { Authorization: `Bearer ${sim.tokens.thirdparty}` }],
    ];
    for (const [label, headers] of cases) {
      clock.advance(60_000); // stay inside the 2-per-minute token limit
      const answer = await api("GET", "/customerapi/api/token", { headers });
      expect(answer.status, label).toBe(401);
      expectProblem(answer.json, 401);
      expect(answer.headers.get("www-authenticate"), label).toMatch(/^Bearer/);
    }
    const tp = await api("GET", "/thirdpartyapi/api/token", { token: sim.tokens.customer });
    expect(tp.status).toBe(401);
  });

  it("refuses refresh tokens and other-API tokens on data endpoints", async () => {
    const s = await start();
    const refresh = await s.api("GET", LIST, { token: s.sim.tokens.customer });
    expect(refresh.status).toBe(401);
    expectProblem(refresh.json, 401);
    const tpToken = await accessToken(s, "thirdparty");
    expect((await s.api("GET", LIST, { token: tpToken })).status).toBe(401);
    expect((await s.api("GET", LIST)).status).toBe(401);
  });

  it("expires the data-access token after 24 hours", async () => {
    const s = await start();
    const token = await accessToken(s);
    clock.advance(86_400_000 - 1000);
    expect((await s.api("GET", LIST, { token })).status).toBe(200);
    clock.advance(1000);
    const answer = await s.api("GET", LIST, { token });
    expect(answer.status).toBe(401);
    expect((answer.json as { detail: string }).detail).toContain("expired");
  });

  it("sends X-Correlation-ID on every response and echoes X-User-Correlation-ID", async () => {
    const { api, sim } = await start();
    const mine = "5d2b1d7e-7a43-4b7c-9f50-0c6a8e2d4b11";
    const ok = await api("GET", "/customerapi/api/isalive", { headers: { "X-User-Correlation-ID": mine } });
    expect(ok.headers.get("x-correlation-id")).toMatch(UUID);
    expect(ok.headers.get("x-user-correlation-id")).toBe(mine);
    const failed = await api("GET", "/customerapi/api/token", { headers: { "X-User-Correlation-ID": mine } });
    expect(failed.status).toBe(401);
    expect(failed.headers.get("x-correlation-id")).toMatch(UUID);
    expect(failed.headers.get("x-user-correlation-id")).toBe(mine);
    const plain = await api("GET", "/thirdpartyapi/api/token", { token: sim.tokens.thirdparty });
    expect(plain.headers.get("x-user-correlation-id")).toBeNull();
    expect(plain.headers.get("x-correlation-id")).not.toBe(ok.headers.get("x-correlation-id"));
  });

  it("answers isalive with a bare true and no token", async () => {
    const { api } = await start();
    for (const path of ["/customerapi/api/isalive", "/thirdpartyapi/api/isalive"]) {
      const answer = await api("GET", path);
      expect(answer.status).toBe(200);
      expect(answer.text).toBe("true");
    }
  });

  it("matches paths case-insensitively and tolerates doubled slashes", async () => {
    const { api, sim } = await start();
    for (const path of ["/CustomerApi/api/Token", "/CustomerApi//api/token", "/customerapi/api/token/"]) {
      const answer = await api("GET", path, { token: sim.tokens.customer });
      expect(answer.status, path).toBe(200);
      clock.advance(60_000);
    }
  });

  it("answers a doubled leading slash like a single one, for tokens and data, in any case", async () => {
    const { api, sim } = await start();
    for (const path of [
      "//customerapi/api/token",
      "//CustomerApi//API/Token",
      "///thirdpartyapi/api/token",
    ]) {
      const kind = path.includes("thirdparty") ? "thirdparty" : "customer";
      const answer = await api("GET", path, { token: sim.tokens[kind] });
      expect(answer.status, path).toBe(200);
      expect(typeof (answer.json as { result: unknown }).result, path).toBe("string");
      clock.advance(60_000);
    }
    const token = sim.issueDataAccessToken({ api: "customer" });
    const id = sim.meteringPoints.household.id;
    const charges = await api("POST", "//CustomerAPI/api/MeteringPoints/MeteringPoint/GetCharges", {
      token,
      body: { meteringPoints: { meteringPoint: [id] } },
    });
    expect(charges.status).toBe(200);
    expect((charges.json as { result: Array<{ id: string }> }).result[0]?.id).toBe(id);
    const log = sim.requests.map((r) => [r.operation, r.path]);
    expect(log[0]).toEqual(["getToken", "/customerapi/api/token"]);
    expect(log.at(-1)).toEqual(["getCharges", "/CustomerAPI/api/MeteringPoints/MeteringPoint/GetCharges"]);
  });

  it("answers unknown paths with 404 ProblemDetails and wrong methods with 405", async () => {
    const { api } = await start();
    const unknown = await api("GET", "/customerapi/api/nothing-here");
    expect(unknown.status).toBe(404);
    expectProblem(unknown.json, 404);
    expect((unknown.json as { instance: string }).instance).toBe("/customerapi/api/nothing-here");
    const wrong = await api("POST", "/customerapi/api/isalive");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
  });
});

describe("tokens across restarts", () => {
  const exchange = (sim: ReturnType<typeof createSimulator>, token: string) =>
    sim.handle({
      method: "GET",
      url: "/customerapi/api/token",
      headers: { authorization: `Bearer ${token}` },
      body: undefined,
      clientAddress: "x",
    });

  it("prints new tokens per start, yet tokens from the same seed keep working", async () => {
    const clock = virtualClock();
    const first = createSimulator({ seed: 4, clock: clock.now });
    clock.advance(1_000);
    const restarted = createSimulator({ seed: 4, clock: clock.now });
    // They carry their issue time, so a later start prints other tokens…
    expect(restarted.tokens.customer).not.toBe(first.tokens.customer);
    expect(restarted.tokens.thirdparty).not.toBe(first.tokens.thirdparty);
    // …but the same ids, and it accepts the first start's token.
    expect(restarted.meteringPoints.household).toEqual(first.meteringPoints.household);
    expect(await exchange(restarted, first.tokens.customer)).toMatchObject({ status: 200 });
    // On a fixed clock the same seed mints the very same tokens.
    expect(createSimulator({ seed: 4, clock: clock.now }).tokens).toEqual(restarted.tokens);
    const otherSeed = createSimulator({ seed: 5, clock: clock.now });
    expect(await exchange(otherSeed, first.tokens.customer)).toMatchObject({ status: 401 });
  });
});
