import {
  createCustomerApiClient,
  createThirdPartyApiClient,
  EloverblikError,
  isEloverblikError,
} from "@eloverblik-kit/client";
import { z } from "zod";
import type { SeenTokenError, ServerContext } from "../context.js";
import { defineTool, READ_ONLY, type ToolCall } from "../define-tool.js";
import { errorText } from "../errors.js";
import { localDate, localTime } from "../format.js";

const inputSchema = {};

const outputSchema = {
  api: z.enum(["customer", "thirdparty"]).describe("The API this server is set up for"),
  baseUrl: z.string(),
  alive: z.boolean().nullable().describe("Eloverblik's own health flag; null when it could not be asked"),
  reachable: z.boolean().describe("false: no answer at all (network, DNS, timeout)"),
  aliveError: z.string().optional(),
  token: z.object({
    configured: z.boolean(),
    name: z.string().optional().describe("The name given to the token on eloverblik.dk"),
    expiresAt: z.string().optional(),
    daysLeft: z.number().optional().describe("0 once expired"),
    expired: z.boolean(),
  }),
  tokenExchange: z
    .enum(["ok", "failed", "not tried"])
    .describe(
      "Whether Eloverblik exchanged the refresh token for a data-access token just now (or recently)",
    ),
  ready: z.boolean().describe("Whether the other tools can call Eloverblik"),
  problem: z.string().optional().describe("Why they cannot, and what to do"),
  lastTokenError: z
    .object({ code: z.string(), message: z.string(), at: z.string().describe("UTC instant") })
    .optional()
    .describe("The last token problem any tool of this server met"),
};

/** api_status must answer quickly even when the token exchange has to wait for its turn. */
const EXCHANGE_TIMEOUT_MS = 15_000;

/**
 * Eloverblik's answer to an exchange of this very refresh token that will not change while the
 * server runs (the token is fixed at start). Asking again would only spend one of the two token
 * calls a minute.
 */
function refusedForGood(seen: SeenTokenError | undefined): boolean {
  return (
    seen !== undefined &&
    seen.error.operation === "getToken" &&
    ["TOKEN_REFUSED", "UNAUTHORIZED", "WRONG_TOKEN_TYPE", "TOKEN_EXPIRED"].includes(seen.error.code)
  );
}

/**
 * Decoding the claims says nothing about a revoked or tampered token; only the exchange does. The
 * client caches the data-access token and shares it with every tool, so this costs at most one
 * token call, and none while a token is cached.
 */
async function tryExchange(
  ctx: ServerContext,
  call: ToolCall,
): Promise<{ ok: true } | { ok: false; error: unknown }> {
  const seen = ctx.lastTokenError();
  if (refusedForGood(seen)) return { ok: false, error: seen?.error };
  const timeout = AbortSignal.timeout(EXCHANGE_TIMEOUT_MS);
  const signal = AbortSignal.any([call.options.signal, timeout]);
  try {
    ctx.rememberSecret(await ctx.client().accessToken(signal));
    return { ok: true };
  } catch (error) {
    if (timeout.aborted && !call.options.signal.aborted && !isEloverblikError(error)) {
      // The client paces token calls (two a minute) and would rather wait than be refused.
      return {
        ok: false,
        error: new EloverblikError({
          code: "RATE_LIMITED",
          message: `The token exchange did not finish within ${EXCHANGE_TIMEOUT_MS / 1000} s; the client may be waiting for its next token call (Energinet allows two a minute).`,
          hint: "Call api_status again in a minute.",
        }),
      };
    }
    ctx.noteError(error);
    return { ok: false, error };
  }
}

/** No answer from Eloverblik at all, as opposed to an answer that says something is wrong. */
function isUnreachable(error: unknown): boolean {
  return isEloverblikError(error) && (error.code === "NETWORK" || error.code === "TIMEOUT");
}

/** The raw client's fetch failure (refused, DNS, reset, timed out) as the client itself words it. */
function connectionError(error: unknown, signal: AbortSignal): unknown {
  if (isEloverblikError(error) || signal.aborted) return error;
  const cause = error instanceof Error ? (error.cause ?? error) : error;
  const detail = cause instanceof Error ? cause.message : String(cause);
  const timedOut = error instanceof Error && error.name === "TimeoutError";
  return new EloverblikError({
    code: timedOut ? "TIMEOUT" : "NETWORK",
    message: timedOut ? "isalive did not answer within 15 s." : `isalive could not be reached: ${detail}.`,
    operation: "isAlive",
    cause: error,
  });
}

