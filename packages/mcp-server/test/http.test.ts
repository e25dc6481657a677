// Streamable HTTP in-process: the SDK client against startHttpServer. Host, Origin and bearer
// checks, sessions and their limits, batches, and progress, cancellation and shared runs over HTTP.
import { request } from "node:http";
import type { RunningSimulator } from "@eloverblik-kit/simulator/server";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { type CallToolResult, ElicitRequestSchema, type Progress } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createServerContext,
  type HttpServerHandle,
  type StartHttpOptions,
  startHttpServer,
} from "../src/index.js";
import { clock, idsOf, simClient, startSim } from "./support/harness.js";

let sim: RunningSimulator;
let ids: ReturnType<typeof idsOf>;
const handles: HttpServerHandle[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  sim = await startSim();
  ids = idsOf(sim);
});

afterEach(async () => {
  sim.simulator.setScenario({ slow: false });
  for (const c of clients.splice(0)) await c.close().catch(() => undefined);
  for (const h of handles.splice(0)) await h.close();
});

afterAll(async () => {
  await sim.close();
});

function context() {
  return createServerContext({ client: simClient(sim), refreshToken: sim.tokens.customer, now: clock });
}

async function serve(options: Partial<StartHttpOptions> = {}): Promise<HttpServerHandle> {
  const handle = await startHttpServer({ context: context(), port: 0, ...options });
  handles.push(handle);
  return handle;
}

async function client(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const c = new Client({ name: "http-test", version: "1.0.0" });
  await c.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  clients.push(c);
  return c;
}

const INIT = (protocolVersion = "2025-06-18") => ({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion, capabilities: {}, clientInfo: { name: "raw", version: "1" } },
});

/** A POST with any headers (node:http, so that Host and Origin can be set freely). */
async function rawPost(
  url: string,
  headers: Record<string, string>,
  body: unknown = INIT(),
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname,
        port,
        path: pathname,
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          ...headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on("error", reject);
    req.end(typeof body === "string" ? body : JSON.stringify(body));
  });
}

/** The JSON-RPC messages of an answer, sent as JSON or as server-sent events. */
function messagesOf(text: string): Array<Record<string, unknown>> {
  if (text.trimStart().startsWith("{") || text.trimStart().startsWith("[")) {
    const parsed = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : [parsed];
  }
  return text
    .split("\n")
    .filter((line) => line.startsWith("data:") && line.slice(5).trim() !== "")
    .map((line) => JSON.parse(line.slice(5)));
}

const timeSeriesRequests = () => sim.simulator.requests.filter((r) => /gettimeseries/i.test(r.path)).length;

