import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { type CreateServerOptions, createServerContext, type ServerContext } from "./context.js";
import { errorResult, errorText } from "./errors.js";
import { registerConsumptionReviewPrompt } from "./prompts/consumption-review.js";
import { registerMeteringPointResource } from "./resources/metering-point.js";
import { scrub } from "./secrets.js";
import { ALL_TOOLS } from "./tools/index.js";
import { VERSION } from "./version.js";

const INSTRUCTIONS = [
  "Tools for Energinet's Eloverblik (the Danish DataHub): metering points, metered electricity, grid tariffs.",
  "Dates are Danish local days as YYYY-MM-DD; `to` is exclusive and at most today; data usually lags 1–3 days.",
  "Quantities are kWh; prices are DKK excluding VAT. Eloverblik has no price history: estimates use today's charges.",
  "Prefer summaries: get_time_series returns one unless include_points is true.",
  "When a tool reports a token problem, call api_status and tell the user how to create a new token on eloverblik.dk (Datadeling → Opret token).",
].join(" ");

/** The names of the tools a server for this API offers. */
export function toolNamesFor(api: ServerContext["api"]): string[] {
  return ALL_TOOLS.filter((t) => t.apis.includes(api)).map((t) => t.name);
}

/** Builds an MCP server on an existing context (the HTTP transport shares one between sessions). */
export function createServerForContext(
  ctx: ServerContext,
  info: { name?: string; version?: string } = {},
): McpServer {
  const server = new McpServer(
    { name: info.name ?? "eloverblik", version: info.version ?? VERSION },
    { instructions: INSTRUCTIONS },
  );
  // Only the tools the configured API offers: an assistant should never see a tool that cannot work.
  for (const tool of ALL_TOOLS) {
    if (!tool.apis.includes(ctx.api)) continue;
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.inputSchema,
        outputSchema: tool.outputSchema,
        annotations: { title: tool.title, ...tool.annotations },
      },
      async (args: unknown): Promise<CallToolResult> => {
        try {
          const out = await tool.run(args as never, ctx);
          const result: CallToolResult = {
            content: [{ type: "text", text: out.text }],
            structuredContent: out.structured as Record<string, unknown>,
          };
          if (out.isError) result.isError = true;
          return scrub(result, ctx.secrets);
        } catch (error) {
          ctx.noteError(error);
          ctx.log(`eloverblik-mcp: ${tool.name} failed. ${errorText(error, ctx.secrets).split("\n")[0]}`);
          return errorResult(error, ctx.secrets);
        }
      },
    );
  }
  registerMeteringPointResource(server, ctx);
  registerConsumptionReviewPrompt(server, ctx);
  return server;
}

/**
 * Creates the Eloverblik MCP server. Give it a ready `client` (tests point one at the simulator) or
 * `api`/`refreshToken`/`baseUrl`. A missing or unusable token does not stop the server: every tool
 * then answers with an error that says how to create a new token.
 */
export function createServer(options: CreateServerOptions = {}): McpServer {
  return createServerForContext(createServerContext(options), {
    ...(options.name ? { name: options.name } : {}),
    ...(options.version ? { version: options.version } : {}),
  });
}
