import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createEloverblik,
  createMemoryTokenStore,
  describeToken,
  isEloverblikError,
} from "../../src/index.js";
import {
  accessToken,
  BASE,
  ids,
  makeJwt,
  NOW,
  refreshToken,
  tokenHandlers,
  virtualClock,
} from "../support.js";

const clock = virtualClock();
const state = {
  tokenCalls: 0,
  issued: [] as string[],
  now: clock.now,
  dataCalls: 0,
  authHeaders: [] as string[],
};
const server = setupServer(...tokenHandlers(state));

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  state.tokenCalls = 0;
  state.dataCalls = 0;
  state.issued.length = 0;
  state.authHeaders.length = 0;
});
afterAll(() => server.close());

function listHandler(status = 200) {
  return http.get(`${BASE}/customerapi/api/meteringpoints/meteringpoints`, ({ request }) => {
    state.dataCalls++;
    state.authHeaders.push(request.headers.get("authorization") ?? "");
    if (status !== 200)
      return HttpResponse.json({ title: "Unauthorized", status, traceId: "t-1" }, { status });
    return HttpResponse.json({ result: [{ meteringPointId: ids(1)[0], typeOfMP: "E17" }] });
  });
}

function client(extra: Record<string, unknown> = {}) {
  return createEloverblik({
    api: "customer",
    refreshToken: refreshToken(),
    now: clock.now,
    sleep: clock.sleep,
    tokenStore: createMemoryTokenStore(),
    retry: { timeoutMs: 0 },
    ...extra,
  });
}

describe("token exchange", () => {
  it("exchanges once and shares the exchange among concurrent callers", async () => {
    server.use(listHandler());
    const c = client();
    await Promise.all(Array.from({ length: 8 }, () => c.listMeteringPoints()));
    expect(state.tokenCalls).toBe(1);
    expect(state.dataCalls).toBe(8);
    expect(new Set(state.authHeaders)).toEqual(new Set([`Bearer ${state.issued[0]}`]));
  });

  it("re-exchanges exactly once when an older token is refused, and retries the call", async () => {
    let refuse = false;
    server.use(
      http.get(`${BASE}/customerapi/api/meteringpoints/meteringpoints`, () => {
        state.dataCalls++;
        if (refuse) {
          refuse = false;
          return HttpResponse.json({ title: "Unauthorized", status: 401 }, { status: 401 });
        }
        return HttpResponse.json({ result: [] });
      }),
    );
    const c = client();
    await c.listMeteringPoints();
    clock.advance(30 * 60_000);
    refuse = true;
    await expect(c.listMeteringPoints()).resolves.toEqual([]);
    expect(state.tokenCalls).toBe(2);
    expect(state.dataCalls).toBe(3);
  });

  it("does not re-exchange a token it has just received: that 401 is about access", async () => {
    server.use(listHandler(401));
    const error = await client()
      .listMeteringPoints()
      .catch((e: unknown) => e);
    expect(isEloverblikError(error) && error.code).toBe("UNAUTHORIZED");
    expect(isEloverblikError(error) && error.traceId).toBe("t-1");
    expect(state.tokenCalls).toBe(1);
    expect(state.dataCalls).toBe(1);
  });

  it("gives up with UNAUTHORIZED when the fresh token is refused too, without looping", async () => {
    let refuse = false;
    server.use(
      http.get(`${BASE}/customerapi/api/meteringpoints/meteringpoints`, () => {
        state.dataCalls++;
        return refuse
          ? HttpResponse.json({ title: "Unauthorized", status: 401, traceId: "t-2" }, { status: 401 })
          : HttpResponse.json({ result: [] });
      }),
    );
    const c = client();
    await c.listMeteringPoints();
    clock.advance(30 * 60_000);
    refuse = true;
    const error = await c.listMeteringPoints().catch((e: unknown) => e);
    expect(isEloverblikError(error) && error.code).toBe("UNAUTHORIZED");
    expect(state.tokenCalls).toBe(2);
    expect(state.dataCalls).toBe(3);
  });

  it("reuses a data-access token from the token store across clients", async () => {
    server.use(listHandler());
    const store = createMemoryTokenStore();
    await client({ tokenStore: store }).listMeteringPoints();
    await client({ tokenStore: store }).listMeteringPoints();
    expect(state.tokenCalls).toBe(1);
    expect(state.dataCalls).toBe(2);
  });

  it("renews the cached token shortly before it expires", async () => {
    server.use(listHandler());
    const c = client();
    await c.listMeteringPoints();
    clock.advance(24 * 3600_000 - 60_000);
    await c.listMeteringPoints();
    expect(state.tokenCalls).toBe(2);
  });

  it("reports a refused refresh token from the token endpoint clearly", async () => {
    server.use(
      http.get(`${BASE}/customerapi/api/token`, () =>
        HttpResponse.json({ title: "Unauthorized", status: 401, traceId: "tr-9" }, { status: 401 }),
      ),
    );
    const error = await client()
      .listMeteringPoints()
      .catch((e: unknown) => e);
    expect(isEloverblikError(error)).toBe(true);
    if (!isEloverblikError(error)) return;
    expect(error.code).toBe("TOKEN_REFUSED");
    expect(error.operation).toBe("getToken");
    expect(error.message).toMatch(/refresh token/);
    expect(error.hint).toMatch(/Opret token/);
  });
});

describe("refresh token checks before any request", () => {
  it("refuses an expired refresh token", () => {
    const expired = refreshToken("customer", NOW / 1000 - 10);
    const attempt = () => createEloverblik({ api: "customer", refreshToken: expired, now: clock.now });
    expect(attempt).toThrowError(/expired/);
    try {
      attempt();
    } catch (e) {
      expect(isEloverblikError(e) && e.code).toBe("TOKEN_EXPIRED");
    }
    expect(state.tokenCalls).toBe(0);
  });

  it("refuses a token for the other API and says which it is", () => {
    expect(() =>
      createEloverblik({ api: "customer", refreshToken: refreshToken("thirdparty"), now: clock.now }),
    ).toThrowError(/Third Party API.*Customer API/);
  });

  it("refuses a data-access token given as refresh token", () => {
    expect(() =>
      createEloverblik({ api: "customer", refreshToken: accessToken(), now: clock.now }),
    ).toThrowError(/data-access token/);
  });

  it.each([
    ["", /No refresh token/],
    ["not-a-token", /not an Eloverblik token/],
    ["a.b.c", /not an Eloverblik token/],
  ])("refuses %j", (token, message) => {
    expect(() => createEloverblik({ api: "customer", refreshToken: token, now: clock.now })).toThrowError(
      message,
    );
  });

  it("refuses an unknown api name", () => {
    // @ts-expect-error: deliberately wrong
    expect(() => createEloverblik({ api: "business", refreshToken: refreshToken() })).toThrowError(
      /customer/,
    );
  });
});

describe("describeToken", () => {
  it("decodes API, kind, name and expiry without a call", () => {
    const info = describeToken(refreshToken("thirdparty"), NOW);
    expect(info).toMatchObject({ api: "thirdparty", kind: "refresh", name: "test token", expired: false });
    expect(info.expiresAt).toBe(new Date(NOW + 300 * 86400_000).toISOString());
  });

  it("recognises the live customer data-access token type", () => {
    const info = describeToken(makeJwt({ tokenType: "CustomerAPI_DataAccess", exp: 1 }), NOW);
    expect(info).toMatchObject({ api: "customer", kind: "data-access", expired: true });
  });
});
