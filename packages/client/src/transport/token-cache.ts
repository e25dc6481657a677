import { describeToken } from "../auth/describe-token.js";
import type { TokenStore } from "../auth/token-store.js";
import { EloverblikError } from "../errors/eloverblik-error.js";
import { errorFromResponse } from "../errors/from-response.js";
import type { Ports } from "../ports/ports.js";
import type { ProgressListener } from "./progress.js";
import { raceSignal } from "./signals.js";

/** Performs the token exchange (through the session, with the refresh token as bearer). */
export type TokenExchange = () => Promise<{ data?: unknown; error?: unknown; response: Response }>;

const FALLBACK_LIFETIME_MS = 60 * 60 * 1000;
const TOKEN_CHARS = /^[A-Za-z0-9._~+/=-]+$/;

export interface TokenCacheOptions {
  ports: Ports;
  tokenStore: TokenStore;
  storeKey: string;
  exchange: TokenExchange;
  onProgress: ProgressListener;
  /** Renew this long before `exp`. */
  renewBeforeMs: number;
}

/**
 * The data-access token of one client: memory first, then the host's store, then one shared
 * exchange for all concurrent callers. A caller that aborts stops waiting; the exchange goes on
 * for the others.
 */
export class TokenCache {
  private cached: { accessToken: string; expiresAtMs: number; exchangedAtMs: number | undefined } | undefined;
  private inflight: Promise<string> | undefined;
  /** The last token the server refused; a store that hands it back again is not trusted. */
  private refused: string | undefined;

  constructor(private readonly options: TokenCacheOptions) {}

  get(signal?: AbortSignal): Promise<string> {
    const { ports, renewBeforeMs } = this.options;
    if (this.cached && this.cached.expiresAtMs - renewBeforeMs > ports.now()) {
      this.options.onProgress({ type: "token", action: "memory-hit" });
      return Promise.resolve(this.cached.accessToken);
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (!this.inflight) {
      this.inflight = this.loadOrExchange().finally(() => {
        this.inflight = undefined;
      });
      // Every waiter may have given up (aborted) before it settles; the failure is theirs, not unhandled.
      this.inflight.catch(() => undefined);
    }
    return raceSignal(this.inflight, signal);
  }

  /** When `token` was exchanged by this cache (undefined when it came from a store). */
  exchangedAt(token: string): number | undefined {
    return this.cached?.accessToken === token ? this.cached.exchangedAtMs : undefined;
  }

  /** Forgets a token the server refused, unless another caller already replaced it. */
  async invalidate(token: string): Promise<void> {
    this.refused = token;
    if (this.cached?.accessToken === token) {
      this.cached = undefined;
      await this.options.tokenStore.delete?.(this.options.storeKey);
      this.options.onProgress({ type: "token", action: "invalidated-after-401" });
    }
  }

  private async loadOrExchange(): Promise<string> {
    const { ports, tokenStore, storeKey, renewBeforeMs } = this.options;
    const stored = await tokenStore.get(storeKey);
    if (stored && stored.accessToken !== this.refused && stored.expiresAtMs - renewBeforeMs > ports.now()) {
      this.cached = {
        accessToken: stored.accessToken,
        expiresAtMs: stored.expiresAtMs,
        exchangedAtMs: undefined,
      };
      this.options.onProgress({ type: "token", action: "store-hit" });
      return stored.accessToken;
    }
    this.options.onProgress({ type: "token", action: "exchange" });
    const result = await this.options.exchange();
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
    if (!accessToken || !TOKEN_CHARS.test(accessToken)) {
      throw new EloverblikError({
        code: "UNEXPECTED_RESPONSE",
        message: "The token endpoint answered 200 without a usable data-access token in `result`.",
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
    this.cached = { accessToken, expiresAtMs, exchangedAtMs: ports.now() };
    await tokenStore.set(storeKey, { accessToken, expiresAtMs });
    return accessToken;
  }
}
