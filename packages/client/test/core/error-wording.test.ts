import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  addLocalDays,
  apiErrorCodes,
  createEloverblik,
  createMemoryTokenStore,
  describeError,
  EloverblikError,
  type EloverblikOptions,
  errorGuidance,
  isEloverblikError,
  isTokenError,
  resolveDateRange,
  todayInDenmark,
} from "../../src/index.js";
import {
  accessToken,
  BASE,
  failedItem,
  ids,
  makeJwt,
  NOW,
  refreshToken,
  tokenHandlers,
  virtualClock,
} from "../support.js";

const clock = virtualClock();
const state = { tokenCalls: 0, issued: [] as string[], now: clock.now };
const server = setupServer(...tokenHandlers(state));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function client(extra: Partial<EloverblikOptions> = {}) {
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

const caught = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
};

/** The MCP server's words, as a surface would give them. */
const toolTerms = {
  operation: (name: string) =>
    ({
      addRelations: "add_relations_by_cpr",
      addRelationByWebAccessCode: "add_relation_by_web_access_code",
      getCharges: "get_charges",
    })[name] ?? name,
  field: (name: string) => `\`${name}\``,
};

describe("token problems have codes of their own", () => {
  it("missing, unreadable, expired, of the wrong type, refused", async () => {
    const expired = refreshToken("customer", NOW / 1000 - 60);
    const cases: Array<[unknown, string]> = [
      [caught(() => client({ refreshToken: "" })), "TOKEN_MISSING"],
      [caught(() => client({ refreshToken: "not a token" })), "TOKEN_INVALID"],
      [caught(() => client({ refreshToken: "abc.def" })), "TOKEN_INVALID"],
      [caught(() => client({ refreshToken: expired })), "TOKEN_EXPIRED"],
      [caught(() => client({ refreshToken: accessToken() })), "WRONG_TOKEN_TYPE"],
      [caught(() => client({ refreshToken: refreshToken("thirdparty") })), "WRONG_TOKEN_TYPE"],
    ];
    server.use(
      http.get(`${BASE}/customerapi/api/token`, () => HttpResponse.json({ status: 401 }, { status: 401 })),
    );
    cases.push([
      await client()
        .listMeteringPoints()
        .catch((e: unknown) => e),
      "TOKEN_REFUSED",
    ]);
    for (const [error, code] of cases) {
      expect(isEloverblikError(error) && error.code).toBe(code);
      expect(isTokenError(error)).toBe(true);
      const described = describeError(error);
      expect(described.tokenProblem).toBe(true);
      expect(described.advice.join(" ")).toMatch(/eloverblik\.dk/);
    }
  });

  it("a data call's failure is not a token problem", async () => {
    server.use(
      http.post(`${BASE}/customerapi/api/meteringpoints/meteringpoint/getcharges`, () =>
        HttpResponse.json({ result: [failedItem(ids(1)[0]!, 20010, "RelationNotFound")] }),
      ),
    );
    const [r] = await client().getCharges(ids(1));
    expect(r?.ok).toBe(false);
    if (r?.ok !== false) return;
    expect(isTokenError(r.error)).toBe(false);
  });
});