describe("startHttpServer", () => {
  it("serves the tools on loopback without a secret", async () => {
    const handle = await serve();
    expect(handle.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const c = await client(handle.url);
    const { tools } = await c.listTools();
    expect(tools.map((t) => t.name)).toContain("get_time_series");
    const status = (await c.callTool({ name: "api_status", arguments: {} })) as CallToolResult;
    expect(status.structuredContent).toMatchObject({ api: "customer", alive: true, ready: true });
    const series = (await c.callTool({
      name: "get_time_series",
      arguments: { metering_point_ids: [ids.household], from: "2026-01-05" },
    })) as CallToolResult;
    expect((series.structuredContent as { summaries: unknown[] }).summaries).toHaveLength(1);
  });

  it("refuses foreign Host headers (DNS rebinding), other paths and methods, and requests without a session", async () => {
    const handle = await serve();
    expect((await rawPost(handle.url, { host: "evil.example:80" })).status).toBe(403);
    expect((await rawPost(handle.url.replace(/\/mcp$/, "/other"), {})).status).toBe(404);
    expect((await fetch(handle.url, { method: "PUT" })).status).toBe(405);
    expect((await fetch(handle.url, { headers: { accept: "text/event-stream" } })).status).toBe(400);
    const ping = await rawPost(handle.url, {}, { jsonrpc: "2.0", id: 2, method: "ping" });
    expect(ping.status).toBe(400);
    expect(ping.text).toMatch(/start with an initialize request/);
    const unknown = await rawPost(
      handle.url,
      { "mcp-session-id": "no-such-session" },
      { jsonrpc: "2.0", id: 2, method: "ping" },
    );
    expect(unknown.status).toBe(404);
  });
});

describe("Origin (the transport spec's DNS-rebinding rule)", () => {
  it("refuses a page from another origin, allows loopback pages, configured origins and clients without Origin", async () => {
    const handle = await serve({ allowedOrigins: ["https://app.example"] });
    const evil = await rawPost(handle.url, { origin: "http://evil.example" });
    expect(evil.status).toBe(403);
    expect(evil.text).toMatch(/Origin not allowed/);
    // A rebinding page sends its own name as Host too; it must not count as "same origin".
    expect((await rawPost(handle.url, { origin: "http://evil.example", host: "evil.example" })).status).toBe(
      403,
    );
    expect((await rawPost(handle.url, { origin: "null" })).status).toBe(403);
    expect((await rawPost(handle.url, { origin: "http://app.example" })).status).toBe(403);
    for (const origin of [
      "http://localhost:6274",
      "http://127.0.0.1:5173",
      "http://[::1]:8080",
      "https://app.example",
    ]) {
      expect((await rawPost(handle.url, { origin })).status, origin).toBe(200);
    }
    expect((await rawPost(handle.url, {})).status).toBe(200);
  });

  it("refuses an allowed-origin entry that is not an origin", async () => {
    await expect(
      startHttpServer({ context: context(), port: 0, allowedOrigins: ["app.example"] }),
    ).rejects.toThrow(/Not an http\(s\) origin/);
  });
});

describe("bearer secret", () => {
  it("is enforced on loopback when set, compared exactly", async () => {
    const secret = "a-long-random-secret-for-the-http-test";
    const handle = await serve({ token: secret });
    expect((await rawPost(handle.url, {})).status).toBe(401);
    expect((await rawPost(handle.url, { authorization: `Bearer ${secret}x` })).status).toBe(401);
    expect((await rawPost(handle.url, { authorization: `Bearer ${secret.slice(0, -1)}` })).status).toBe(401);
    const c = await client(handle.url, { authorization: `Bearer ${secret}` });
    const status = (await c.callTool({ name: "api_status", arguments: {} })) as CallToolResult;
    expect(status.structuredContent).toMatchObject({ ready: true });
  });

  it("is required for a non-loopback address: the server refuses to start", async () => {
    await expect(startHttpServer({ context: context(), host: "0.0.0.0", port: 0 })).rejects.toThrow(
      /Refusing to listen on 0\.0\.0\.0 without a bearer secret: set ELOVERBLIK_MCP_HTTP_TOKEN/,
    );
  });

  it("must have at least 32 characters, on loopback too", async () => {
    for (const host of ["0.0.0.0", "127.0.0.1"]) {
      await expect(startHttpServer({ context: context(), host, port: 0, token: "x" })).rejects.toThrow(
        /bearer secret of 1 characters: ELOVERBLIK_MCP_HTTP_TOKEN must be at least 32/,
      );
    }
    const ok = await serve({ host: "0.0.0.0", token: "0123456789abcdef0123456789abcdef" });
    expect(ok.port).toBeGreaterThan(0);
  });
});

describe("limits", () => {
  it("caps the sessions open at once with a 503 and its reason; an ended session frees its place", async () => {
    const handle = await serve({ maxSessions: 2 });
    await client(handle.url);
    const second = new Client({ name: "second", version: "1" });
    const secondTransport = new StreamableHTTPClientTransport(new URL(handle.url));
    await second.connect(secondTransport);
    expect(handle.sessions()).toBe(2);
    const third = await rawPost(handle.url, {});
    expect(third.status).toBe(503);
    expect(third.headers["retry-after"]).toBe("30");
    expect(messagesOf(third.text)[0]).toMatchObject({
      error: { message: expect.stringMatching(/Too many MCP sessions: 2 are open/) },
    });
    await secondTransport.terminateSession();
    await second.close();
    expect(handle.sessions()).toBe(1);
    await client(handle.url);
    expect(handle.sessions()).toBe(2);
  });

  it("caps the requests handled at once with a 429; notifications (a cancellation) still get through", async () => {
    const handle = await serve({ maxConcurrentRequests: 2 });
    const transport = new StreamableHTTPClientTransport(new URL(handle.url));
    const c = new Client({ name: "capped", version: "1" });
    await c.connect(transport);
    clients.push(c);
    await c.callTool({ name: "list_metering_points", arguments: {} });
    sim.simulator.setScenario({ slow: { delayMs: 1500, pathIncludes: "gettimeseries" } });
    const before = timeSeriesRequests();
    const call = (day: string) =>
      c.callTool({ name: "get_time_series", arguments: { metering_point_ids: [ids.flex], from: day } });
    const running = [call("2026-03-02"), call("2026-03-03")];
    const deadline = Date.now() + 20_000;
    while (timeSeriesRequests() < before + 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));

    const refused = await call("2026-03-04").then(
      () => undefined,
      (e: unknown) => e as { code?: number; message: string },
    );
    expect(refused?.code).toBe(429);
    expect(refused?.message).toMatch(/Too many requests: this server handles 2 at once/);
    const headers = { "mcp-session-id": String(transport.sessionId), "mcp-protocol-version": "2025-11-25" };
    const cancel = { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 999 } };
    expect((await rawPost(handle.url, headers, cancel)).status).toBe(202);
    for (const r of await Promise.all(running)) expect(r.isError).toBeFalsy();
  });
});

