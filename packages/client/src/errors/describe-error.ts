import { errorGuidance } from "./catalogue.js";
import { isEloverblikError, isTokenError } from "./eloverblik-error.js";
import { redactSecrets } from "./redact.js";
import type { Suggestion } from "./suggestions.js";

/**
 * How a surface names things: an MCP server says `get_charges` and `metering_point_ids`, an n8n
 * node "Charges → Get", the client itself `getCharges` and `meteringPointIds`.
 */
export interface ErrorVocabulary {
  /** The name of one of the client's operations (`getCharges`, `addRelations`, …) on this surface. */
  operation?: (name: string) => string;
  /** The name of an input (`from`, `to`, `meteringPointIds`, `aggregation`, `webAccessCode`, …). */
  field?: (name: string) => string;
}

/** An error as a surface shows it: what happened, then what to do. Never carries a token. */
export interface ErrorDescription {
  code: string;
  /** A short heading, e.g. "Eloverblik refused the refresh token". */
  title: string;
  /** What happened, with the metering point and period when the message does not name them. */
  message: string;
  /** What to do, most useful first, worded in the surface's terms. */
  advice: string[];
  /** The refresh token is the problem (or the token exchange failed): nothing works until it is solved. */
  tokenProblem: boolean;
  retryable: boolean;
  retryAfterSeconds?: number;
  apiCode?: number;
  meteringPointId?: string;
  period?: { from: string; to: string };
  correlationId?: string;
  suggestions: readonly Suggestion[];
}

const plain = (name: string) => name;

function list(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

/**
 * The advice sentences for a list of suggestions, in a surface's terms. Suggestions of one kind
 * are joined into one sentence ("Use addRelations or addRelationByWebAccessCode.").
 */
export function wordSuggestions(
  suggestions: readonly Suggestion[],
  vocabulary: ErrorVocabulary = {},
  context: { correlationId?: string | undefined } = {},
): string[] {
  const op = vocabulary.operation ?? plain;
  const field = vocabulary.field ?? plain;
  const out: string[] = [];
  const operations = suggestions.flatMap((s) => (s.kind === "use-operation" ? [op(s.operation)] : []));
  const fields = suggestions.flatMap((s) => (s.kind === "check-input" && s.field ? [field(s.field)] : []));
  for (const s of suggestions) {
    switch (s.kind) {
      case "use-period":
        out.push(`Ask for ${field("from")} ${s.from} and ${field("to")} ${s.to} instead.`);
        break;
      case "use-operation":
        if (op(s.operation) === operations[0]) out.push(`Use ${list(operations)}.`);
        break;
      case "retry-later":
        out.push(
          s.afterMs === undefined
            ? "Retry in a minute or two."
            : `Retry after ${Math.ceil(s.afterMs / 1000)} s.`,
        );
        break;
      case "narrow-request":
        out.push("Ask for fewer metering points or a shorter period per call.");
        break;
      case "renew-refresh-token":
        out.push(
          "Create a new refresh token on eloverblik.dk (Datadeling → Opret token) and use it instead.",
        );
        break;
      case "check-input":
        if (s.field === undefined) {
          if (fields.length === 0) out.push("Correct the input.");
        } else if (field(s.field) === fields[0]) {
          out.push(`Check ${list(fields)}.`);
        }
        break;
      case "check-access":
        out.push(
          "Check the relation (Customer API) or the authorisation (Third Party API) for the metering point.",
        );
        break;
      case "check-connection":
        out.push("Check the connection to Eloverblik.");
        break;
      case "contact-support":
        out.push(
          context.correlationId
            ? `If it persists, contact Energinet support with correlation id ${context.correlationId}.`
            : "If it persists, contact Energinet support.",
        );
        break;
      case "do-not-retry":
        out.push("Do not retry it unchanged.");
        break;
    }
  }
  return [...new Set(out)];
}

/**
 * Any error as a surface shows it, in the surface's terms. The one place where a code becomes a
 * title and suggestions become advice, so that the CLI, n8n, Node-RED and the MCP server say the
 * same things in their own words.
 */
export function describeError(error: unknown, vocabulary: ErrorVocabulary = {}): ErrorDescription {
  if (!isEloverblikError(error)) {
    const message = redactSecrets(error instanceof Error ? error.message : String(error));
    return {
      code: "INTERNAL",
      title: "Something failed unexpectedly",
      message,
      advice: ["Retry once; if it happens again, report it with this message."],
      tokenProblem: false,
      retryable: false,
      suggestions: [],
    };
  }
  const title = errorGuidance[error.code]?.title ?? "Eloverblik error";
  const context: string[] = [error.message];
  if (error.meteringPointId && !error.message.includes(error.meteringPointId)) {
    context.push(`Metering point ${error.meteringPointId}.`);
  }
  if (error.period && !error.message.includes(error.period.from)) {
    context.push(`Period ${error.period.from} to ${error.period.to} (to exclusive).`);
  }
  // The hint is the catalogue's own sentence; next to it only the suggestions that add names or
  // numbers in the surface's terms (an operation, a period, a wait, a correlation id) are worded.
  const hint = error.hint ?? errorGuidance[error.code]?.hint;
  // A wait the error knows of is worded even when its suggestions were written without it.
  const suggestions: Suggestion[] = error.suggestions.map((s) =>
    s.kind === "retry-later" && s.afterMs === undefined && error.retryAfterMs !== undefined
      ? { kind: "retry-later", afterMs: error.retryAfterMs }
      : s,
  );
  if (error.retryAfterMs !== undefined && !suggestions.some((s) => s.kind === "retry-later")) {
    suggestions.unshift({ kind: "retry-later", afterMs: error.retryAfterMs });
  }
  const adds = (s: Suggestion) =>
    s.kind === "use-operation" ||
    s.kind === "use-period" ||
    (s.kind === "check-input" && s.field !== undefined) ||
    (s.kind === "retry-later" && s.afterMs !== undefined) ||
    (s.kind === "contact-support" && error.correlationId !== undefined) ||
    (s.kind === "renew-refresh-token" && !/Opret token/.test(hint ?? ""));
  // A period the message already names (the client's own refusals do) is not said twice.
  const said = (s: Suggestion) => s.kind === "use-period" && error.message.includes(`${s.from} to ${s.to}`);
  const kept = suggestions.filter((s) => !said(s));
  const worded = wordSuggestions(hint ? kept.filter(adds) : kept, vocabulary, {
    correlationId: error.correlationId,
  });
  const advice = hint ? [hint, ...worded] : worded;
  return {
    code: error.code,
    title,
    message: context.join(" "),
    advice,
    tokenProblem: isTokenError(error),
    retryable: error.retryable,
    ...(error.retryAfterMs === undefined ? {} : { retryAfterSeconds: Math.ceil(error.retryAfterMs / 1000) }),
    ...(error.apiCode === undefined ? {} : { apiCode: error.apiCode }),
    ...(error.meteringPointId === undefined ? {} : { meteringPointId: error.meteringPointId }),
    ...(error.period === undefined ? {} : { period: error.period }),
    ...(error.correlationId === undefined ? {} : { correlationId: error.correlationId }),
    suggestions,
  };
}
