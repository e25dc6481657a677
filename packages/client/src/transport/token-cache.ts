import { describeToken } from "../auth/describe-token.js";
import { type TokenStore, tokenStoreKey, tokenVerifier } from "../auth/token-store.js";
import { EloverblikError, isEloverblikError } from "../errors/eloverblik-error.js";
import { errorFromResponse } from "../errors/from-response.js";
import { rememberSecret } from "../errors/redact.js";
import type { Ports } from "../ports/ports.js";
import type { ProgressListener } from "./progress.js";
import { networkBackoffMs, type RetryOptions } from "./retry-policy.js";
import { raceSignal } from "./signals.js";

/** Performs one token exchange (through the session, with the refresh token as bearer). */
export type TokenExchange = () => Promise<{ data?: unknown; error?: unknown; response: Response }>;

const FALLBACK_LIFETIME_MS = 60 * 60 * 1000;
const TOKEN_CHARS = /^[A-Za-z0-9._~+/=-]+$/;
/**
 * How long a refresh token that Eloverblik refused is not sent again. A refusal (401/403 at
 * /api/token) means revoked, expired or the wrong kind of token, none of which heal by
 * themselves; after this cool-off one exchange is tried again, in case the refusal was a fault
 * of the moment. A different refresh token is never affected.
 */
export const REFUSAL_COOL_OFF_MS = 15 * 60_000;
/** Distinct refresh tokens whose state one store keeps in memory (oldest idle ones are dropped). */
const MAX_STATES_PER_STORE = 10_000;

export interface TokenCacheOptions {
  ports: Ports;
  tokenStore: TokenStore;
  api: string;
  baseUrl: string;
  refreshToken: string;
  exchange: TokenExchange;
  /**
   * Waits until the token limiter would let an exchange start, without taking a slot; resolves
   * true when it had to wait (the store is then read again: another client may have filled it).
   */
  whenExchangeAllowed?: ((signal: AbortSignal | undefined) => Promise<boolean>) | undefined;
  retry: RetryOptions;
  /** Cancels the exchange (the client's own signal; a caller's signal only stops its wait). */
  signal?: AbortSignal | undefined;
  onProgress: ProgressListener;
  /** Renew this long before `exp`. */
  renewBeforeMs: number;
}

interface CachedToken {
  accessToken: string;
  expiresAtMs: number;
  /** When this process exchanged it; undefined when it came from a store. */
  exchangedAtMs: number | undefined;
}

/**
 * What the clients of one process know about one refresh token in one store: the current
 * data-access token, the exchange in flight, and a refusal. Shared, so that N clients with the
 * same refresh token make one exchange, all use its answer, and all fail at once after a refusal.
 */
interface TokenState {
  cached: CachedToken | undefined;
  inflight: Promise<string> | undefined;
  /** The last data-access token the server refused; a store that hands it back is not trusted. */
  refusedAccessToken: string | undefined;
  refusal: { error: EloverblikError; untilMs: number } | undefined;
}

const states = new WeakMap<TokenStore, Map<string, TokenState>>();

function stateFor(store: TokenStore, key: string): TokenState {
  let byKey = states.get(store);
  if (!byKey) {
    byKey = new Map();
    states.set(store, byKey);
  }
  let state = byKey.get(key);
  if (!state) {
    if (byKey.size >= MAX_STATES_PER_STORE) {
      for (const [oldKey, old] of byKey) {
        if (!old.inflight) {
          byKey.delete(oldKey);
          break;
        }
      }
    }
    state = { cached: undefined, inflight: undefined, refusedAccessToken: undefined, refusal: undefined };
    byKey.set(key, state);
  }
  return state;
}

/**
 * The data-access token of one refresh token: memory first (shared by every client of the
 * process that uses the same store), then the host's store, then one exchange for all
 * concurrent callers. A caller that aborts stops waiting; the exchange goes on for the others.
 */
export class TokenCache {
  private readonly state: TokenState;
  private readonly storeKey: string;
  private readonly verifier: string;
  private readonly refreshExpiresAtMs: number | undefined;

  constructor(private readonly options: TokenCacheOptions) {
    this.storeKey = tokenStoreKey(options.api, options.baseUrl, options.refreshToken);
    this.verifier = tokenVerifier(options.refreshToken);
    this.state = stateFor(options.tokenStore, this.storeKey);
    let expiresAtMs: number | undefined;
    try {
      expiresAtMs = describeToken(options.refreshToken, options.ports.now()).expiresAtMs;
    } catch {
      expiresAtMs = undefined;
    }
    this.refreshExpiresAtMs = expiresAtMs;
  }

  async get(signal?: AbortSignal): Promise<string> {
    const current = this.current();
    if (current !== undefined) {
      this.options.onProgress({ type: "token", action: "memory-hit" });
      return current;
    }
    this.throwIfRefused();
    signal?.throwIfAborted();
    const state = this.state;
    let started = false;
    if (!state.inflight) {
      started = true;
      const inflight = this.loadOrExchange().finally(() => {
        if (state.inflight === inflight) state.inflight = undefined;
      });
      state.inflight = inflight;
      // Every waiter may have given up (aborted) before it settles; the failure is theirs, not unhandled.
      inflight.catch(() => undefined);
    }
    try {
      return await raceSignal(state.inflight!, signal);
    } catch (error) {
      // Another client's exchange was cancelled by that client: this caller still wants a token.
      if (!started && !signal?.aborted && isEloverblikError(error) && error.code === "ABORTED") {
        return this.get(signal);
      }
      throw error;
    }
  }

