import type { ApiKind } from "../auth/describe-token.js";
import { describeValue, EloverblikError, invalidInput } from "../errors/eloverblik-error.js";
import { type ErrorContext, errorFromResponse } from "../errors/from-response.js";
import type { Ports } from "../ports/ports.js";
import type { CustomerRawClient, LegacyRawClient, ThirdPartyRawClient } from "../raw/raw-clients.js";
import type { ProgressListener } from "../transport/progress.js";
import type { CallContext, Session } from "../transport/session.js";

/** Per-call options every operation accepts. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Sent as `X-User-Correlation-ID` and echoed by the server, to trace a call end to end. */
  userCorrelationId?: string;
  /**
   * This call's own progress listener: its requests, answers, waits and finished chunks (the
   * client's `onProgress` hears them too). For a progress bar or an MCP progress notification.
   */
  onProgress?: ProgressListener;
}

export interface OperationContext {
  api: ApiKind;
  session: Session;
  ports: Ports;
  customer: CustomerRawClient;
  thirdparty: ThirdPartyRawClient;
  legacy: LegacyRawClient;
  batchSize: number;
  maxDays: number;
  historyYears: number;
  /** Correlation id of the most recent answer, for support requests. */
  lastCorrelationId: string | undefined;
  /** Third Party access windows per metering point, read from the authorizations when needed. */
  accessWindows?: { atMs: number; windows: Map<string, Array<{ from: string; to: string }>> } | undefined;
}

type RawResult = { data?: unknown; error?: unknown; response: Response };

export interface CallResult<T> {
  data: T;
  response: Response;
  correlationId: string | undefined;
}

/**
 * Runs one typed openapi-fetch call through the session (auth, pacing, retries) and turns every
 * failure into an EloverblikError: HTTP errors, unreadable bodies and network faults alike.
 */
export async function callApi<R extends RawResult>(
  ctx: OperationContext,
  call: CallContext,
  options: CallOptions | undefined,
  errorContext: Omit<ErrorContext, "operation">,
  run: (fetchImpl: (request: Request) => Promise<Response>) => Promise<R>,
): Promise<CallResult<R["data"]>> {
  const fullCall: CallContext = {
    ...call,
    signal: options?.signal ?? call.signal,
    userCorrelationId: options?.userCorrelationId ?? call.userCorrelationId,
    onProgress: options?.onProgress ?? call.onProgress,
  };
  let result: R;
  const maxAttempts = call.retry === false || call.idempotent === false ? 1 : ctx.session.retry.maxAttempts;
  for (let attempt = 1; ; attempt++) {
    try {
      result = await run((request) => ctx.session.send(request, fullCall));
      break;
    } catch (error) {
      if (error instanceof EloverblikError) throw error;
      if (error instanceof Error && error.name === "AbortError") {
        throw new EloverblikError({
          code: "ABORTED",
          message: `The ${call.operation} call was cancelled.`,
          operation: call.operation,
          cause: error,
        });
      }
      if (!(error instanceof SyntaxError)) throw error;
      // A 200 whose body is cut off or not JSON: the same request is sent again within the budget.
      if (attempt < maxAttempts) {
        await ctx.session.backoff(fullCall, attempt);
        continue;
      }
      throw new EloverblikError({
        code: "UNEXPECTED_RESPONSE",
        message: `Eloverblik answered ${call.operation} with a body that is not valid JSON${attempt > 1 ? ` ${attempt} times` : ""}.${call.idempotent === false ? " The change may or may not have been made; check before repeating it." : ""}`,
        operation: call.operation,
        meteringPointId: errorContext.meteringPointId,
        period: errorContext.period,
        retryable: true,
        cause: error,
      });
    }
  }
  const correlationId = result.response.headers.get("x-correlation-id") ?? undefined;
  ctx.lastCorrelationId = correlationId ?? ctx.lastCorrelationId;
  if (!result.response.ok) {
    throw errorFromResponse(
      result.response,
      result.error,
      { ...errorContext, operation: call.operation },
      ctx.ports.now(),
    );
  }
  // Typed by the openapi-fetch call itself, so a renamed field in spec/ breaks the operation that reads it.
  return { data: result.data, response: result.response, correlationId };
}

const HEADER_TEXT = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/** Checks an AbortSignal option (duck-typed: signals from another realm or a polyfill are fine). */
export function checkSignal(signal: unknown, name: string): void {
  if (signal === undefined) return;
  const s = signal as Partial<AbortSignal> | null;
  if (!s || typeof s.aborted !== "boolean" || typeof s.addEventListener !== "function") {
    throw invalidInput(
      `${name} must be an AbortSignal (from an AbortController); got ${describeValue(signal)}.`,
    );
  }
}

/** Per-call options checked before anything is sent, including the token exchange. */
export function checkCallOptions(options: unknown, operation: string): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw invalidInput(`${operation}: options must be an object; got ${describeValue(options)}.`, {
      operation,
    });
  }
  const { signal, userCorrelationId, onProgress } = options as CallOptions;
  checkSignal(signal, `${operation}: signal`);
  if (onProgress !== undefined && typeof onProgress !== "function") {
    throw invalidInput(`${operation}: onProgress must be a function; got ${describeValue(onProgress)}.`, {
      operation,
    });
  }
  if (userCorrelationId === undefined) return;
  if (
    typeof userCorrelationId !== "string" ||
    userCorrelationId.length > 200 ||
    !HEADER_TEXT.test(userCorrelationId)
  ) {
    throw invalidInput(
      `${operation}: userCorrelationId must be 1 to 200 printable ASCII characters without line breaks (it is sent as the X-User-Correlation-ID header); got ${describeValue(userCorrelationId)}.`,
      { operation },
    );
  }
}

/** A copy of a chunk-level error attributed to one metering point. */
export function forMeteringPoint(
  error: unknown,
  meteringPointId: string,
  operation: string,
  period?: { from: string; to: string },
): EloverblikError {
  if (error instanceof EloverblikError) {
    const json = error.toJSON();
    const message =
      error.meteringPointId === meteringPointId || error.message.includes(meteringPointId)
        ? error.message
        : `${error.message} Metering point ${meteringPointId}.`;
    return new EloverblikError({
      ...(json as object),
      code: error.code,
      message,
      meteringPointId,
      period: period ?? error.period,
      retryable: error.retryable,
      cause: error,
    });
  }
  return new EloverblikError({
    code: "API_ERROR",
    message: `${operation} failed for metering point ${meteringPointId}: ${String(error)}`,
    meteringPointId,
    period,
    operation,
    cause: error,
  });
}
