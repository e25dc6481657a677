// Test harness: a simulator on a loopback port, an Eloverblik client pointed at it, and an MCP
// client connected to our server over the SDK's in-memory transport.
import { createEloverblik, type Eloverblik } from "@eloverblik-kit/client";
import { type MeterRole, type RunningSimulator, startSimulator } from "@eloverblik-kit/simulator/server";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult, ClientCapabilities } from "@modelcontextprotocol/sdk/types.js";
import { type CreateServerOptions, createServer } from "../../src/index.js";

/** A fixed "now" (real time shifted), so the data and the dates in the tests do not depend on the day. */
export const NOW_AT_START = Date.parse("2026-11-26T10:00:00Z");
const offset = NOW_AT_START - Date.now();
export const clock = () => Date.now() + offset;

export type SimulatorOptions = Parameters<typeof startSimulator>[0];

export async function startSim(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ port: 0, clock, limits: "off", ...options });
}

/** A client for the simulator that reports 429/503 at once instead of waiting a minute. */
export function simClient(sim: RunningSimulator, api: "customer" | "thirdparty" = "customer"): Eloverblik {
  return createEloverblik({
    api,
    refreshToken: sim.tokens[api],
    baseUrl: sim.url,
    now: clock,
    retry: { maxAttempts: 1 },
  });
}

export interface Session {
  client: Client;
  logs: string[];
  /** Every tool result of the session, for the secrets test. */
  results: CallToolResult[];
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

export async function connect(
  options: CreateServerOptions,
  clientCapabilities: ClientCapabilities = {},
): Promise<Session> {
  const logs: string[] = [];
  const server = createServer({ now: clock, log: (m) => logs.push(m), ...options });
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client(
    { name: "mcp-server-tests", version: "1.0.0" },
    { capabilities: clientCapabilities },
  );
  await client.connect(clientSide);
  const results: CallToolResult[] = [];
  return {
    client,
    logs,
    results,
    async call(name, args = {}) {
      const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
      results.push(result);
      return result;
    },
    async close() {
      await client.close();
      await server.close();
    },
  };
}

export function textOf(result: CallToolResult): string {
  return result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
}

// biome-ignore lint/suspicious/noExplicitAny: tests read structured content freely
export function data(result: CallToolResult): any {
  return result.structuredContent;
}

/** The size measure of the brief: characters of the whole result as JSON, divided by four. */
export function tokensOf(result: CallToolResult): number {
  return JSON.stringify(result).length / 4;
}

/** The simulator's metering point ids by role (household, production, flex, blocked, …). */
export function idsOf(sim: RunningSimulator): Record<MeterRole, string> {
  return Object.fromEntries(
    Object.entries(sim.simulator.meteringPoints).map(([role, mp]) => [role, mp.id]),
  ) as Record<MeterRole, string>;
}
