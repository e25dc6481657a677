import { type EloverblikError, errorGuidance, isEloverblikError } from "@eloverblik-kit/client";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { scrubText } from "./secrets.js";

/** One metering point that failed inside an otherwise successful call. */
export interface Failure {
  meteringPointId: string;
  code: string;
  message: string;
  period?: { from: string; to: string };
  retryAfterSeconds?: number;
}

export const failureSchema = z.object({
  meteringPointId: z.string(),
  code: z.string().describe("Error code, e.g. NOT_FOUND, RATE_LIMITED, INVALID_INPUT"),
  message: z.string().describe("What happened and what to do"),
  period: z.object({ from: z.string(), to: z.string() }).optional(),
  retryAfterSeconds: z.number().optional(),
});

export const failuresField = z
  .array(failureSchema)
  .describe("Metering points that failed; the others are in the results");

const TOKEN_ADVICE =
  "Then put the new token in ELOVERBLIK_REFRESH_TOKEN in this MCP server's configuration and restart the server.";

/** Codes this server raises itself, which the client's catalogue does not know. */
const LOCAL_GUIDANCE: Record<string, { title: string; hint: string }> = {
  TOKEN_MISSING: {
    title: "No refresh token is configured",
    hint: "Create one on eloverblik.dk (log in with MitID → Datadeling → Opret token). To try the tools without a token, start the server with --simulator.",
  },
  TOKEN_INVALID: {
    title: "The configured refresh token is not usable",
    hint: "Copy the whole refresh token from eloverblik.dk (Datadeling → Opret token); it is a long text in three parts separated by dots.",
  },
  INTERNAL: {
    title: "The MCP server failed unexpectedly",
    hint: "Retry once; if it happens again, report it with the message above.",
  },
};

function guidanceFor(code: string): { title: string; hint: string } | undefined {
  return LOCAL_GUIDANCE[code] ?? errorGuidance[code];
}

/**
 * The client's catalogue speaks to programmers: it names client methods and the API's wire
 * fields. An assistant can only call tools, so those names become tool and argument names.
 * Longest first, so that the pair is replaced before its parts.
 */
const TOOL_WORDS: ReadonlyArray<[RegExp, string]> = [
  [
    /\baddRelationsByIdentity or addRelationByWebAccessCode\b/g,
    "add_relations_by_cpr or add_relation_by_web_access_code",
  ],
  [/\baddRelationsByIdentity\b/g, "add_relations_by_cpr"],
  [/\baddRelationByWebAccessCode\b/g, "add_relation_by_web_access_code"],
  [/\bdeleteRelation\b/g, "delete_relation"],
  [/\bgetCharges\b/g, "get_charges"],
  [/\bgetTimeSeries\b/g, "get_time_series"],
  [/\bgetMeteringPointDetails\b/g, "get_metering_point_details"],
  [/\bgetDetails\b/g, "get_metering_point_details"],
  [/\blistMeteringPoints\b/g, "list_metering_points"],
  [/\blistAuthorizations\b/g, "list_authorizations"],
  [/\bmeteringPoints\.meteringPoint\[\]/g, "metering_point_ids"],
  [/`?\bdateFrom\b`?/g, "`from`"],
  [/`?\bdateTo\b`?/g, "`to`"],
];

/** Client method and wire field names replaced by the tool and argument names an assistant uses. */
export function inToolTerms(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TOOL_WORDS) out = out.replace(pattern, replacement);
  return out;
}

/** Error codes that mean the refresh token itself is the problem. */
export const TOKEN_ERROR_CODES: ReadonlySet<string> = new Set([
  "TOKEN_MISSING",
  "TOKEN_INVALID",
  "TOKEN_EXPIRED",
  "UNAUTHORIZED",
  "WRONG_TOKEN_TYPE",
]);

/** A token problem, or any failure of the token exchange itself (which stops every tool). */
export function isTokenError(error: unknown): error is EloverblikError {
  return isEloverblikError(error) && (TOKEN_ERROR_CODES.has(error.code) || error.operation === "getToken");
}

