import {
  describeError,
  type EloverblikError,
  type ErrorVocabulary,
  errorGuidance,
  isEloverblikError,
} from "@eloverblik-kit/client";
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

/** The client's operations and inputs under the names an assistant uses: tools and arguments. */
const TOOL_NAMES: Record<string, string> = {
  addRelations: "add_relations_by_cpr",
  addRelationByWebAccessCode: "add_relation_by_web_access_code",
  deleteRelation: "delete_relation",
  getCharges: "get_charges",
  getTimeSeries: "get_time_series",
  getDetails: "get_metering_point_details",
  listMeteringPoints: "list_metering_points",
  listAuthorizations: "list_authorizations",
  listAuthorizedMeteringPoints: "list_authorized_metering_points",
};
const ARGUMENT_NAMES: Record<string, string> = {
  meteringPointIds: "metering_point_ids",
  meteringPointId: "metering_point_id",
  webAccessCode: "web_access_code",
};

export const toolVocabulary: ErrorVocabulary = {
  operation: (name) => TOOL_NAMES[name] ?? name,
  field: (name) => `\`${ARGUMENT_NAMES[name] ?? name}\``,
};

/** What to do about an error, most useful first, in tool terms. */
function adviceFor(error: EloverblikError): string[] {
  const description = describeError(error, toolVocabulary);
  const local = LOCAL_GUIDANCE[error.code];
  const advice = local ? [local.hint] : [...description.advice];
  if (description.tokenProblem) advice.push(TOKEN_ADVICE);
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
  // The message may open with the title's own words ("No refresh token is configured: …"): say them once.
  const message = describeError(error, toolVocabulary).message;
  const repeated = message.toLowerCase().startsWith(title.toLowerCase());
  const rest = repeated ? message.slice(title.length).replace(/^[\s:.,;—-]+/, "") : message;
  if (rest) lines.push(rest.charAt(0).toUpperCase() + rest.slice(1));
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
  const message = scrubText([error.message, ...advice].join(" "), secrets);
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
