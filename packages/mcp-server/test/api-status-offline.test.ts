// api_status when Eloverblik cannot be reached at all: "Eloverblik unreachable", not an internal failure.
import { createServer as createNetServer } from "node:net";
import { createEloverblik } from "@eloverblik-kit/client";
import { beforeAll, describe, expect, it } from "vitest";
import { clock, connect, data, textOf } from "./support/harness.js";

/** A loopback address where nothing listens: a port that was free a moment ago. */
async function closedPortUrl(): Promise<string> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return `http://127.0.0.1:${address.port}`;
}

let offline: string;

beforeAll(async () => {
  offline = await closedPortUrl();
});

/** A refresh token whose claims look fine (the exchange is what would check it). */
function plausibleToken(): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const exp = Math.floor(clock() / 1000) + 200 * 86_400;
  return `${part({ alg: "HS256", typ: "JWT" })}.${part({ tokenType: "CustomerAPI_Refresh", exp, tokenName: "offline test" })}.c2lnbmF0dXJlLXNpZ25hdHVyZQ`;
}

describe("api_status with Eloverblik unreachable", () => {
  const checks = (r: Awaited<ReturnType<Awaited<ReturnType<typeof connect>>["call"]>>) => {
    expect(r.isError).toBeFalsy();
    expect(data(r)).toMatchObject({
      alive: null,
      reachable: false,
      ready: false,
      tokenExchange: "not tried",
    });
    expect(data(r).aliveError).toMatch(/^Eloverblik unreachable at http:\/\/127\.0\.0\.1:\d+: /);
    expect(data(r).problem).toBe(data(r).aliveError);
    expect(textOf(r)).toMatch(/Eloverblik unreachable/);
    expect(textOf(r)).not.toMatch(/failed unexpectedly|INTERNAL|Retry once/);
  };

  it("through the client (a token is configured)", async () => {
    const token = plausibleToken();
    const s = await connect({
      client: createEloverblik({
        api: "customer",
        refreshToken: token,
        baseUrl: offline,
        now: clock,
        retry: { maxAttempts: 1 },
      }),
      refreshToken: token,
    });
    try {
      const r = await s.call("api_status");
      checks(r);
      expect(textOf(r)).toMatch(
        /Refresh token "offline test", .*; not checked while Eloverblik is unreachable\./,
      );
    } finally {
      await s.close();
    }
  });

  it("without a token (the raw client asks isalive)", async () => {
    const s = await connect({ api: "customer", baseUrl: offline });
    try {
      const r = await s.call("api_status");
      expect(data(r)).toMatchObject({ alive: null, reachable: false, ready: false });
      expect(data(r).aliveError).toMatch(/^Eloverblik unreachable at /);
      expect(textOf(r)).not.toMatch(/failed unexpectedly|INTERNAL/);
      // The missing token is still the problem reported.
      expect(data(r).problem).toMatch(/TOKEN_MISSING/);
    } finally {
      await s.close();
    }
  });
});