describe("JSON-RPC batches", () => {
  async function session(protocolVersion: string): Promise<{ url: string; id: string }> {
    const handle = await serve();
    const init = await rawPost(handle.url, {}, INIT(protocolVersion));
    expect(init.status).toBe(200);
    const id = String(init.headers["mcp-session-id"]);
    const headers = { "mcp-session-id": id, "mcp-protocol-version": protocolVersion };
    expect(
      (await rawPost(handle.url, headers, { jsonrpc: "2.0", method: "notifications/initialized" })).status,
    ).toBe(202);
    return { url: handle.url, id };
  }
  const batch = [
    { jsonrpc: "2.0", id: 10, method: "ping" },
    { jsonrpc: "2.0", id: 11, method: "tools/list" },
  ];

  it("are refused under 2025-06-18, which removed them", async () => {
    const s = await session("2025-06-18");
    const r = await rawPost(s.url, { "mcp-session-id": s.id, "mcp-protocol-version": "2025-06-18" }, batch);
    expect(r.status).toBe(400);
    expect(messagesOf(r.text)[0]).toMatchObject({
      error: { code: -32600, message: expect.stringMatching(/batches are not part of MCP 2025-06-18/) },
    });
    // A batch that opens a session is refused by the version it asks for.
    const handle = await serve();
    expect((await rawPost(handle.url, {}, [INIT("2025-11-25")])).status).toBe(400);
  });

  it("are answered under 2025-03-26, which has them", async () => {
    const s = await session("2025-03-26");
    const r = await rawPost(s.url, { "mcp-session-id": s.id, "mcp-protocol-version": "2025-03-26" }, batch);
    expect(r.status).toBe(200);
    const answers = messagesOf(r.text);
    expect(answers.map((a) => a.id).sort()).toEqual([10, 11]);
  });
});

describe("over HTTP as over stdio", () => {
  it("progress notifications reach the caller", async () => {
    const handle = await serve();
    const c = await client(handle.url);
    const events: Progress[] = [];
    const r = await c.callTool(
      {
        name: "get_time_series",
        arguments: { metering_point_ids: [ids.production], from: "2022-04-01", to: "2026-04-01" },
      },
      undefined,
      { onprogress: (p) => events.push(p) },
    );
    expect(r.isError).toBeFalsy();
    expect(events.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < events.length; i++)
      expect(events[i]!.progress).toBeGreaterThan(events[i - 1]!.progress);
    expect(events.at(-1)).toMatchObject({ progress: 3, total: 3 });
  });

  it("a cancelled call stops its upstream requests", async () => {
    const handle = await startHttpServer({
      context: createServerContext({
        api: "customer",
        refreshToken: sim.tokens.customer,
        baseUrl: sim.url,
        now: clock,
        clientOptions: { now: clock, limits: { concurrency: 1 } },
      }),
      port: 0,
    });
    handles.push(handle);
    const c = await client(handle.url);
    await c.callTool({ name: "list_metering_points", arguments: {} });
    sim.simulator.setScenario({ slow: { delayMs: 1500, pathIncludes: "gettimeseries" } });
    const before = timeSeriesRequests();
    const controller = new AbortController();
    const call = c.callTool(
      {
        name: "get_time_series",
        arguments: { metering_point_ids: [ids.household], from: "2022-05-01", to: "2026-05-01" },
      },
      undefined,
      { signal: controller.signal },
    );
    call.catch(() => undefined);
    const deadline = Date.now() + 20_000;
    while (timeSeriesRequests() === before && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    await expect(call).rejects.toThrow();
    const atCancel = timeSeriesRequests();
    expect(atCancel - before).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(timeSeriesRequests()).toBe(atCancel);
  });

  it("delete_relation asks the host to confirm, within the call's own stream", async () => {
    const handle = await serve();
    const c = new Client({ name: "http-elicit", version: "1.0.0" }, { capabilities: { elicitation: {} } });
    const asked: string[] = [];
    c.setRequestHandler(ElicitRequestSchema, async (request) => {
      asked.push(request.params.message);
      return { action: "decline" };
    });
    await c.connect(new StreamableHTTPClientTransport(new URL(handle.url)));
    clients.push(c);
    const r = (await c.callTool({
      name: "delete_relation",
      arguments: { metering_point_id: ids.production },
    })) as CallToolResult;
    expect(asked).toEqual([expect.stringMatching(new RegExp(`Unlink metering point ${ids.production}`))]);
    expect(r.structuredContent).toEqual({ meteringPointId: ids.production, deleted: false, declined: true });
  });

  it("ten identical calls from ten sessions at once make one upstream call", async () => {
    const handle = await serve();
    const many = await Promise.all(Array.from({ length: 10 }, () => client(handle.url)));
    await many[0]!.callTool({ name: "list_metering_points", arguments: {} });
    sim.simulator.setScenario({ slow: { delayMs: 500, pathIncludes: "gettimeseries" } });
    const before = timeSeriesRequests();
    const args = { metering_point_ids: [ids.flexHeating], from: "2026-06-01", to: "2026-06-08" };
    const answers = await Promise.all(
      many.map((c) => c.callTool({ name: "get_time_series", arguments: args })),
    );
    expect(timeSeriesRequests() - before).toBe(1);
    for (const a of answers) expect(a.structuredContent).toEqual(answers[0]?.structuredContent);
  });
});
