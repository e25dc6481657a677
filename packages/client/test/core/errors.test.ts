import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiErrorCodes,
  createEloverblik,
  createMemoryTokenStore,
  EloverblikError,
  isEloverblikError,
  lookupApiErrorCode,
  type ProgressEvent,
  parseErrorBody,
  redactSecrets,
} from "../../src/index.js";
import { BASE, ids, refreshToken, tokenHandlers, virtualClock } from "../support.js";

describe("parseErrorBody", () => {
  it("reads the bare-string shape", () => {
    expect(parseErrorBody('"#30002: Period not allowed, ToDate is equal to FromDate."')).toMatchObject({
      apiCode: 30002,
      apiText: "Period not allowed, ToDate is equal to FromDate.",
    });
    expect(parseErrorBody("[20010] Relation not found")).toMatchObject({
      apiCode: 20010,
      apiText: "Relation not found",
    });
    expect(
      parseErrorBody("#20013: No meteringpoints in request conforms to valid meteringpoint format.").apiCode,
    ).toBe(20013);
  });

  it("reads ProblemDetails with traceId", () => {
    expect(
      parseErrorBody({
        type: "x",
        title: "Unauthorized",
        status: 401,
        detail: "nope",
        traceId: "00-aa-bb-01",
      }),
    ).toMatchObject({ title: "Unauthorized", detail: "nope", traceId: "00-aa-bb-01", apiCode: undefined });
  });

  it("survives garbage", () => {
    expect(parseErrorBody(undefined).apiCode).toBeUndefined();
    expect(parseErrorBody("<html>oops</html>").apiText).toBe("<html>oops</html>");
    expect(parseErrorBody('{"broken').apiText).toBe('{"broken');
  });
});

describe("the catalogue", () => {
  it("holds the current codes and the 2020-only ones", () => {
    expect(lookupApiErrorCode(30002)?.name).toBe("ToDateCanNotBeEqualToFromDate");
    expect(lookupApiErrorCode(30010)?.source).toBe("pdf-2020");
    expect(lookupApiErrorCode(40014)?.name).toBe("NoAuthorizationsFound");
    const codes = apiErrorCodes.map((c) => c.code);
    expect(codes).toEqual([...codes].sort((a, b) => a - b));
    expect(apiErrorCodes.every((c) => c.message.length > 10)).toBe(true);
  });
});

describe("EloverblikError", () => {
  it("is recognised across bundled copies by its brand", () => {
    const foreign = { [Symbol.for("eloverblik-kit.error")]: true, code: "RATE_LIMITED" };
    expect(isEloverblikError(foreign)).toBe(true);
    expect(isEloverblikError(new Error("x"))).toBe(false);
    expect(isEloverblikError(null)).toBe(false);
  });

  it("redacts JWTs and bearer values in messages at construction", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
    const error = new EloverblikError({
      code: "API_ERROR",
      message: `failed with ${jwt} and Bearer abcdefghijkl`,
    });
    expect(error.message).not.toContain(jwt);
    expect(error.message).not.toContain("abcdefghijkl");
    expect(JSON.stringify(error)).not.toContain(jwt);
    expect(redactSecrets(`x secret-value-123 y`, ["secret-value-123"])).toBe("x [redacted] y");
  });
});

describe("no token ever leaks", () => {
  const clock = virtualClock();
  const state = { tokenCalls: 0, issued: [] as string[], now: clock.now };
  const server = setupServer(
    ...tokenHandlers(state),
    http.post(`${BASE}/customerapi/api/meteringpoints/meteringpoint/getdetails`, ({ request }) =>
      // a hostile server echoing the Authorization header back in its error text
      HttpResponse.json(`#20011: Unknown error for ${request.headers.get("authorization")}`, { status: 400 }),
    ),
    http.get(`${BASE}/customerapi/api/meteringpoints/meteringpoints`, () =>
      HttpResponse.json({ title: "Unauthorized", status: 401, traceId: "t" }, { status: 401 }),
    ),
    http.post(`${BASE}/customerapi/api/meteringpoints/meteringpoint/getcharges`, () =>
      HttpResponse.json("busy", { status: 503 }),
    ),
    // an HTML error page that quotes the credential where the 300-character cut falls
    http.post(`${BASE}/customerapi/api/meteringpoints/masterdata/export`, ({ request }) =>
      HttpResponse.text(
        `<html>${"x".repeat(200)} credential ${request.headers.get("authorization")?.slice(7)}</html>`,
        {
          status: 500,
        },
      ),
    ),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());

  it("in errors, toJSON, messages, hints or progress events", async () => {
    const refresh = refreshToken();
    const events: ProgressEvent[] = [];
    const client = createEloverblik({
      api: "customer",
      refreshToken: refresh,
      now: clock.now,
      sleep: clock.sleep,
      tokenStore: createMemoryTokenStore(),
      retry: { timeoutMs: 0, maxAttempts: 2 },
      onProgress: (e) => events.push(e),
    });
    const outputs: unknown[] = [];
    outputs.push(await client.getDetails(ids(2)));
    outputs.push(await client.listMeteringPoints().catch((e: unknown) => e));
    outputs.push(await client.getCharges(ids(1)));
    outputs.push(await client.exportMasterDataCsv(ids(1)).catch((e: unknown) => e));
    const errors = [outputs[1], outputs[3], ...(outputs[0] as Array<{ error: unknown }>).map((r) => r.error)];
    const text = [
      JSON.stringify(outputs),
      JSON.stringify(events),
      ...errors.map((e) => String(e)),
      ...errors.map((e) => (e as Error).stack ?? ""),
      ...errors.map((e) => JSON.stringify((e as EloverblikError).toJSON())),
    ].join("\n");
    expect(state.issued.length).toBeGreaterThan(0);
    for (const secret of [refresh, ...state.issued]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.split(".")[1]!.slice(0, 16));
    }
    expect(text).toContain("[redacted");
  });
});