  /** The valid token in memory, if any (no store read, no exchange). */
  current(): string | undefined {
    const cached = this.state.cached;
    if (cached && cached.expiresAtMs - this.options.renewBeforeMs > this.options.ports.now()) {
      return cached.accessToken;
    }
    return undefined;
  }

  /** When `token` was exchanged in this process (undefined when it came from a store). */
  exchangedAt(token: string): number | undefined {
    return this.state.cached?.accessToken === token ? this.state.cached.exchangedAtMs : undefined;
  }

  /** Forgets a token the server refused, unless another caller already replaced it. */
  async invalidate(token: string): Promise<void> {
    this.state.refusedAccessToken = token;
    if (this.state.cached?.accessToken === token) {
      this.state.cached = undefined;
      await this.options.tokenStore.delete?.(this.storeKey);
      this.options.onProgress({ type: "token", action: "invalidated-after-401" });
    }
  }

  private throwIfRefused(): void {
    const refusal = this.state.refusal;
    if (!refusal) return;
    if (refusal.untilMs > this.options.ports.now()) throw refusal.error;
    this.state.refusal = undefined;
  }

  private refuse(error: EloverblikError, forMs: number): EloverblikError {
    this.state.refusal = { error, untilMs: this.options.ports.now() + forMs };
    return error;
  }

  private async loadOrExchange(): Promise<string> {
    const stored = await this.readStore();
    if (stored !== undefined) return stored;
    if (this.options.whenExchangeAllowed && (await this.options.whenExchangeAllowed(this.options.signal))) {
      // While this client waited for a token slot, another one (or another process) may have stored one.
      const again = await this.readStore();
      if (again !== undefined) return again;
    }
    const { ports } = this.options;
    if (this.refreshExpiresAtMs !== undefined && this.refreshExpiresAtMs <= ports.now()) {
      throw this.refuse(
        new EloverblikError({
          code: "TOKEN_EXPIRED",
          message: `The refresh token expired on ${new Date(this.refreshExpiresAtMs).toISOString()}. Create a new one on eloverblik.dk (Datadeling → Opret token).`,
          operation: "getToken",
        }),
        Number.POSITIVE_INFINITY,
      );
    }
    return this.exchange();
  }

  private async readStore(): Promise<string | undefined> {
    const { ports, tokenStore, renewBeforeMs } = this.options;
    const stored = await tokenStore.get(this.storeKey);
    if (
      !stored ||
      typeof stored.accessToken !== "string" ||
      stored.verifier !== this.verifier ||
      stored.accessToken === this.state.refusedAccessToken ||
      !(stored.expiresAtMs - renewBeforeMs > ports.now())
    ) {
      return undefined;
    }
    rememberSecret(stored.accessToken);
    this.state.cached = {
      accessToken: stored.accessToken,
      expiresAtMs: stored.expiresAtMs,
      exchangedAtMs: undefined,
    };
    this.options.onProgress({ type: "token", action: "store-hit" });
    return stored.accessToken;
  }

  /** One exchange, repeated within the retry budget when the answer cannot be read. */
  private async exchange(): Promise<string> {
    const { ports, retry } = this.options;
    for (let attempt = 1; ; attempt++) {
      this.options.onProgress({ type: "token", action: "exchange" });
      let result: Awaited<ReturnType<TokenExchange>> | undefined;
      let unreadable: unknown;
      try {
        result = await this.options.exchange();
      } catch (error) {
        // openapi-fetch throws SyntaxError for a 200 whose JSON body is cut off or not JSON.
        if (!(error instanceof SyntaxError)) throw error;
        unreadable = error;
      }
      if (result && !result.response.ok) {
        const error = errorFromResponse(
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
        if (result.response.status === 401 || result.response.status === 403) {
          // A refresh token refused at the exchange has a code of its own: surfaces show it as setup.
          const refused =
            result.response.status === 401
              ? new EloverblikError({
                  ...(error.toJSON() as object),
                  code: "TOKEN_REFUSED",
                  message: error.message,
                  status: 401,
                  operation: "getToken",
                })
              : error;
          throw this.refuse(refused, REFUSAL_COOL_OFF_MS);
        }
        throw error;
      }
      const data = result?.data as { result?: unknown } | undefined;
      const accessToken = typeof data?.result === "string" ? data.result.trim() : "";
      if (result && accessToken && TOKEN_CHARS.test(accessToken)) return this.keep(accessToken);
      if (attempt >= retry.maxAttempts) {
        throw new EloverblikError({
          code: "UNEXPECTED_RESPONSE",
          message: `The token exchange (getToken, before any data call) failed: Eloverblik answered ${attempt} time(s) with ${unreadable ? "a body that is not valid JSON" : "no usable data-access token in `result`"}.`,
          status: result?.response.status ?? 200,
          retryable: true,
          operation: "getToken",
          correlationId: result?.response.headers.get("x-correlation-id") ?? undefined,
          cause: unreadable,
        });
      }
      await ports.sleep(networkBackoffMs(retry, attempt), this.options.signal);
    }
  }

  private async keep(accessToken: string): Promise<string> {
    const { ports, tokenStore } = this.options;
    rememberSecret(accessToken);
    let expiresAtMs = ports.now() + FALLBACK_LIFETIME_MS;
    try {
      expiresAtMs = describeToken(accessToken, ports.now()).expiresAtMs ?? expiresAtMs;
    } catch {
      // An opaque token is still usable; keep it for the conservative fallback lifetime.
    }
    this.state.cached = { accessToken, expiresAtMs, exchangedAtMs: ports.now() };
    this.state.refusal = undefined;
    await tokenStore.set(this.storeKey, { accessToken, expiresAtMs, verifier: this.verifier });
    return accessToken;
  }
}
