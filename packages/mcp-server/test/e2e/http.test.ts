import { type ChildProcess, spawn } from "node:child_process";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, missingBuild, SKIP_MESSAGE } from "./built.js";

const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGTERM");
});

/** Spawns the bin without any ELOVERBLIK_* variable from the test's own environment. */
function spawnBin(args: string[], env: Record<string, string> = {}) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ELOVERBLIK_")));
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...base, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "listening" line within 15 s; stderr:\n${stderr}`)),
      15_000,
    );
    child.stderr?.on("data", () => {
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}; stderr:\n${stderr}`));
    });
  });
  listening.catch(() => undefined);
  return { child, exited, listening, stderr: () => stderr };
}

describe.skipIf(missingBuild.length > 0)(`built bin over streamable HTTP${SKIP_MESSAGE}`, () => {
  it("serves api_status over --http on loopback", async () => {
    const run = spawnBin(["--simulator", "--http", "--port", "0"]);
    const url = await run.listening;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const client = new Client({ name: "e2e-http", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    const status = (await client.callTool({ name: "api_status", arguments: {} })) as CallToolResult;
    expect(status.structuredContent).toMatchObject({ api: "customer", alive: true, ready: true });
    await client.close();
  });

  it("enforces ELOVERBLIK_MCP_HTTP_TOKEN on loopback when it is set", async () => {
    const secret = "e2e-http-secret-0123456789abcdef";
    const run = spawnBin(["--simulator", "--http", "--port", "0"], { ELOVERBLIK_MCP_HTTP_TOKEN: secret });
    const url = await run.listening;
    const body = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
    });
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
    const denied = await fetch(url, { method: "POST", headers, body });
    expect(denied.status).toBe(401);
    const wrong = await fetch(url, {
      method: "POST",
      headers: { ...headers, authorization: "Bearer nope" },
      body,
    });
    expect(wrong.status).toBe(401);

    const client = new Client({ name: "e2e-http", version: "1.0.0" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(url), {
        requestInit: { headers: { authorization: `Bearer ${secret}` } },
      }),
    );
    const status = (await client.callTool({ name: "api_status", arguments: {} })) as CallToolResult;
    expect(status.structuredContent).toMatchObject({ alive: true });
    expect(JSON.stringify(status)).not.toContain(secret);
    await client.close();
    expect(run.stderr()).not.toContain(secret);
  });

  it("refuses to bind a non-loopback address without ELOVERBLIK_MCP_HTTP_TOKEN", async () => {
    const run = spawnBin(["--simulator", "--http", "--host", "0.0.0.0", "--port", "0"]);
    const code = await run.exited;
    expect(code).toBe(1);
    expect(run.stderr()).toMatch(/refusing to listen on 0\.0\.0\.0.*ELOVERBLIK_MCP_HTTP_TOKEN/s);
    expect(run.stderr()).not.toMatch(/listening on/);
  });
});
