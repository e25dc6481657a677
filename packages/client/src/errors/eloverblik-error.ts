import { redactSecrets, scrubCause } from "./redact.js";
import type { Suggestion } from "./suggestions.js";

/** What helps with each of our own codes when nothing more specific is known. */
export function defaultSuggestionsFor(code: string): readonly Suggestion[] {
  switch (code) {
    case "TOKEN_MISSING":
    case "TOKEN_INVALID":
    case "TOKEN_EXPIRED":
    case "TOKEN_REFUSED":
    case "WRONG_TOKEN_TYPE":
    case "UNAUTHORIZED":
      return [{ kind: "renew-refresh-token" }];
    case "FORBIDDEN":
      return [{ kind: "check-access" }];
    case "RATE_LIMITED":
    case "DATAHUB_UNAVAILABLE":
      return [{ kind: "retry-later" }];
    case "NETWORK":
      return [{ kind: "check-connection" }, { kind: "retry-later" }];
    case "TIMEOUT":
      return [{ kind: "narrow-request" }, { kind: "retry-later" }];
    case "NOT_AVAILABLE":
      return [{ kind: "use-operation", operation: "getCharges" }];
    case "ENDPOINT_WITHDRAWN":
      return [{ kind: "use-operation", operation: "getTimeSeries" }];
    case "UNEXPECTED_RESPONSE":
      return [{ kind: "retry-later" }, { kind: "contact-support" }];
    case "INVALID_INPUT":
      return [{ kind: "check-input" }, { kind: "do-not-retry" }];
    default:
      return [];
  }
}

/**
 * Stable error codes. The union is open (`string & {}`) so that a newer client can add codes
 * without breaking exhaustive handling in hosts compiled against an older one.
 */
export type EloverblikErrorCode =
  | "INVALID_INPUT"
  | "TOKEN_MISSING"
  | "TOKEN_INVALID"
  | "TOKEN_EXPIRED"
  | "TOKEN_REFUSED"
  | "WRONG_TOKEN_TYPE"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "RATE_LIMITED"
  | "DATAHUB_UNAVAILABLE"
  | "BAD_REQUEST"
  | "NOT_FOUND"
  | "NOT_AVAILABLE"
  | "ENDPOINT_WITHDRAWN"
  | "API_ERROR"
  | "NETWORK"
  | "TIMEOUT"
  | "ABORTED"
  | "UNEXPECTED_RESPONSE"
  | (string & {});

export interface EloverblikErrorOptions {
  code: EloverblikErrorCode;
  message: string;
  /** HTTP status; 0 when no response arrived. */
  status?: number;
  /** The API's numeric business code (e.g. 30002), when the server sent one. */
  apiCode?: number;
  /** The API's name for that code (e.g. "ToDateCanNotBeEqualToFromDate"). */
  apiCodeName?: string;
  meteringPointId?: string;
  /** Period of a failed time-series chunk, as Danish local dates, `to` exclusive. */
  period?: { from: string; to: string };
  correlationId?: string;
  userCorrelationId?: string;
  traceId?: string;
  retryable?: boolean;
  retryAfterMs?: number;
  /** What the user can do about it, in one sentence (names no client method: surfaces differ). */
  hint?: string;
  /** What the user can do, as data each surface words in its own terms; defaults from the code. */
  suggestions?: readonly Suggestion[];
  /** Operation or endpoint that failed, e.g. "getTimeSeries". */
  operation?: string;
  cause?: unknown;
}

const BRAND = Symbol.for("eloverblik-kit.error");

/**
 * The one error type every surface of eloverblik-kit throws or reports.
 * Messages, fields, stack and the whole `cause` chain are scrubbed at construction: of anything
 * that looks like a token, and of every token a client of this process has held.
 */
export class EloverblikError extends Error {
  readonly [BRAND] = true;
  override readonly name = "EloverblikError";
  readonly code: EloverblikErrorCode;
  readonly status: number;
  readonly apiCode: number | undefined;
  readonly apiCodeName: string | undefined;
  readonly meteringPointId: string | undefined;
  readonly period: { from: string; to: string } | undefined;
  readonly correlationId: string | undefined;
  readonly userCorrelationId: string | undefined;
  readonly traceId: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly hint: string | undefined;
  readonly suggestions: readonly Suggestion[];
  readonly operation: string | undefined;

  constructor(options: EloverblikErrorOptions) {
    const cause = scrubCause(options.cause);
    super(redactSecrets(options.message), cause === undefined ? undefined : { cause });
    const text = (value: string | undefined) => (value === undefined ? undefined : redactSecrets(value));
    this.code = options.code;
    this.status = options.status ?? 0;
    this.apiCode = options.apiCode;
    this.apiCodeName = text(options.apiCodeName);
    this.meteringPointId = text(options.meteringPointId);
    this.period = options.period && {
      from: redactSecrets(options.period.from),
      to: redactSecrets(options.period.to),
    };
    this.correlationId = text(options.correlationId);
    this.userCorrelationId = text(options.userCorrelationId);
    this.traceId = text(options.traceId);
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.hint = text(options.hint);
    this.suggestions = Object.freeze([...(options.suggestions ?? defaultSuggestionsFor(options.code))]);
    this.operation = text(options.operation);
  }

  /** Plain data for logs, n8n/Node-RED outputs and MCP results. Never contains a token. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    const optional: Array<[string, unknown]> = [
      ["status", this.status],
      ["apiCode", this.apiCode],
      ["apiCodeName", this.apiCodeName],
      ["meteringPointId", this.meteringPointId],
      ["period", this.period],
      ["operation", this.operation],
      ["retryable", this.retryable],
      ["retryAfterMs", this.retryAfterMs],
      ["hint", this.hint],
      ["suggestions", this.suggestions.length > 0 ? this.suggestions : undefined],
      ["correlationId", this.correlationId],
      ["userCorrelationId", this.userCorrelationId],
      ["traceId", this.traceId],
    ];
    for (const [key, value] of optional) if (value !== undefined) out[key] = value;
    return out;
  }
}

/** Codes that mean the refresh token itself is the problem (missing, unreadable, expired, refused…). */
export const TOKEN_ERROR_CODES: ReadonlySet<string> = new Set([
  "TOKEN_MISSING",
  "TOKEN_INVALID",
  "TOKEN_EXPIRED",
  "TOKEN_REFUSED",
  "WRONG_TOKEN_TYPE",
]);

/**
 * A problem with the refresh token, or any failure of the token exchange itself: either way no
 * data call can work until it is solved, so surfaces show it as a setup problem.
 */
export function isTokenError(value: unknown): value is EloverblikError {
  return isEloverblikError(value) && (TOKEN_ERROR_CODES.has(value.code) || value.operation === "getToken");
}

/** Brand check that works across bundled copies of the client (no `instanceof`). */
export function isEloverblikError(value: unknown): value is EloverblikError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** Shorthand for the validation errors thrown before any request is sent. */
export function invalidInput(
  message: string,
  extra: Omit<EloverblikErrorOptions, "code" | "message"> = {},
): EloverblikError {
  return new EloverblikError({ code: "INVALID_INPUT", message, ...extra });
}

/** Long values are usually something pasted by mistake (even a token): never echo them whole. */
export function shorten(value: string): string {
  return value.length > 24 ? `${value.slice(0, 8)}…(${value.length} characters)` : value;
}

/** A short, safe description of a bad option value for an error message (never the whole value). */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "string") return redactSecrets(JSON.stringify(shorten(value)));
  if (typeof value === "object") return "an object";
  if (typeof value === "function") return "a function";
  return String(value);
}
