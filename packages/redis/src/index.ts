// @eloverblik-kit/redis: one rate limit and one data-access token for several processes behind one IP.
import type { RateLimitsOption } from "@eloverblik-kit/client";
import { RedisConnection, type RedisConnectionOptions, type RedisState } from "./connection.js";
import { RedisPacer } from "./pacer.js";
import { RedisTokenStore } from "./token-store.js";

export {
  checkRedisUrl,
  RedisConnection,
  type RedisConnectionOptions,
  type RedisState,
  RedisUrlError,
} from "./connection.js";
export { RedisPacer, type RedisPacerOptions } from "./pacer.js";
export { RedisTokenStore, type RedisTokenStoreOptions } from "./token-store.js";

export interface RedisCoordinationOptions extends RedisConnectionOptions {
  /** The client's limits ("current" by default); give every process the same. */
  limits?: RateLimitsOption;
  /** One scope per public IP address sharing this Redis. Default "default". */
  scope?: string;
  /** Prefix of every Redis key. Default "eloverblik-kit". */
  prefix?: string;
  /** At least this many processes share the quota (their share applies while Redis is away). Default 1. */
  processes?: number;
  /** See `RedisTokenStoreOptions`. */
  renewBeforeMs?: number;
  exchangeLockMs?: number;
}

export interface RedisCoordination {
  /** Give to the client as `rateLimiter`. */
  rateLimiter: RedisPacer;
  /** Give to the client as `tokenStore`. */
  tokenStore: RedisTokenStore;
  /** "connecting" before the first call, then "redis" or "fallback". */
  readonly state: RedisState;
  /** The URL with any password replaced by ***. */
  readonly url: string;
  /** Closes the connection. */
  close(): Promise<void>;
}

/**
 * One Redis connection with a pacer and a token store on it, for `createEloverblik({ rateLimiter,
 * tokenStore })`. Throws `RedisUrlError` at once for a URL that cannot be used; never waits for
 * Redis itself (the first call waits at most `connectTimeoutMs`, then falls back).
 */
export function createRedisCoordination(options: RedisCoordinationOptions): RedisCoordination {
  if (options === null || typeof options !== "object") {
    throw new TypeError("createRedisCoordination needs options such as { url: 'redis://127.0.0.1:6379' }.");
  }
  // Check the pacer's and store's options before connecting, so a bad one leaves no socket open.
  const connection = new RedisConnection({ ...options, url: options.url, lazy: true });
  try {
    const rateLimiter = new RedisPacer({
      connection,
      limits: options.limits,
      scope: options.scope,
      prefix: options.prefix,
      processes: options.processes,
    });
    const tokenStore = new RedisTokenStore({
      connection,
      prefix: options.prefix,
      renewBeforeMs: options.renewBeforeMs,
      exchangeLockMs: options.exchangeLockMs,
    });
    connection.connect();
    return {
      rateLimiter,
      tokenStore,
      get state() {
        return connection.state;
      },
      url: connection.shownUrl,
      close: () => connection.close(),
    };
  } catch (error) {
    connection.redis.disconnect();
    throw error;
  }
}
