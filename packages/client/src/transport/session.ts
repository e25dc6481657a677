import type { ApiKind } from "../auth/describe-token.js";
import type { TokenStore } from "../auth/token-store.js";
import { EloverblikError } from "../errors/eloverblik-error.js";
import { parseRetryAfter } from "../errors/from-response.js";
import { rememberSecret } from "../errors/redact.js";
import type { Ports } from "../ports/ports.js";
import type { ProgressEvent, ProgressListener } from "./progress.js";
import type { CallKind, RateLimiter } from "./rate-limiter.js";
import { isRetryableStatus, type RetryOptions } from "./retry-policy.js";
import { combineSignals, raceSignal } from "./signals.js";
import { TokenCache } from "./token-cache.js";

export interface CallContext {
  operation: string;
  kind: CallKind;
  meteringPointIds?: readonly string[] | undefined;
  period?: { from: string; to: string } | undefined;
  userCorrelationId?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Sent without Authorization (isalive needs none). */
  anonymous?: boolean;
  /**
   * false for calls whose repetition can change the answer (relation changes): after a timeout or
   * a dropped connection the request may have been carried out, so it is not sent again.
   */
  idempotent?: boolean;
  /** false: one attempt only, whatever the answer. */
  retry?: boolean;
  /** Path shown in progress events when the real one carries a secret (a web access code). */
  displayPath?: string;
}

