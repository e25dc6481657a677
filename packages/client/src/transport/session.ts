import type { ApiKind } from "../auth/describe-token.js";
import type { TokenStore } from "../auth/token-store.js";
import { EloverblikError } from "../errors/eloverblik-error.js";
import { rememberSecret } from "../errors/redact.js";
import type { Ports } from "../ports/ports.js";
import {
  type Call,
  type CallContext,
  compose,
  type Emit,
  type Send,
  type Stage,
  safeEmit,
} from "./pipeline.js";
import type { ProgressEvent, ProgressListener } from "./progress.js";
import type { RetryOptions } from "./retry-policy.js";
import { combineSignals } from "./signals.js";
import { type AuthProvider, authStage, tokenExchangeAuth } from "./stages/auth-stage.js";
import { fetchStage } from "./stages/fetch-stage.js";
import { type Pacer, pacingStage } from "./stages/pacing-stage.js";
import { retryStage, unreadableBackoff } from "./stages/retry-stage.js";
import { TokenCache } from "./token-cache.js";

export type { CallContext } from "./pipeline.js";

/** Sends the token request through the session; returns the raw openapi-fetch result. */
export type SessionTokenExchange = (
  fetchImpl: (request: Request) => Promise<Response>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

export interface SessionOptions {
  api: ApiKind;
  /** Needed unless `auth` is given (then the client never exchanges a token itself). */
  refreshToken?: string | undefined;
  baseUrl: string;
  ports: Ports;
  pacer: Pacer;
  retry: RetryOptions;
  tokenStore: TokenStore;
  exchange: SessionTokenExchange;
  /** A host's own auth; the client's token exchange is then switched off. */
  auth?: AuthProvider | undefined;
  /** Extra stages, outermost first, placed between auth and retry (logging, tracing). */
  stages?: readonly Stage[] | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ProgressListener | undefined;
  /** Renew the data-access token this long before its `exp`. */
  tokenRenewBeforeMs?: number;
}

/**
 * The request pipeline of one client: auth → (host stages) → retry → pacing → fetch, each a
 * small stage over the one fetch port. Operations hand it the Request openapi-fetch built; it
 * returns the final Response (success or the last error answer) with its body already read, or
 * handed to the operation's own reader as it arrived (`readBodyWith`).
 */
export class Session {
  private readonly options: SessionOptions;
  private readonly emit: Emit;
  private readonly auth: AuthProvider;
  private readonly pipeline: Send;

  constructor(options: SessionOptions) {
    this.options = options;
    this.emit = safeEmit(options.onProgress);
    const { refreshToken } = options;
    if (refreshToken) rememberSecret(refreshToken);
    this.auth = options.auth ?? this.ownAuth();
    this.pipeline = compose(
      [
        authStage(this.auth, () => refreshToken ?? ""),
        ...(options.stages ?? []),
        retryStage(options.retry, options.ports, this.emit),
        pacingStage(options.pacer, this.emit),
      ],
      fetchStage(options.ports, options.retry.timeoutMs, this.emit),
    );
  }

  private ownAuth(): AuthProvider {
    const { options } = this;
    if (!options.refreshToken) {
      throw new EloverblikError({ code: "INVALID_INPUT", message: "Either refreshToken or auth is needed." });
    }
    const tokens = new TokenCache({
      ports: options.ports,
      tokenStore: options.tokenStore,
      api: options.api,
      baseUrl: options.baseUrl,
      refreshToken: options.refreshToken,
      retry: options.retry,
      signal: options.signal,
      renewBeforeMs: options.tokenRenewBeforeMs ?? 5 * 60_000,
      onProgress: this.emit,
      whenExchangeAllowed: options.pacer.ready
        ? (signal) => options.pacer.ready?.("token", signal) ?? Promise.resolve(false)
        : undefined,
      exchange: () =>
        options.exchange((request) => this.send(request, { operation: "getToken", kind: "token" })),
    });
    return tokenExchangeAuth(tokens, options.ports);
  }

  /** The retry budget every step of a call shares (unreadable answers are retried within it). */
  get retry(): RetryOptions {
    return this.options.retry;
  }

  /**
   * Waits before a call whose answer could not be read is sent again (a 200 with a cut-off or
   * non-JSON body): the network backoff, abortable, reported as a wait.
   */
  backoff(context: CallContext, attempt: number): Promise<void> {
    const signal = combineSignals(this.options.signal, context.signal);
    return unreadableBackoff(this.options.retry, this.options.ports, this.emit, { context, signal }, attempt);
  }

  /** Reports an event of an operation (a finished chunk) to the client's and the call's listeners. */
  report(event: ProgressEvent, context?: Pick<CallContext, "onProgress">): void {
    this.emit(event, context);
  }

  /** A valid data-access token, from the client's exchange or the host's auth. */
  accessToken(signal?: AbortSignal): Promise<string> {
    return this.auth.token(combineSignals(this.options.signal, signal));
  }

  async send(request: Request, context: CallContext): Promise<Response> {
    const call: Call = {
      request,
      body: request.body === null ? undefined : await request.text(),
      context,
      signal: combineSignals(this.options.signal, context.signal),
      attempt: 1,
      bearer: () => "",
    };
    return this.pipeline(call);
  }
}
