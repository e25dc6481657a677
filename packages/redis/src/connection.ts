import { Redis } from "ioredis";

/** What the package reports about its Redis connection. */
export type RedisState = "connecting" | "redis" | "fallback";

export interface RedisConnectionOptions {
  /** `redis://[user:password@]host[:port][/db]` or `rediss://…` (TLS). */
  url: string;
  /** How long one Redis command may take before the call falls back (ms). Default 1000. */
  commandTimeoutMs?: number;
  /** How long the first use waits for the first connection before it falls back (ms). Default 2000. */
  connectTimeoutMs?: number;
  /**
   * Called once each time Redis becomes unreachable (and the client falls back to in-process
   * pacing and memory), with a message that names no password. Defaults to `process.emitWarning`.
   */
  onWarning?: (message: string) => void;
  /** Called on every change between "redis" and "fallback". */
  onStateChange?: (state: RedisState) => void;
  /** Connect only when `connect()` is called (default: at once). */
  lazy?: boolean;
}

/** Thrown for a Redis URL that cannot be used; the message never repeats a password. */
export class RedisUrlError extends Error {
  override name = "RedisUrlError";
  readonly code = "INVALID_REDIS_URL";
}

/**
 * Checks a Redis URL and returns it with any password replaced by `***` (for messages). Throws
 * `RedisUrlError` with a short, bounded message for anything that is not a redis:// or rediss:// URL.
 */
export function checkRedisUrl(url: unknown): { url: string; shown: string } {
  if (typeof url !== "string" || url.trim() === "") {
    throw new RedisUrlError("The Redis URL is empty; give one such as redis://127.0.0.1:6379.");
  }
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new RedisUrlError(
      `The Redis URL is not a URL (${url.length} characters); give one such as redis://127.0.0.1:6379.`,
    );
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    throw new RedisUrlError(
      `The Redis URL must start with redis:// or rediss://; got ${JSON.stringify(parsed.protocol.slice(0, 20))}.`,
    );
  }
  if (parsed.hostname === "") {
    throw new RedisUrlError("The Redis URL has no host; give one such as redis://127.0.0.1:6379.");
  }
  const db = parsed.pathname.replace(/^\//, "");
  if (db !== "" && !/^\d{1,2}$/.test(db)) {
    throw new RedisUrlError(
      "The Redis URL's path must be a database number (such as /0) or nothing; this one is not.",
    );
  }
  const shown = new URL(parsed.href);
  if (shown.password !== "") shown.password = "***";
  return { url: parsed.href, shown: shown.href };
}

/**
 * One ioredis connection shared by the pacer and the token store of a process: commands never
 * queue while it is down (they fail at once, and the caller falls back), each command is bounded
 * by a timeout, and ioredis reconnects in the background so a Redis that comes back is used again.
 */
export class RedisConnection {
  readonly redis: Redis;
  readonly shownUrl: string;
  private stateNow: RedisState = "connecting";
  private firstReady: Promise<void> | undefined;
  private readonly connectTimeoutMs: number;
  private readonly onWarning: (message: string) => void;
  private readonly onStateChange: ((state: RedisState) => void) | undefined;
  private closed = false;

  constructor(options: RedisConnectionOptions) {
    const { url, shown } = checkRedisUrl(options.url);
    this.shownUrl = shown;
    this.connectTimeoutMs = positive(options.connectTimeoutMs, 2000, "connectTimeoutMs");
    const commandTimeout = positive(options.commandTimeoutMs, 1000, "commandTimeoutMs");
    this.onWarning =
      options.onWarning ?? ((message) => process.emitWarning(message, { code: "ELOVERBLIK_REDIS_FALLBACK" }));
    this.onStateChange = options.onStateChange;
    this.redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout,
      connectTimeout: this.connectTimeoutMs,
      // Keep trying in the background, at most every 2 s; callers never wait for it.
      retryStrategy: (times) => Math.min(100 * times, 2000),
      // No READONLY/MOVED handling: a single node (or a proxy in front of one).
      enableReadyCheck: true,
    });
    // ioredis emits "error" for every failed (re)connect; the state change is reported once instead.
    this.redis.on("error", () => undefined);
    this.redis.on("end", () => undefined);
    if (!options.lazy) this.connect();
  }

  /** Starts connecting (once); later reconnects happen by themselves. */
  connect(): void {
    if (this.firstReady) return;
    this.firstReady = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.connectTimeoutMs);
      timer.unref();
      this.redis.once("ready", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.redis.connect().catch(() => undefined);
  }

  get state(): RedisState {
    return this.stateNow;
  }

  /** True when a command may be tried now (connected, or never tried since the last failure). */
  get usable(): boolean {
    return this.redis.status === "ready";
  }

  /**
   * Runs one Redis operation; resolves `undefined` (and switches to fallback, warning once per
   * outage) when Redis cannot answer. Never rejects for a Redis fault, never waits longer than the
   * command timeout (plus, on first use, the connect timeout).
   */
  async run<T>(operation: (redis: Redis) => Promise<T>): Promise<{ value: T } | undefined> {
    if (this.closed) return undefined;
    if (this.stateNow === "connecting") {
      this.connect();
      await this.firstReady;
    }
    if (!this.usable) {
      this.down(new Error(`not connected (${this.redis.status})`));
      return undefined;
    }
    try {
      const value = await operation(this.redis);
      this.up();
      return { value };
    } catch (error) {
      // A script error (our bug) is not an outage: surface it.
      if (error instanceof Error && /^(ERR|NOSCRIPT|WRONGTYPE)/.test(error.message)) throw error;
      this.down(error);
      return undefined;
    }
  }

  /** Closes the connection (no reconnect); later operations fall back silently. */
  async close(): Promise<void> {
    this.closed = true;
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  private up(): void {
    if (this.stateNow === "redis") return;
    this.stateNow = "redis";
    this.onStateChange?.("redis");
  }

  private down(error: unknown): void {
    if (this.stateNow === "fallback") return;
    this.stateNow = "fallback";
    const reason = error instanceof Error ? error.message.replace(/redis(s)?:\/\/\S*/g, "<url>") : "";
    this.onWarning(
      `Redis at ${this.shownUrl} is unreachable (${reason.slice(0, 120)}); pacing in this process with its share of the quota and keeping tokens in memory until it answers again.`,
    );
    this.onStateChange?.("fallback");
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`${name} must be a positive number of milliseconds.`);
  }
  return value;
}
