import type { ProgressListener } from "@eloverblik-kit/client";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type {
  CallToolResult,
  ServerNotification,
  ServerRequest,
  Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { type CreateServerOptions, createServerContext, type ServerContext } from "./context.js";
import { isWriteTool, type ToolCall, type ToolOutput } from "./define-tool.js";
import { errorResult, errorText } from "./errors.js";
import { guardTransport, type TransportGuard } from "./outgoing.js";
import { progressReporter } from "./progress.js";
import { registerConsumptionReviewPrompt } from "./prompts/consumption-review.js";
import { registerExportResource } from "./resources/exports.js";
import { registerMeteringPointResource } from "./resources/metering-point.js";
import { scrub } from "./secrets.js";
import { canonicalJson, SharedCalls } from "./shared-calls.js";
import { strictInputSchema, toolList } from "./tool-list.js";
import { ALL_TOOLS } from "./tools/index.js";
import { VERSION } from "./version.js";

const INSTRUCTIONS = [
  "Tools for Energinet's Eloverblik (the Danish DataHub): metering points, metered electricity, grid tariffs.",
  "Dates are Danish local days as YYYY-MM-DD; `to` is exclusive and at most today; data usually lags 1–3 days.",
  "Quantities are kWh; prices are DKK excluding VAT. Eloverblik has no price history: estimates use today's charges.",
  "Prefer summaries: get_time_series returns one unless include_points is true.",
  "When a tool reports a token problem, call api_status and tell the user how to create a new token on eloverblik.dk (Datadeling → Opret token).",
].join(" ");

/** How long the user may take to answer a confirmation before the write is given up. */
const CONFIRM_TIMEOUT_MS = 10 * 60_000;

type AnyTool = (typeof ALL_TOOLS)[number];
type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** The tools a server for this context offers: its API's, without the write tools when read-only. */
export function toolsFor(api: ServerContext["api"], readOnly = false): AnyTool[] {
  return ALL_TOOLS.filter((t) => t.apis.includes(api) && !(readOnly && isWriteTool(t)));
}

/** The names of the tools a server for this API offers. */
export function toolNamesFor(api: ServerContext["api"], readOnly = false): string[] {
  return toolsFor(api, readOnly).map((t) => t.name);
}

/** One run shared by identical read-only calls in flight at once, per context (so across HTTP sessions). */
const sharedRuns = new WeakMap<ServerContext, SharedCalls<ToolOutput<unknown>>>();

function sharedRunsOf(ctx: ServerContext): SharedCalls<ToolOutput<unknown>> {
  let shared = sharedRuns.get(ctx);
  if (!shared) {
    shared = new SharedCalls();
    sharedRuns.set(ctx, shared);
  }
  return shared;
}

/** Progress notifications for a call that carries a progressToken; none otherwise. */
function progressFor(extra: Extra): ProgressListener | undefined {
  const progressToken = extra._meta?.progressToken;
  if (progressToken === undefined) return undefined;
  return progressReporter((update) => {
    extra
      .sendNotification({ method: "notifications/progress", params: { progressToken, ...update } })
      .catch(() => undefined);
  });
}

/** A confirmation through the host's elicitation, when the host declared it can show one. */
function confirmFor(server: McpServer, extra: Extra): ToolCall["confirm"] {
  if (!server.server.getClientCapabilities()?.elicitation) return undefined;
  return async (message) => {
    try {
      const answer = await server.server.elicitInput(
        {
          message,
          requestedSchema: {
            type: "object",
            properties: {
              confirm: { type: "boolean", title: "Yes, do it", description: "Tick to confirm" },
            },
            required: ["confirm"],
          },
        },
        { relatedRequestId: extra.requestId, signal: extra.signal, timeout: CONFIRM_TIMEOUT_MS },
      );
      return answer.action === "accept" && answer.content?.confirm === true ? "confirmed" : "declined";
    } catch (error) {
      // No answer (timeout, a host that cannot show the form after all): nothing is changed.
      if (extra.signal.aborted) throw error;
      return "declined";
    }
  };
}

/**
 * An McpServer that scrubs what the SDK itself sends (see `guardTransport`) and knows whether it
 * still owes an answer, so that stdio can finish its work when stdin closes.
 */
export class EloverblikMcpServer extends McpServer {
  private guard: TransportGuard | undefined;

  constructor(
    private readonly ctx: ServerContext,
    info: { name: string; version: string },
  ) {
    super(info, { instructions: INSTRUCTIONS });
  }

  override async connect(transport: Transport): Promise<void> {
    const guard = guardTransport(transport, () => this.ctx.secrets);
    await super.connect(transport);
    guard.watchIncoming();
    this.guard = guard;
  }

  /** Resolves once every request received so far has been answered or cancelled. */
  idle(): Promise<void> {
    return this.guard?.idle() ?? Promise.resolve();
  }
}

function runTool(tool: AnyTool, args: unknown, ctx: ServerContext, call: ToolCall) {
  if (isWriteTool(tool)) return tool.run(args as never, ctx, call);
  const key = `${tool.name} ${canonicalJson(args)}`;
  return sharedRunsOf(ctx).run(key, call.options, (options) => tool.run(args as never, ctx, { options }));
}

/** Builds an MCP server on an existing context (the HTTP transport shares one between sessions). */
export function createServerForContext(
  ctx: ServerContext,
  info: { name?: string; version?: string } = {},
): EloverblikMcpServer {
  const server = new EloverblikMcpServer(ctx, {
    name: info.name ?? "eloverblik",
    version: info.version ?? VERSION,
  });
  // Only the tools the configured API offers: an assistant should never see a tool that cannot work.
  const tools = toolsFor(ctx.api, ctx.readOnly);
  for (const tool of tools) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: strictInputSchema(tool),
        outputSchema: tool.outputSchema,
        annotations: tool.annotations,
      },
      async (args: unknown, extra: Extra): Promise<CallToolResult> => {
        try {
          const call: ToolCall = {
            options: { signal: extra.signal, onProgress: progressFor(extra) },
            confirm: confirmFor(server, extra),
          };
          const out = await runTool(tool, args, ctx, call);
          const result: CallToolResult = {
            content: [{ type: "text", text: out.text }, ...(out.content ?? [])],
            structuredContent: out.structured as Record<string, unknown>,
          };
          if (out.isError) result.isError = true;
          return scrub(result, ctx.secrets);
        } catch (error) {
          ctx.noteError(error);
          if (!extra.signal.aborted) {
            ctx.log(`eloverblik-mcp: ${tool.name} failed. ${errorText(error, ctx.secrets).split("\n")[0]}`);
          }
          return errorResult(error, ctx.secrets);
        }
      },
    );
  }
  // The SDK would convert every schema on every tools/list; the list is the same for the whole
  // process, so it is built once, in its compact form (see `toolList`).
  const list: Tool[] = toolList(tools);
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: list }));
  registerMeteringPointResource(server, ctx);
  registerExportResource(server, ctx);
  registerConsumptionReviewPrompt(server, ctx);
  return server;
}

/**
 * Creates the Eloverblik MCP server. Give it a ready `client` (tests point one at the simulator) or
 * `api`/`refreshToken`/`baseUrl`. A missing or unusable token does not stop the server: every tool
 * then answers with an error that says how to create a new token.
 */
export function createServer(options: CreateServerOptions = {}): EloverblikMcpServer {
  return createServerForContext(createServerContext(options), {
    ...(options.name ? { name: options.name } : {}),
    ...(options.version ? { version: options.version } : {}),
  });
}
