import { errorCodeForApiCode, errorGuidance, lookupApiErrorCode } from "./catalogue.js";
import { defaultSuggestionsFor, EloverblikError, type EloverblikErrorCode } from "./eloverblik-error.js";
import { parseErrorBody } from "./parse-error-body.js";
import type { Suggestion } from "./suggestions.js";

export interface ErrorContext {
  operation: string;
  meteringPointId?: string | undefined;
  period?: { from: string; to: string } | undefined;
  /** Overrides the code for a given HTTP status, e.g. 404 → NOT_AVAILABLE for charge links. */
  statusCodes?: Partial<Record<number, EloverblikErrorCode>>;
  /** Extra sentence placed first in the message for overridden statuses. */
  statusMessages?: Partial<Record<number, string>>;
}

/** The server's own words, quoted as a sentence of the message. */
function serverSaid(text: string): string {
  return `Server said: ${/[.!?]$/.test(text) ? text : `${text}.`}`;
}

/**
 * The catalogue's suggestions for an API code (an empty list is an answer too), else those of our
 * own code; a known wait becomes part of the retry suggestion.
 */
function suggestionsFor(
  code: EloverblikErrorCode,
  entry: { suggestions: readonly Suggestion[] } | undefined,
  retryAfterMs: number | undefined,
): readonly Suggestion[] | undefined {
  const base = entry?.suggestions;
  if (retryAfterMs === undefined) return base;
  const rest = (base ?? defaultSuggestionsFor(code)).filter((s) => s.kind !== "retry-later");
  return [{ kind: "retry-later", afterMs: retryAfterMs }, ...rest];
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Otherwise only an HTTP date (which always names a weekday or month in letters) is accepted.
  if (!/[A-Za-z]/.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isFinite(date) ? Math.max(0, date - nowMs) : undefined;
}

function codeForStatus(status: number): EloverblikErrorCode {
  if (status === 400) return "BAD_REQUEST";
  if (status === 401) return "UNAUTHORIZED";
  if (status === 403) return "FORBIDDEN";
  if (status === 404) return "NOT_FOUND";
  if (status === 408) return "TIMEOUT";
  if (status === 429) return "RATE_LIMITED";
  if (status === 503) return "DATAHUB_UNAVAILABLE";
  return "API_ERROR";
}

/** The single place where an HTTP error answer becomes an EloverblikError. */
export function errorFromResponse(
  response: Pick<Response, "status" | "headers">,
  body: unknown,
  context: ErrorContext,
  nowMs: number,
): EloverblikError {
  const parsed = parseErrorBody(body);
  const entry = parsed.apiCode === undefined ? undefined : lookupApiErrorCode(parsed.apiCode);
  const override = context.statusCodes?.[response.status];
  let code: EloverblikErrorCode =
    override ??
    (response.status === 400 && parsed.apiCode !== undefined
      ? errorCodeForApiCode(parsed.apiCode)
      : codeForStatus(response.status));
  if (!override && response.status === 403 && context.operation === "getToken") code = "WRONG_TOKEN_TYPE";
  const guidance = errorGuidance[code];
  const retryable = response.status === 429 || response.status === 503;
  const retryAfterMs = retryable
    ? (parseRetryAfter(response.headers.get("retry-after"), nowMs) ?? 60_000)
    : undefined;

  const parts: string[] = [];
  const lead = context.statusMessages?.[response.status];
  if (lead) parts.push(lead);
  else if (entry) parts.push(`${entry.message}`);
  else parts.push(`${guidance?.title ?? "Eloverblik error"} (HTTP ${response.status}).`);
  const serverText = parsed.apiText ?? parsed.detail ?? parsed.title;
  if (serverText && !lead) parts.push(serverSaid(serverText));
  if (context.meteringPointId) parts.push(`Metering point ${context.meteringPointId}.`);
  if (context.period) parts.push(`Period ${context.period.from} to ${context.period.to} (to exclusive).`);
  if (retryAfterMs !== undefined) parts.push(`Retry after ${Math.ceil(retryAfterMs / 1000)} s.`);

  return new EloverblikError({
    code,
    message: parts.join(" "),
    status: response.status,
    apiCode: parsed.apiCode,
    apiCodeName: entry?.name,
    meteringPointId: context.meteringPointId,
    period: context.period,
    correlationId: response.headers.get("x-correlation-id") ?? undefined,
    userCorrelationId: response.headers.get("x-user-correlation-id") ?? undefined,
    traceId: parsed.traceId,
    retryable,
    retryAfterMs,
    hint: entry?.hint ?? guidance?.hint,
    suggestions: suggestionsFor(code, entry, retryAfterMs),
    operation: context.operation,
  });
}

/** A per-item failure inside the `result[]` envelope (`success: false`). */
export function errorFromItem(
  item: { errorCode?: unknown; errorText?: unknown; id?: unknown },
  context: ErrorContext,
  correlationId?: string,
): EloverblikError {
  const apiCode = Number(item.errorCode);
  const known = Number.isFinite(apiCode) ? lookupApiErrorCode(apiCode) : undefined;
  const code = Number.isFinite(apiCode) ? errorCodeForApiCode(apiCode) : "API_ERROR";
  const id = context.meteringPointId ?? (typeof item.id === "string" ? item.id : undefined);
  const text = typeof item.errorText === "string" && item.errorText ? item.errorText : undefined;
  const parts = [known?.message ?? `Eloverblik reported error ${String(item.errorCode)}.`];
  if (text && text !== known?.name) parts.push(serverSaid(text));
  if (id) parts.push(`Metering point ${id}.`);
  if (context.period) parts.push(`Period ${context.period.from} to ${context.period.to} (to exclusive).`);
  return new EloverblikError({
    code,
    message: parts.join(" "),
    status: 200,
    apiCode: Number.isFinite(apiCode) ? apiCode : undefined,
    apiCodeName: known?.name ?? text,
    meteringPointId: id,
    period: context.period,
    correlationId,
    hint: known?.hint ?? errorGuidance[code]?.hint,
    suggestions: suggestionsFor(code, known, undefined),
    operation: context.operation,
  });
}
