// Proof that a host like n8n can bundle the client: `@eloverblik-kit/client/core` bundled with
// openapi-fetch (as the n8n package will do) contains none of the globals n8n's community-node
// scanner rejects, requires no module, and works when every port is passed in.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createEloverblikCore as CreateCore } from "../../src/index.js";
import { BASE, refreshToken, tokenHandlers, virtualClock } from "../support.js";

const FORBIDDEN = [
  /\bsetTimeout\b/,
  /\bsetInterval\b/,
  /\bglobalThis\b/,
  /\bprocess\b/,
  /\bconsole\b/,
  /\brequire\(/,
];

async function bundleCore(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("../../src/core.ts", import.meta.url))],
    bundle: true,
    write: false,
    format: "cjs",
    platform: "neutral",
    mainFields: ["module", "main"],
    legalComments: "none",
    logLevel: "silent",
    // openapi-fetch's own defaults name globals; the client always passes fetch and Request.
    define: { "globalThis.fetch": "fetch", "globalThis.Request": "Request", process: "undefined" },
  });
  return result.outputFiles[0]!.text;
}

describe("the core bundle", () => {
  const clock = virtualClock();
  const state = { tokenCalls: 0, issued: [] as string[], now: clock.now };
  const server = setupServer(
    ...tokenHandlers(state),
    http.get(`${BASE}/customerapi/api/meteringpoints/meteringpoints`, () =>
      HttpResponse.json({ result: [{ meteringPointId: "571313180100000001" }] }),
    ),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());

  it("has no global the n8n scanner rejects and imports nothing", async () => {
    const code = (await bundleCore()).replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, "");
    const found = FORBIDDEN.filter((pattern) => pattern.test(code)).map(String);
    expect(found).toEqual([]);
  });

  it("runs with injected ports only", async () => {
    const code = await bundleCore();
    const module = { exports: {} as { createEloverblikCore: typeof CreateCore } };
    new Function("module", "exports", code)(module, module.exports);
    const client = module.exports.createEloverblikCore({
      api: "customer",
      refreshToken: refreshToken(),
      ports: { fetch: (request) => fetch(request), sleep: clock.sleep, now: clock.now, random: () => 0.5 },
      retry: { timeoutMs: 0 },
    });
    const points = await client.listMeteringPoints();
    expect(points.map((p) => p.meteringPointId)).toEqual(["571313180100000001"]);
    expect(state.tokenCalls).toBe(1);
  });
});