/** isalive needs no token, so this works even when the token is missing or expired. */
async function askAlive(ctx: ServerContext, call: ToolCall): Promise<boolean> {
  let client: ReturnType<ServerContext["client"]> | undefined;
  try {
    client = ctx.client();
  } catch {
    client = undefined;
  }
  if (client) return client.isAlive(call.options);
  // No usable token: the contract's typed raw client (no auth needed for isalive).
  const options = {
    baseUrl: ctx.baseUrl,
    signal: AbortSignal.any([call.options.signal, AbortSignal.timeout(15_000)]),
  };
  let answer: { data?: unknown; response: Response };
  try {
    answer =
      ctx.api === "customer"
        ? await createCustomerApiClient(options).GET("/customerapi/api/isalive")
        : await createThirdPartyApiClient(options).GET("/thirdpartyapi/api/isalive");
  } catch (error) {
    throw connectionError(error, call.options.signal);
  }
  // Under load the endpoint itself answers 503, which simply means "not alive" (as in the client).
  if (answer.response.status === 503) return false;
  if (!answer.response.ok) throw new Error(`isalive answered HTTP ${answer.response.status}`);
  return answer.data === true || answer.data === "true";
}

/** "Eloverblik unreachable" with the reason in one line, for the text and `aliveError`. */
function unreachableText(error: unknown, ctx: ServerContext): string {
  const reason = errorText(error, ctx.secrets).split("\n")[1] ?? "";
  return `Eloverblik unreachable at ${ctx.baseUrl}: ${reason} Check the network connection (and ELOVERBLIK_BASE_URL); the tools cannot work until it answers.`;
}

export const apiStatusTool = defineTool({
  name: "api_status",
  apis: ["customer", "thirdparty"],
  title: "Eloverblik status",
  description:
    "Is Eloverblik up, and does this server's refresh token work (it tries the token exchange)? Also the API and address, the token's name and expiry (never the token), and the last token problem a tool met. Call it first when a tool reports a token error.",
  inputSchema,
  outputSchema,
  annotations: READ_ONLY,
  async run(_args, ctx, call) {
    const status = ctx.tokenStatus();
    let alive: boolean | null = null;
    let aliveError: string | undefined;
    let reachable = true;
    try {
      alive = await askAlive(ctx, call);
    } catch (error) {
      if (call.options.signal.aborted) throw error;
      reachable = !isUnreachable(error);
      aliveError = reachable
        ? errorText(error, ctx.secrets).split("\n").slice(0, 2).join(" ")
        : unreachableText(error, ctx);
    }
    let problemError: unknown = status.problem;
    let tokenExchange: "ok" | "failed" | "not tried" = "not tried";
    // Unreachable: the token exchange would fail the same way and spend one of two token calls a minute.
    if (problemError === undefined && status.configured && reachable) {
      const exchanged = await tryExchange(ctx, call);
      tokenExchange = exchanged.ok ? "ok" : "failed";
      if (!exchanged.ok) problemError = exchanged.error;
    }
    const problem =
      problemError !== undefined ? errorText(problemError, ctx.secrets) : reachable ? undefined : aliveError;
    const seen = ctx.lastTokenError();
    const lastTokenError = seen
      ? {
          code: seen.error.code,
          message: errorText(seen.error, ctx.secrets),
          at: new Date(seen.atMs).toISOString(),
        }
      : undefined;
    const token = {
      configured: status.configured,
      ...(status.name ? { name: status.name } : {}),
      ...(status.expiresAt ? { expiresAt: status.expiresAt } : {}),
      ...(status.daysLeft === undefined ? {} : { daysLeft: status.daysLeft }),
      expired: status.expired,
    };
    const apiName = ctx.api === "customer" ? "Customer" : "Third Party";
    const lines = [
      !reachable
        ? `${apiName} API: ${aliveError}`
        : `${apiName} API at ${ctx.baseUrl}: ${alive === null ? `health unknown (${aliveError})` : alive ? "alive" : "reports itself NOT alive (DataHub may be down or overloaded)"}.`,
    ];
    if (status.configured) {
      const expiry = !token.expiresAt
        ? ""
        : token.expired
          ? `, EXPIRED on ${localDate(token.expiresAt)}`
          : `, expires ${localDate(token.expiresAt)} (${token.daysLeft} days left)`;
      const exchange =
        tokenExchange === "ok"
          ? "; Eloverblik accepts it"
          : tokenExchange === "failed"
            ? "; Eloverblik did not exchange it"
            : reachable
              ? ""
              : "; not checked while Eloverblik is unreachable";
      lines.push(`Refresh token${token.name ? ` "${token.name}"` : ""}${expiry}${exchange}.`);
    } else if (!problem) lines.push("No refresh token is configured.");
    if (problem && problem !== aliveError) lines.push(problem);
    else if (!problem) lines.push("The tools are ready to use.");
    // Shown when it adds something: a problem other than the one just reported.
    const same =
      isEloverblikError(problemError) &&
      seen?.error.code === problemError.code &&
      seen.error.message === problemError.message;
    if (seen && lastTokenError && !same) {
      lines.push(
        `Last token problem a tool met, at ${localTime(seen.atMs)} (Danish time): ${lastTokenError.message.split("\n").slice(0, 2).join(" ")}`,
      );
    }
    return {
      structured: {
        api: ctx.api,
        baseUrl: ctx.baseUrl,
        alive,
        reachable,
        ...(aliveError ? { aliveError } : {}),
        token,
        tokenExchange,
        ready: problem === undefined,
        ...(problem ? { problem } : {}),
        ...(lastTokenError ? { lastTokenError } : {}),
      },
      text: lines.join("\n"),
    };
  },
});
