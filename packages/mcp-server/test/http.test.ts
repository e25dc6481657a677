// Streamable HTTP in-process: the SDK client against startHttpServer, secrets and host checks.
import { request } from "node:http";
import type { RunningSimulator } from "@eloverblik-kit/simulator/server";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServerContext, type HttpServerHandle, startHttpServer } from "../src/index.js";
import { clock, simClient, startSim } from "./support/harness.js";

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSim();
});

afterAll(async () => {
  await sim.close();
});

function context() {
  return createServerContext({ client: simClient(sim), refreshToken: sim.tokens.customer, now: clock });
}

async function rawPost(url: string, headers: Record<string, string>): Promise<number> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname,
        port,
        path: pathname,
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.end("{}");
  });
}

describe("startHttpServer", () => {
  let handle: HttpServerHandle;

  afterAll(async () => {
    await handle?.close();
  });

  it("serves the tools on loopback without a secret", async () => {
    handle = await startHttpServer({ context: context(), port: 0 });
    expect(handle.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const client = new Client({ name: "http-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(handle.url)));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain("get_time_series");
    const status = (await client.callTool({ name: "api_status", arguments: {} })) as CallToolResult;
    expect(status.structuredContent).toMatchObject({ api: "customer", alive: true, ready: true });
    const household = sim.simulator.meteringPoints.household.id;
    const series = (await client.callTool({
      name: "get_time_series",
      arguments: { metering_point_ids: [household], from: "2026-01-05" },
    })) as CallToolResult;
    expect((series.structuredContent as { summaries: unknown[] }).summaries).toHaveLength(1);
    await client.close();
  });

  it("refuses foreign Host headers (DNS rebinding) and other paths and methods", async () => {
    expect(await rawPost(handle.url, { host: "evil.example:80" })).toBe(403);
    const other = handle.url.replace(/\/mcp$/, "/other");
    expect(await rawPost(other, {})).toBe(404);
    const get = await fetch(handle.url, { headers: { accept: "text/event-stream" } });
    expect(get.status).toBe(405);
  });
});

describe("bearer secret", () => {
  it("is enforced on loopback when set, compared exactly", async () => {
    const secret = "a-long-random-secret-for-the-http-test";
    const handle = await startHttpServer({ context: context(), port: 0, token: secret });
    try {
      expect(await rawPost(handle.url, {})).toBe(401);
      expect(await rawPost(handle.url, { authorization: `Bearer ${secret}x` })).toBe(401);
      expect(await rawPost(handle.url, { authorization: `Bearer ${secret.slice(0, -1)}` })).toBe(401);
      const client = new Client({ name: "http-test", version: "1.0.0" });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(handle.url), {
          requestInit: { headers: { authorization: `Bearer ${secret}` } },
        }),
      );
      const status = (await client.callTool({ name: "api_status", arguments: {} })) as CallToolResult;
      expect(status.structuredContent).toMatchObject({ ready: true });
      await client.close();
    } finally {
      await handle.close();
    }
  });

  it("is required for a non-loopback address: the server refuses to start", async () => {
    await expect(startHttpServer({ context: context(), host: "0.0.0.0", port: 0 })).rejects.toThrow(
      /Refusing to listen on 0\.0\.0\.0 without a bearer secret: set ELOVERBLIK_MCP_HTTP_TOKEN/,
    );
  });
});
