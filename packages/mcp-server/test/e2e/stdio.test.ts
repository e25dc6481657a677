import { spawn } from "node:child_process";
import { addLocalDays, todayInDenmark } from "@eloverblik-kit/client";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { BIN, missingBuild, SKIP_MESSAGE } from "./built.js";

function textOf(result: CallToolResult): string {
  return result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
}

describe.skipIf(missingBuild.length > 0)(`built bin over stdio${SKIP_MESSAGE}`, () => {
  it("starts with --simulator, lists its tools and answers calls", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, "--simulator"],
      stderr: "pipe",
    });
    let stderr = "";
    transport.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const client = new Client({ name: "e2e", version: "1.0.0" });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      const names = tools.map((t) => t.name);
      expect(names).toEqual(
        expect.arrayContaining([
          "api_status",
          "list_metering_points",
          "get_time_series",
          "get_consumption_profile",
          "get_charges",
          "estimate_grid_charges",
          "delete_relation",
        ]),
      );
      expect(names).not.toContain("list_authorizations");
      expect(tools.find((t) => t.name === "delete_relation")?.annotations?.destructiveHint).toBe(true);

      const status = (await client.callTool({ name: "api_status", arguments: {} })) as CallToolResult;
      expect(status.isError).toBeFalsy();
      expect(status.structuredContent).toMatchObject({ api: "customer", alive: true, ready: true });

      const list = (await client.callTool({ name: "list_metering_points", arguments: {} })) as CallToolResult;
      const points = (list.structuredContent as { meteringPoints: Array<{ meteringPointId: string }> })
        .meteringPoints;
      expect(points.length).toBeGreaterThan(0);

      const today = todayInDenmark(Date.now());
      const series = (await client.callTool({
        name: "get_time_series",
        arguments: {
          metering_point_ids: [points[0]?.meteringPointId],
          from: addLocalDays(today, -8),
          to: addLocalDays(today, -1),
        },
      })) as CallToolResult;
      expect(series.isError).toBeFalsy();
      expect(
        (series.structuredContent as { summaries: Array<{ points: number }> }).summaries[0]?.points,
      ).toBeGreaterThan(0);

      const bad = (await client.callTool({
        name: "get_time_series",
        arguments: { metering_point_ids: ["12345"], from: "2024-01-01" },
      })) as CallToolResult;
      expect(bad.isError).toBe(true);
      expect(textOf(bad)).toMatch(/Input validation error[\s\S]*exactly 18 digits/);
    } finally {
      await client.close();
    }
    expect(stderr).toMatch(/simulator/);
    // Logs go to stderr only, and never carry a token.
    expect(stderr).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/);
  });

  it("answers what was piped in before stdin closed, then exits", async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ELOVERBLIK_")));
    const child = spawn(process.execPath, [BIN, "--simulator"], { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const lines = [
      {
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: {
          protocolVersion: "2025-06-18",
          capabilities: {},
          clientInfo: { name: "pipe", version: "1" },
        },
      },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      {
        jsonrpc: "2.0",
        id: 2,
        method: "tools/call",
        params: { name: "list_metering_points", arguments: {} },
      },
      { jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "api_status", arguments: {} } },
    ];
    // Like printf '…' | eloverblik-mcp: everything at once, then end of input.
    child.stdin.end(`${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
    const timer = setTimeout(() => child.kill("SIGKILL"), 25_000);
    const code = await exited;
    clearTimeout(timer);
    expect(code, stderr).toBe(0);
    const answers = new Map(
      stdout
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l) as { id: number; result?: { structuredContent?: Record<string, unknown> } })
        .map((m) => [m.id, m]),
    );
    expect([...answers.keys()].sort()).toEqual([1, 2, 3]);
    expect(answers.get(2)?.result?.structuredContent?.count).toBeGreaterThan(0);
    expect(answers.get(3)?.result?.structuredContent).toMatchObject({ alive: true, ready: true });
  });

  it("--read-only (or ELOVERBLIK_MCP_READ_ONLY=1) offers no write tool", async () => {
    for (const [args, env] of [
      [["--simulator", "--read-only"], {}],
      [["--simulator"], { ELOVERBLIK_MCP_READ_ONLY: "1" }],
    ] as Array<[string[], Record<string, string>]>) {
      const base = Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !k.startsWith("ELOVERBLIK_")),
      ) as Record<string, string>;
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [BIN, ...args],
        env: { ...base, ...env },
        stderr: "pipe",
      });
      const client = new Client({ name: "e2e-read-only", version: "1.0.0" });
      await client.connect(transport);
      try {
        const names = (await client.listTools()).tools.map((t) => t.name);
        expect(names).toContain("get_time_series");
        expect(names).not.toContain("delete_relation");
        expect(names).not.toContain("add_relations_by_cpr");
        expect(names).not.toContain("add_relation_by_web_access_code");
      } finally {
        await client.close();
      }
    }
  });
});
