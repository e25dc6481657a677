import { fingerprint } from "../auth/base64url.js";
import { type ApiKind, describeToken } from "../auth/describe-token.js";
import type { TokenStore } from "../auth/token-store.js";
import { EloverblikError } from "../errors/eloverblik-error.js";
import { errorFromResponse, parseRetryAfter } from "../errors/from-response.js";
import type { Ports } from "../ports/ports.js";
import type { ProgressListener } from "./progress.js";
import type { CallKind, RateLimiter } from "./rate-limiter.js";
import { isRetryableStatus, type RetryOptions } from "./retry-policy.js";

export interface CallContext {
  operation: string;
  kind: CallKind;
  meteringPointIds?: readonly string[] | undefined;
  period?: { from: string; to: string } | undefined;
  userCorrelationId?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Sent without Authorization (isalive needs none). */
  anonymous?: boolean;
}

/** Performs the token exchange through the typed raw client; returns the raw openapi-fetch result. */
export type TokenExchange = (
  fetchImpl: (request: Request) => Promise<Response>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

export interface SessionOptions {
  api: ApiKind;
  refreshToken: string;
  ports: Ports;
  limiter: RateLimiter;
  retry: RetryOptions;
  tokenStore: TokenStore;
  exchange: TokenExchange;
  signal?: AbortSignal | undefined;
  onProgress?: ProgressListener | undefined;
  /** Renew the data-access token this long before its `exp`. */
  tokenRenewBeforeMs?: number;
}

interface CachedToken {
  accessToken: string;
  expiresAtMs: number;
}

const FALLBACK_LIFETIME_MS = 60 * 60 * 1000;

/**
 * Authentication, pacing and retries for every call of one client. Operations hand it the Request
 * openapi-fetch built; it returns the final Response (success or the last error answer).
 */
export class Session {
  private readonly options: SessionOptions;
  private readonly storeKey: string;
  private cached: CachedToken | undefined;
  private inflight: Promise<string> | undefined;
  /** The last token the server refused; a store that hands it back again is not trusted. */
  private refused: string | undefined;

  constructor(options: SessionOptions) {
    this.options = options;
    this.storeKey = `eloverblik:${options.api}:${fingerprint(options.refreshToken)}`;
  }

  /** A valid data-access token, exchanged at most once for all concurrent callers. */
  async accessToken(signal?: AbortSignal): Promise<string> {
    const now = this.options.ports.now();
    const renew = this.options.tokenRenewBeforeMs ?? 5 * 60_000;
    if (this.cached && this.cached.expiresAtMs - renew > now) {
      this.emit({ type: "token", action: "memory-hit" });
      return this.cached.accessToken;
    }
    if (!this.inflight) {
      this.inflight = this.loadOrExchange(signal).finally(() => {
        this.inflight = undefined;
      });
    }
    return this.inflight;
  }

  /** Forgets a data-access token the server refused, unless another caller already replaced it. */
  async invalidate(token: string): Promise<void> {
    this.refused = token;
    if (this.cached?.accessToken === token) {
      this.cached = undefined;
      await this.options.tokenStore.delete?.(this.storeKey);
      this.emit({ type: "token", action: "invalidated-after-401" });
    }
  }

  async send(request: Request, context: CallContext): Promise<Response> {
    const signal = combineSignals(this.options.signal, context.signal);
    const body = request.body === null ? undefined : await request.text();
    if (context.anonymous) return this.attempts(request, body, context, "", signal);
    if (context.kind === "token") {
      return this.attempts(request, body, context, this.options.refreshToken, signal);
    }
    const token = await this.accessToken(signal);
    const response = await this.attempts(request, body, context, token, signal);
    if (response.status !== 401) return response;
    // A 401 on a data call usually means the cached token was revoked or expired early: exchange once.
    await this.invalidate(token);
    const fresh = await this.accessToken(signal);
    return this.attempts(request, body, context, fresh, signal);
  }

  private async loadOrExchange(signal: AbortSignal | undefined): Promise<string> {
    const { ports, tokenStore } = this.options;
    const renew = this.options.tokenRenewBeforeMs ?? 5 * 60_000;
    const stored = await tokenStore.get(this.storeKey);
    if (stored && stored.accessToken !== this.refused && stored.expiresAtMs - renew > ports.now()) {
      this.cached = { accessToken: stored.accessToken, expiresAtMs: stored.expiresAtMs };
      this.emit({ type: "token", action: "store-hit" });
      return stored.accessToken;
    }
    this.emit({ type: "token", action: "exchange" });
    const fetchImpl = (request: Request) =>
      this.send(request, { operation: "getToken", kind: "token", signal });
    const result = await this.options.exchange(fetchImpl);
    if (!result.response.ok) {
      throw errorFromResponse(
        result.response,
        result.error,
        {
          operation: "getToken",
          statusMessages: {
            401: "Eloverblik refused the refresh token: it is expired, revoked or not a refresh token for this API.",
            403: "Eloverblik refused the token exchange: a data-access token was given where a refresh token is needed.",
          },
        },
        ports.now(),
      );
    }
    const data = result.data as { result?: unknown } | undefined;
    const accessToken = typeof data?.result === "string" ? data.result.trim() : "";
    if (!accessToken) {
      throw new EloverblikError({
        code: "UNEXPECTED_RESPONSE",
        message: "The token endpoint answered 200 without a data-access token in `result`.",
        status: result.response.status,
        operation: "getToken",
        correlationId: result.response.headers.get("x-correlation-id") ?? undefined,
      });
    }
    let expiresAtMs = ports.now() + FALLBACK_LIFETIME_MS;
    try {
      expiresAtMs = describeToken(accessToken, ports.now()).expiresAtMs ?? expiresAtMs;
    } catch {
      // An opaque token is still usable; keep it for the conservative fallback lifetime.
    }
    this.cached = { accessToken, expiresAtMs };
    await tokenStore.set(this.storeKey, { accessToken, expiresAtMs });
    return accessToken;
  }

  private async attempts(
    request: Request,
    body: string | undefined,
    context: CallContext,
    bearer: string,
    signal: AbortSignal | undefined,
  ): Promise<Response> {
    const { ports, limiter, retry } = this.options;
    const path = new URL(request.url).pathname;
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
      const started = ports.now();
      let response: Response | undefined;
      let failure: unknown;
      try {
        response = await this.fetchOnce(request, body, bearer, context, signal);
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
        if (!isRetryableStatus(response.status) || attempt >= retry.maxAttempts) return response;
        const retryAfter = parseRetryAfter(response.headers.get("retry-after"), ports.now());
        const wait = retryAfter ?? retry.defaultWaitMs + Math.floor(ports.random() * retry.jitterMs);
        if (wait > retry.maxWaitMs) return response;
        // Not awaited: some fetch implementations never settle cancel() on a body nobody read.
        void response.body?.cancel().catch(() => undefined);
        this.emit({
          type: "wait",
          operation: context.operation,
          reason: response.status === 429 ? "retry-after" : "datahub-unavailable",
          ms: wait,
          attempt,
        });
        await ports.sleep(wait, signal).catch((error: unknown) => {
          throw abortError(error, signal, context);
        });
        continue;
      }
      if (signal?.aborted) throw abortError(failure, signal, context);
      const timedOut = failure instanceof EloverblikError && failure.code === "TIMEOUT";
      if (attempt >= retry.maxAttempts) {
        if (failure instanceof EloverblikError) throw failure;
        throw new EloverblikError({
          code: "NETWORK",
          message: `Could not reach Eloverblik (${describeFailure(failure)}) after ${attempt} attempt(s).`,
          status: 0,
          retryable: true,
          operation: context.operation,
          period: context.period,
          meteringPointId: context.meteringPointIds?.length === 1 ? context.meteringPointIds[0] : undefined,
          cause: failure,
        });
      }
      const wait = Math.min(retry.defaultWaitMs, retry.networkBaseMs * 2 ** (attempt - 1));
      this.emit({ type: "wait", operation: context.operation, reason: "network", ms: wait, attempt });
      await ports.sleep(timedOut ? 0 : wait, signal).catch((error: unknown) => {
        throw abortError(error, signal, context);
      });
    }
  }

  private async fetchOnce(
    request: Request,
    body: string | undefined,
    bearer: string,
    context: CallContext,
    signal: AbortSignal | undefined,
  ): Promise<Response> {
    const { ports, retry } = this.options;
    const headers = new Headers(request.headers);
    if (bearer) headers.set("Authorization", `Bearer ${bearer}`);
    headers.set("Accept", context.operation.startsWith("export") ? "text/csv" : "application/json");
    if (context.userCorrelationId) headers.set("X-User-Correlation-ID", context.userCorrelationId);
    const timeout = new AbortController();
    const attemptSignal = combineSignals(signal, timeout.signal);
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
      return await ports.fetch(
        new Request(request.url, { method: request.method, headers, body, signal: attemptSignal }),
      );
    } catch (error) {
      if (timedOut) {
        throw new EloverblikError({
          code: "TIMEOUT",
          message: `Eloverblik did not answer within ${Math.round(retry.timeoutMs / 1000)} s.`,
          retryable: true,
          operation: context.operation,
          period: context.period,
          cause: error,
        });
      }
      throw error;
    } finally {
      stopTimer.abort();
    }
  }

  private emit(event: Parameters<ProgressListener>[0]): void {
    try {
      this.options.onProgress?.(event);
    } catch {
      // A faulty listener must not break the request it observes.
    }
  }
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

/** AbortSignal.any where available (Node ≥ 20.3), with a manual fallback. */
export function combineSignals(...signals: Array<AbortSignal | undefined>): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return present[0];
  const any = (AbortSignal as unknown as { any?: (s: AbortSignal[]) => AbortSignal }).any;
  if (any) return any(present);
  const controller = new AbortController();
  for (const s of present) {
    if (s.aborted) controller.abort(s.reason);
    else s.addEventListener("abort", () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}