describe("suggestions are data, worded by each surface", () => {
  it("no catalogue hint or guidance names a client method or a wire field", () => {
    const names =
      /\b(add|get|list|delete|export)[A-Z]\w*|\b(dateFrom|dateTo|meteringPoints\.meteringPoint|parentMeteringPointId|accessFrom|validFrom|includeFutureMeteringPoints)\b/;
    for (const entry of apiErrorCodes) expect(entry.hint ?? "", `code ${entry.code}`).not.toMatch(names);
    for (const [code, g] of Object.entries(errorGuidance)) expect(g.hint, code).not.toMatch(names);
  });

  it("a missing relation suggests the relation operations, named as the surface names them", async () => {
    const id = ids(1)[0]!;
    server.use(
      http.post(`${BASE}/customerapi/api/meteringpoints/meteringpoint/getcharges`, () =>
        HttpResponse.json({ result: [failedItem(id, 20010, "RelationNotFound")] }),
      ),
    );
    const [r] = await client().getCharges([id]);
    if (r?.ok !== false) throw new Error("expected a failure");
    expect(r.error.suggestions).toEqual([
      { kind: "use-operation", operation: "addRelations" },
      { kind: "use-operation", operation: "addRelationByWebAccessCode" },
    ]);
    const plain = describeError(r.error);
    expect(plain.advice).toContain("Use addRelations or addRelationByWebAccessCode.");
    const mcp = describeError(r.error, toolTerms);
    expect(mcp.advice).toContain("Use add_relations_by_cpr or add_relation_by_web_access_code.");
    expect(mcp.advice.join(" ")).not.toMatch(/addRelation/);
    expect(mcp.message).toContain(id);
  });

  it("a 429 suggests waiting as long as the server said", async () => {
    server.use(
      http.get(`${BASE}/customerapi/api/meteringpoints/meteringpoints`, () =>
        HttpResponse.json({ status: 429 }, { status: 429, headers: { "Retry-After": "42" } }),
      ),
    );
    const error = await client({ retry: { maxAttempts: 1, timeoutMs: 0 } })
      .listMeteringPoints()
      .catch((e: unknown) => e);
    expect(isEloverblikError(error) && error.suggestions[0]).toEqual({
      kind: "retry-later",
      afterMs: 42_000,
    });
    expect(describeError(error).advice).toContain("Retry after 42 s.");
    expect(describeError(error).retryAfterSeconds).toBe(42);
  });

  it("anything else is INTERNAL, scrubbed of tokens", () => {
    const token = makeJwt({ tokenType: "CustomerAPI_Refresh", jti: "x" });
    const d = describeError(new Error(`boom ${token}`));
    expect(d.code).toBe("INTERNAL");
    expect(d.message).not.toContain(token.slice(0, 20));
  });
});

describe("date-range refusals", () => {
  const nowMs = Date.parse("2026-11-20T10:00:00Z");
  const today = todayInDenmark(nowMs);

  it("from = to carries the API's 30002 and suggests one day", () => {
    const error = caught(() => resolveDateRange({ from: "2026-11-10", to: "2026-11-10" }, { nowMs }));
    expect(isEloverblikError(error) && [error.code, error.apiCode, error.apiCodeName]).toEqual([
      "INVALID_INPUT",
      30002,
      "ToDateCanNotBeEqualToFromDate",
    ]);
    expect(isEloverblikError(error) && error.suggestions[0]).toEqual({
      kind: "use-period",
      from: "2026-11-10",
      to: "2026-11-11",
    });
    // The message names the period already, so the advice does not say it twice.
    expect(isEloverblikError(error) && error.message).toContain("Ask for 2026-11-10 to 2026-11-11 instead.");
    expect(describeError(error, toolTerms).advice.join(" ")).not.toContain("2026-11-11");
  });

  it("a suggested period the message does not name is worded in the surface's terms", () => {
    const error = new EloverblikError({
      code: "INVALID_INPUT",
      message: "That period is not allowed.",
      suggestions: [{ kind: "use-period", from: "2026-11-10", to: "2026-11-11" }],
    });
    expect(describeError(error, toolTerms).advice).toContain(
      "Ask for `from` 2026-11-10 and `to` 2026-11-11 instead.",
    );
  });

  it("never suggests a period the client itself refuses", () => {
    const days = Array.from({ length: 16 }, (_, i) => addLocalDays(today, i - 8));
    const edges = ["2021-01-01", "2020-12-31", "2020-06-01", addLocalDays(today, 400)];
    let suggested = 0;
    for (const from of [...days, ...edges]) {
      for (const to of [...days, ...edges]) {
        let error: unknown;
        try {
          resolveDateRange({ from, to }, { nowMs });
          continue;
        } catch (e) {
          error = e;
        }
        if (!isEloverblikError(error)) throw error;
        for (const s of error.suggestions) {
          if (s.kind !== "use-period") continue;
          suggested++;
          expect(
            () => resolveDateRange({ from: s.from, to: s.to }, { nowMs }),
            `${from}..${to}`,
          ).not.toThrow();
        }
      }
    }
    expect(suggested).toBeGreaterThan(200);
  });
});
