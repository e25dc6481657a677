// api_status when Eloverblik cannot be reached at all: "Eloverblik unreachable", not an internal failure.
import { createServer as createNetServer, type Server as NetServer } from "node:net";
import { createEloverblik } from "@eloverblik-kit/client";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clock, connect, data, textOf } from "./support/harness.js";

/**
 * A loopback address that never answers: it hangs up on every connection, so the request fails
 * as it does when Eloverblik is unreachable. The port stays ours (a closed one could be reused).
 */
let hangUp: NetServer;
let offline: string;

beforeAll(async () => {
  hangUp = createNetServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => hangUp.listen(0, "127.0.0.1", resolve));
  const address = hangUp.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  offline = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => hangUp.close(() => resolve()));
});

/** A refresh token whose claims look fine (the exchange is what would check it). */
function plausibleToken(): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const exp = Math.floor(clock() / 1000) + 200 * 86_400;
  return `${part({ alg: "HS256", typ: "JWT" })}.${part({ tokenType: "CustomerAPI_Refresh", exp, tokenName: "offline test" })}.c2lnbmF0dXJlLXNpZ25hdHVyZQ`;
}

describe("api_status with Eloverblik unreachable", () => {
  const checks = (r: CallToolResult) => {
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