/** What to do about an error, most useful first, without repeating what the message already says. */
function adviceFor(error: EloverblikError): string[] {
  const advice: string[] = [];
  const hint = error.hint ?? guidanceFor(error.code)?.hint;
  if (hint) advice.push(inToolTerms(hint));
  if (error.retryAfterMs !== undefined && !/retry after/i.test(`${error.message} ${hint ?? ""}`)) {
    advice.push(`Retry after ${Math.ceil(error.retryAfterMs / 1000)} s.`);
  }
  if (
    error.code === "TIMEOUT" ||
    error.apiCode === 30012 ||
    error.apiCode === 10002 ||
    error.apiCode === 10004
  ) {
    advice.push("Reduce the date range or the number of metering points per call.");
  }
  if (
    ["TOKEN_MISSING", "TOKEN_INVALID", "TOKEN_EXPIRED", "UNAUTHORIZED", "WRONG_TOKEN_TYPE"].includes(
      error.code,
    )
  ) {
    advice.push(TOKEN_ADVICE);
  }
  return advice;
}

/** The text shown to the assistant for any error: what happened, then what to do. */
export function errorText(error: unknown, secrets: readonly string[] = []): string {
  if (!isEloverblikError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    const { title, hint } = LOCAL_GUIDANCE.INTERNAL!;
    return scrubText(`${title}: ${message}\nWhat to do: ${hint}`, secrets);
  }
  const title = guidanceFor(error.code)?.title ?? "Eloverblik error";
  const lines = [
    `${title} (${error.code}${error.apiCode === undefined ? "" : `, API code ${error.apiCode}`}).`,
  ];
  lines.push(inToolTerms(error.message));
  const context: string[] = [];
  if (error.meteringPointId && !error.message.includes(error.meteringPointId)) {
    context.push(`Metering point ${error.meteringPointId}.`);
  }
  if (error.period && !error.message.includes(error.period.from)) {
    context.push(`Period ${error.period.from} to ${error.period.to} (to exclusive).`);
  }
  if (context.length > 0) lines.push(context.join(" "));
  const advice = adviceFor(error);
  if (advice.length > 0) lines.push(`What to do: ${advice.join(" ")}`);
  if (error.correlationId) lines.push(`Correlation id for Energinet support: ${error.correlationId}.`);
  return scrubText(lines.join("\n"), secrets);
}

/** The single place where any error becomes an MCP tool result. */
export function errorResult(error: unknown, secrets: readonly string[] = []): CallToolResult {
  return { isError: true, content: [{ type: "text", text: errorText(error, secrets) }] };
}

/** A per-item failure for `structuredContent.failures`. */
export function failureOf(meteringPointId: string, error: unknown, secrets: readonly string[] = []): Failure {
  if (!isEloverblikError(error)) {
    return { meteringPointId, code: "INTERNAL", message: errorText(error, secrets) };
  }
  const advice = adviceFor(error);
  const message = scrubText(inToolTerms([error.message, ...advice].join(" ")), secrets);
  return {
    meteringPointId: error.meteringPointId ?? meteringPointId,
    code: error.code,
    message,
    ...(error.period ? { period: { from: error.period.from, to: error.period.to } } : {}),
    ...(error.retryAfterMs === undefined ? {} : { retryAfterSeconds: Math.ceil(error.retryAfterMs / 1000) }),
  };
}

/** Text lines listing failures, for the short rendering next to the structured content. */
export function failureLines(failures: readonly Failure[]): string[] {
  if (failures.length === 0) return [];
  return [
    `${failures.length} metering point(s) failed:`,
    ...failures.map(
      (f) =>
        `- ${f.meteringPointId} (${f.code}${f.period ? `, ${f.period.from} to ${f.period.to}` : ""}): ${f.message}`,
    ),
  ];
}
