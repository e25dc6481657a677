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
      expect(textOf(bad)).toMatch(/INVALID_INPUT/);
    } finally {
      await client.close();
    }
    expect(stderr).toMatch(/simulator/);
    // Logs go to stderr only, and never carry a token.
    expect(stderr).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/);
  });
});
