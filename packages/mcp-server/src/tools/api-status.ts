import { z } from "zod";
import type { ServerContext } from "../context.js";
import { defineTool, READ_ONLY } from "../define-tool.js";
import { errorText } from "../errors.js";

const inputSchema = {};

const outputSchema = {
  api: z.enum(["customer", "thirdparty"]).describe("The API this server is set up for"),
  baseUrl: z.string(),
  alive: z.boolean().nullable().describe("Eloverblik's own health flag; null when it could not be asked"),
  aliveError: z.string().optional(),
  token: z.object({
    configured: z.boolean(),
    name: z.string().optional().describe("The name given to the token on eloverblik.dk"),
    expiresAt: z.string().optional(),
    daysLeft: z.number().optional(),
    expired: z.boolean(),
  }),
  ready: z.boolean().describe("Whether the other tools can call Eloverblik"),
  problem: z.string().optional().describe("Why they cannot, and what to do"),
};

/** isalive needs no token, so this works even when the token is missing or expired. */
async function askAlive(ctx: ServerContext): Promise<boolean> {
  let client: ReturnType<ServerContext["client"]> | undefined;
  try {
    client = ctx.client();
  } catch {
    client = undefined;
  }
  if (client) return client.isAlive();
  const prefix = ctx.api === "customer" ? "customerapi" : "thirdpartyapi";
  const response = await fetch(`${ctx.baseUrl.replace(/\/+$/, "")}/${prefix}/api/isalive`, {
    headers: { accept: "application/json", "api-version": "1.0" },
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) throw new Error(`isalive answered HTTP ${response.status}`);
  const body: unknown = await response.json();
  return body === true || body === "true";
}

export const apiStatusTool = defineTool({
  name: "api_status",
  apis: ["customer", "thirdparty"],
  title: "Eloverblik status",
  description:
    "Checks whether Eloverblik is up and whether this server's refresh token works: which API and address it uses, and the token's name and expiry date (never the token itself). Call this first when another tool fails with a token error.",
  inputSchema,
  outputSchema,
  annotations: READ_ONLY,
  async run(_args, ctx) {
    const status = ctx.tokenStatus();
    let alive: boolean | null = null;
    let aliveError: string | undefined;
    try {
      alive = await askAlive(ctx);
    } catch (error) {
      aliveError = errorText(error, ctx.secrets).split("\n").slice(0, 2).join(" ");
    }
    const problem = status.problem ? errorText(status.problem, ctx.secrets) : undefined;
    const token = {
      configured: status.configured,
      ...(status.name ? { name: status.name } : {}),
      ...(status.expiresAt ? { expiresAt: status.expiresAt } : {}),
      ...(status.daysLeft === undefined ? {} : { daysLeft: status.daysLeft }),
      expired: status.expired,
    };
    const apiName = ctx.api === "customer" ? "Customer" : "Third Party";
    const lines = [
      `${apiName} API at ${ctx.baseUrl}: ${alive === null ? `health unknown (${aliveError})` : alive ? "alive" : "reports itself NOT alive (DataHub may be down or overloaded)"}.`,
    ];
    if (status.configured) {
      lines.push(
        `Refresh token${token.name ? ` "${token.name}"` : ""}${token.expiresAt ? `, expires ${token.expiresAt.slice(0, 10)} (${token.daysLeft} days left)` : ""}${token.expired ? " — EXPIRED" : ""}.`,
      );
    } else lines.push("No refresh token is configured.");
    if (problem) lines.push(problem);
    else lines.push("The tools are ready to use.");
    return {
      structured: {
        api: ctx.api,
        baseUrl: ctx.baseUrl,
        alive,
        ...(aliveError ? { aliveError } : {}),
        token,
        ready: problem === undefined,
        ...(problem ? { problem } : {}),
      },
      text: lines.join("\n"),
    };
  },
});