/** Sends the token request through the session; returns the raw openapi-fetch result. */
export type SessionTokenExchange = (
  fetchImpl: (request: Request) => Promise<Response>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

export interface SessionOptions {
  api: ApiKind;
  refreshToken: string;
  baseUrl: string;
  ports: Ports;
  limiter: RateLimiter;
  retry: RetryOptions;
  tokenStore: TokenStore;
  exchange: SessionTokenExchange;
  signal?: AbortSignal | undefined;
  onProgress?: ProgressListener | undefined;
  /** Renew the data-access token this long before its `exp`. */
  tokenRenewBeforeMs?: number;
}

/**
 * A 401 with a token exchanged this recently is about access (the Third Party API answers 401 for
 * metering points outside an authorization), not about the token, so it is not exchanged again.
 */
const FRESH_TOKEN_MS = 5 * 60_000;
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Authentication, pacing and retries for every call of one client. Operations hand it the Request
 * openapi-fetch built; it returns the final Response (success or the last error answer) with its
 * body already read, so the timeout covers the whole answer.
 */
export class Session {
  private readonly options: SessionOptions;
  private readonly tokens: TokenCache;

  constructor(options: SessionOptions) {
    this.options = options;
    rememberSecret(options.refreshToken);
    this.tokens = new TokenCache({
      ports: options.ports,
      tokenStore: options.tokenStore,
      api: options.api,
      baseUrl: options.baseUrl,
      refreshToken: options.refreshToken,
      retry: options.retry,
      signal: options.signal,
      renewBeforeMs: options.tokenRenewBeforeMs ?? 5 * 60_000,
      onProgress: (event) => this.emit(event),
      whenExchangeAllowed: (signal) => options.limiter.ready("token", signal),
      exchange: () =>
        options.exchange((request) => this.send(request, { operation: "getToken", kind: "token" })),
    });
  }

  /** The retry budget every step of a call shares (unreadable answers are retried within it). */
  get retry(): RetryOptions {
    return this.options.retry;
  }

  /**
   * Waits before a call whose answer could not be read is sent again (a 200 with a cut-off or
   * non-JSON body): the network backoff, abortable, reported as a wait.
   */
  async backoff(context: CallContext, attempt: number): Promise<void> {
    const { ports, retry } = this.options;
    const signal = combineSignals(this.options.signal, context.signal);
    const ms = Math.min(retry.defaultWaitMs, retry.networkBaseMs * 2 ** (attempt - 1));
    this.emit({ type: "wait", operation: context.operation, reason: "unreadable-answer", ms, attempt });
    await ports.sleep(ms, signal).catch((error: unknown) => {
      throw abortError(error, signal, context);
    });
  }

  /** A valid data-access token, exchanged at most once for all concurrent callers. */
  accessToken(signal?: AbortSignal): Promise<string> {
    return this.tokens.get(combineSignals(this.options.signal, signal));
  }

  async send(request: Request, context: CallContext): Promise<Response> {
    const signal = combineSignals(this.options.signal, context.signal);
    const body = request.body === null ? undefined : await request.text();
    if (context.anonymous) return this.attempts(request, body, context, () => "", signal);
    if (context.kind === "token") {
      return this.attempts(request, body, context, () => this.options.refreshToken, signal);
    }
    const token = await this.tokens.get(signal).catch((error: unknown) => {
      throw abortError(error, signal, context);
    });
    // The token is read again once the limiter grants the slot: a call that queued for minutes
    // sends the token current then, not the one it started with.
    let used = token;
    const bearer = () => {
      used = this.tokens.current() ?? token;
      return used;
    };
    const response = await this.attempts(request, body, context, bearer, signal);
    if (response.status !== 401) return response;
    const exchangedAt = this.tokens.exchangedAt(used);
    if (exchangedAt !== undefined && this.options.ports.now() - exchangedAt < FRESH_TOKEN_MS) return response;
    // An older token was revoked or expired early: exchange once and send again.
    await this.tokens.invalidate(used);
    const fresh = await this.tokens.get(signal).catch((error: unknown) => {
      throw abortError(error, signal, context);
    });
    return this.attempts(request, body, context, () => this.tokens.current() ?? fresh, signal);
  }

  private async attempts(
    request: Request,
    body: string | undefined,
    context: CallContext,
    bearer: () => string,
    signal: AbortSignal | undefined,
  ): Promise<Response> {
    const { ports, limiter, retry } = this.options;
    const path = context.displayPath ?? new URL(request.url).pathname;
    const maxAttempts = context.retry === false ? 1 : retry.maxAttempts;
    for (let attempt = 1; ; attempt++) {
      const release = await limiter
        .acquire(context.kind, signal, (wait) =>
          this.emit({
            type: "wait",
            operation: context.operation,
            reason: wait.reason,
            ms: wait.ms,
            attempt,
          }),
        )
        .catch((error: unknown) => {
          throw abortError(error, signal, context);
        });
      this.emit({
        type: "request",
        operation: context.operation,
        method: request.method,
        path,
        attempt,
        meteringPointIds: context.meteringPointIds,
        period: context.period,
      });
      let headers: Headers;
      try {
        headers = buildHeaders(request, bearer(), context);
      } catch (error) {
        release();
        throw error;
      }
      const started = ports.now();
      let response: Response | undefined;
      let failure: unknown;
      try {
        response = await this.fetchOnce(request, headers, body, context, signal);
      } catch (error) {
        failure = error;
      } finally {
        release();
      }
      if (response) {
        this.emit({
          type: "response",
          operation: context.operation,
          status: response.status,
          attempt,
          durationMs: ports.now() - started,
          correlationId: response.headers.get("x-correlation-id") ?? undefined,
        });
        if (!isRetryableStatus(response.status) || attempt >= maxAttempts) return response;
        const retryAfter = parseRetryAfter(response.headers.get("retry-after"), ports.now());
        const wait = retryAfter ?? retry.defaultWaitMs + Math.floor(ports.random() * retry.jitterMs);
        if (wait > retry.maxWaitMs) return response;
        const reason = response.status === 429 ? "retry-after" : "datahub-unavailable";
        this.emit({ type: "wait", operation: context.operation, reason, ms: wait, attempt });
        await ports.sleep(wait, signal).catch((error: unknown) => {
          throw abortError(error, signal, context);
        });
        continue;
      }
      if (signal?.aborted) throw abortError(failure, signal, context);
      const final = networkError(failure, context, attempt);
      // A request that changes state may have been carried out before the connection failed.
      if (attempt >= maxAttempts || context.idempotent === false) throw final;
      const wait = Math.min(retry.defaultWaitMs, retry.networkBaseMs * 2 ** (attempt - 1));
      this.emit({ type: "wait", operation: context.operation, reason: "network", ms: wait, attempt });
      await ports.sleep(wait, signal).catch((error: unknown) => {
        throw abortError(error, signal, context);
      });
    }
  }

  /** One attempt, body included, under the per-attempt timeout. */
  private async fetchOnce(
    request: Request,
    headers: Headers,
    body: string | undefined,
    context: CallContext,
    signal: AbortSignal | undefined,
  ): Promise<Response> {
    const { ports, retry } = this.options;
    const timeout = new AbortController();
    const stopTimer = new AbortController();
    let timedOut = false;
    // 0 or Infinity disables the timer (useful on a virtual clock where sleeping advances time).
    if (retry.timeoutMs > 0 && Number.isFinite(retry.timeoutMs)) {
      ports
        .sleep(retry.timeoutMs, stopTimer.signal)
        .then(() => {
          timedOut = true;
          timeout.abort();
        })
        .catch(() => undefined);
    }
    try {
      const attemptSignal = combineSignals(signal, timeout.signal);
      // Raced against the signal as well: not every fetch implementation (msw, polyfills) aborts a
      // body that has started streaming.
      const answer = await raceSignal(
        ports.fetch(
          new Request(request.url, { method: request.method, headers, body, signal: attemptSignal }),
        ),
        attemptSignal,
      );
      const buffer = NULL_BODY_STATUSES.has(answer.status)
        ? null
        : await raceSignal(answer.arrayBuffer(), attemptSignal);
      return new Response(buffer, {
        status: answer.status,
        statusText: answer.statusText,
        headers: answer.headers,
      });
    } catch (error) {
      if (timedOut) {
        throw new EloverblikError({
          code: "TIMEOUT",
          message: `Eloverblik did not answer ${context.operation} within ${Math.round(retry.timeoutMs / 1000)} s.`,
          retryable: true,
          operation: context.operation,
          period: context.period,
        });
      }
      throw error;
    } finally {
      stopTimer.abort();
    }
  }

  private emit(event: ProgressEvent): void {
    try {
      this.options.onProgress?.(event);
    } catch {
      // A faulty listener must not break the request it observes.
    }
  }
}

function buildHeaders(request: Request, bearer: string, context: CallContext): Headers {
  const headers = new Headers(request.headers);
  try {
    if (bearer) headers.set("Authorization", `Bearer ${bearer}`);
    if (context.userCorrelationId) headers.set("X-User-Correlation-ID", context.userCorrelationId);
  } catch {
    // Deliberately without `cause`: the engine's message would quote the header value.
    throw new EloverblikError({
      code: "INVALID_INPUT",
      message: `A header for ${context.operation} could not be built: the token or correlation id contains characters an HTTP header cannot carry (a line break from copying?).`,
      operation: context.operation,
    });
  }
  headers.set("Accept", context.operation.startsWith("export") ? "text/csv" : "application/json");
  return headers;
}

function networkError(failure: unknown, context: CallContext, attempt: number): EloverblikError {
  if (failure instanceof EloverblikError) return failure;
  const single = context.meteringPointIds?.length === 1 ? context.meteringPointIds[0] : undefined;
  return new EloverblikError({
    code: "NETWORK",
    message: `Could not reach Eloverblik for ${context.operation} (${describeFailure(failure)}) after ${attempt} attempt(s).${context.idempotent === false ? " The change may or may not have been made; check before repeating it." : ""}`,
    status: 0,
    retryable: context.idempotent !== false,
    operation: context.operation,
    period: context.period,
    meteringPointId: single,
    cause: failure,
  });
}

function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const code = typeof cause === "object" && cause !== null ? (cause as { code?: unknown }).code : undefined;
    return typeof code === "string" ? `${error.message}: ${code}` : error.message;
  }
  return String(error);
}

function abortError(error: unknown, signal: AbortSignal | undefined, context: CallContext): unknown {
  if (error instanceof EloverblikError) return error;
  if (signal?.aborted) {
    return new EloverblikError({
      code: "ABORTED",
      message: `The ${context.operation} call was cancelled.`,
      operation: context.operation,
      cause: signal.reason,
    });
  }
  return error;
}
