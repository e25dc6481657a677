// A client without its operations (createEloverblikSessionCore), which every client is built on.
import { type ApiKind, describeToken } from "./auth/describe-token.js";
import { createMemoryTokenStore, type TokenStore } from "./auth/token-store.js";
import {
  describeValue,
  EloverblikError,
  invalidInput,
  isEloverblikError,
} from "./errors/eloverblik-error.js";
import {
  type CallOptions,
  checkCallOptions,
  checkSignal,
  type OperationContext,
} from "./operations/context.js";
import type { Ports } from "./ports/ports.js";
import {
  createCustomerApiClient,
  createLegacyMeterReadingsClient,
  createThirdPartyApiClient,
  DEFAULT_BASE_URL,
} from "./raw/raw-clients.js";
import type { Stage } from "./transport/pipeline.js";
import type { ProgressListener } from "./transport/progress.js";
import { RateLimiter } from "./transport/rate-limiter.js";
import {
  type RateLimits,
  type RateLimitsOption,
  rateLimitsKey,
  resolveRateLimits,
} from "./transport/rate-limits.js";
import { type RetryOptions, resolveRetry } from "./transport/retry-policy.js";
import { Session } from "./transport/session.js";
import { combineSignals, raceSignal } from "./transport/signals.js";
import type { AuthProvider } from "./transport/stages/auth-stage.js";
import type { Pacer } from "./transport/stages/pacing-stage.js";

/** Options shared by `createEloverblik` (Node defaults) and `createEloverblikCore` (ports given). */
export interface EloverblikBaseOptions {
  api: ApiKind;
  /**
   * The refresh token created on eloverblik.dk (Datadeling → Opret token). Not needed when `auth`
   * is given: the host then owns the data-access token.
   */
  refreshToken?: string;
  /**
   * A host's own auth (e.g. an n8n credential that owns and renews the data-access token): data
   * calls take their token from it, and the client's own token exchange is switched off.
   */
  auth?: AuthProvider;
  /** Extra request stages, outermost first, run between auth and retry (logging, tracing). */
  stages?: readonly Stage[];
  /** Defaults to https://api.eloverblik.dk; give the simulator's URL to work offline. */
  baseUrl?: string;
  /** "current" (2 token calls and 120 calls per minute), "2024" (1 and 25), or your own numbers. */
  limits?: RateLimitsOption;
  /**
   * The limiter to pace with. By default clients in one process with the same base URL and clock
   * with equal limits share one (the quota is per IP address). Any `Pacer` works: a host may pace
   * several processes with one of its own.
   */
  rateLimiter?: Pacer;
  /**
   * Share one limiter with every other client of this process that has the same base URL and the
   * same `now`/`sleep` ports. `createEloverblik` turns it on when it uses Node's real clock.
   */
  shareRateLimiter?: boolean;
  retry?: Partial<RetryOptions>;
  /** Where the data-access token is kept between runs. Defaults to one store per process. */
  tokenStore?: TokenStore;
  /** Cancels everything this client does. */
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /** Years of history before the current year the API serves (5 today). */
  historyYears?: number;
}

export interface EloverblikCoreOptions extends EloverblikBaseOptions {
  /** Every host facility the client uses; nothing is taken from globals. */
  ports: Ports;
}

const processTokenStore = createMemoryTokenStore();

// Energinet counts calls per IP address, so clients in one process that talk to the same base URL
// on the same (real) clock with equal limits share one limiter.
const sharedLimiters = new WeakMap<Ports["now"], WeakMap<Ports["sleep"], Map<string, RateLimiter>>>();

function sharedLimiterFor(baseUrl: string, ports: Ports, limits: RateLimits): RateLimiter {
  let bySleep = sharedLimiters.get(ports.now);
  if (!bySleep) {
    bySleep = new WeakMap();
    sharedLimiters.set(ports.now, bySleep);
  }
  let byKey = bySleep.get(ports.sleep);
  if (!byKey) {
    byKey = new Map();
    bySleep.set(ports.sleep, byKey);
  }
  const key = `${baseUrl} ${rateLimitsKey(limits)}`;
  let limiter = byKey.get(key);
  if (!limiter) {
    limiter = new RateLimiter(limits, ports);
    byKey.set(key, limiter);
  }
  return limiter;
}

/**
 * Options checked first: a bad one rejects the call before any request, the token exchange
 * included. A call whose signal (its own or the client's) aborts rejects at once with ABORTED;
 * the requests it started stop in the background.
 */
export function guard<T>(
  clientSignal: AbortSignal | undefined,
  options: unknown,
  operation: string,
  run: () => Promise<T>,
): Promise<T> {
  try {
    checkCallOptions(options, operation);
  } catch (error) {
    return Promise.reject(error);
  }
  const signal = combineSignals(clientSignal, (options as CallOptions | undefined)?.signal);
  const work = run();
  if (!signal) return work;
  work.catch(() => undefined);
  return raceSignal(work, signal).catch((error: unknown) => {
    if (!signal.aborted || (isEloverblikError(error) && error.code === "ABORTED")) throw error;
    throw new EloverblikError({
      code: "ABORTED",
      message: `The ${operation} call was cancelled.`,
      operation,
      cause: signal.reason,
    });
  });
}

const isFunction = (value: unknown): value is (...args: never[]) => unknown => typeof value === "function";

/** Every option checked before anything is sent: one INVALID_INPUT naming the option. */
function checkOptions(options: EloverblikCoreOptions): void {
  const { tokenStore, rateLimiter, signal, onProgress, historyYears, baseUrl } = options;
  if (baseUrl !== undefined && typeof baseUrl !== "string") {
    throw invalidInput(
      `baseUrl must be a string such as "https://api.eloverblik.dk"; got ${describeValue(baseUrl)}.`,
    );
  }
  if (tokenStore !== undefined && !(tokenStore && isFunction(tokenStore.get) && isFunction(tokenStore.set))) {
    throw invalidInput(
      "tokenStore must have get(key) and set(key, value) functions (and optionally delete).",
    );
  }
  if (rateLimiter !== undefined && !(rateLimiter && isFunction(rateLimiter.acquire))) {
    throw invalidInput(
      "rateLimiter must be a Pacer: a RateLimiter, another client's `rateLimiter`, or an object with acquire(kind, signal, onWait).",
    );
  }
  checkSignal(signal, "signal");
  if (onProgress !== undefined && !isFunction(onProgress)) {
    throw invalidInput(`onProgress must be a function; got ${describeValue(onProgress)}.`);
  }
  if (
    historyYears !== undefined &&
    !(Number.isInteger(historyYears) && historyYears >= 0 && historyYears <= 50)
  ) {
    throw invalidInput(
      `historyYears must be a whole number from 0 to 50; got ${describeValue(historyYears)}.`,
    );
  }
}

/** Checks the refresh token's claims so that a wrong or expired token fails before any request. */
function checkRefreshToken(api: ApiKind, refreshToken: unknown, nowMs: number): string {
  if (typeof refreshToken !== "string" || refreshToken.trim() === "") {
    throw new EloverblikError({
      code: "TOKEN_MISSING",
      message: "No refresh token was given. Create one on eloverblik.dk (Datadeling → Opret token).",
    });
  }
  const token = refreshToken.trim();
  if (!/^[A-Za-z0-9._~+/=-]+$/.test(token)) {
    throw new EloverblikError({
      code: "TOKEN_INVALID",
      message:
        "The refresh token contains characters a token cannot have (a line break or space from copying?). Paste it again as one line.",
    });
  }
  let info: ReturnType<typeof describeToken>;
  try {
    info = describeToken(token, nowMs);
  } catch (error) {
    throw new EloverblikError({
      code: "TOKEN_INVALID",
      message: isEloverblikError(error) ? error.message : "The refresh token cannot be read.",
    });
  }
  const apiName = (a: ApiKind) => (a === "customer" ? "Customer" : "Third Party");
  if (info.kind === "data-access") {
    throw new EloverblikError({
      code: "WRONG_TOKEN_TYPE",
      message:
        "This is a data-access token; the client needs the refresh token created on eloverblik.dk and exchanges it itself.",
    });
  }
  if (info.api && info.api !== api) {
    throw new EloverblikError({
      code: "WRONG_TOKEN_TYPE",
      message: `This refresh token belongs to the ${apiName(info.api)} API, but the client is set up for the ${apiName(api)} API. Set api: "${info.api}" or use a ${apiName(api)} token.`,
    });
  }
  if (info.expired) {
    throw new EloverblikError({
      code: "TOKEN_EXPIRED",
      message: `The refresh token${info.name ? ` "${info.name}"` : ""} expired on ${info.expiresAt}. Create a new one on eloverblik.dk (Datadeling → Opret token).`,
    });
  }
  return token;
}

/** What every operation of a client runs in: its context and the client's own signal. */
export interface SessionHandle {
  ctx: OperationContext;
  signal: AbortSignal | undefined;
}

const handles = new WeakMap<object, SessionHandle>();

/** The context of a session made by `createEloverblikSessionCore` (or of a whole client). */
export function handleOf(session: object): SessionHandle {
  const handle = typeof session === "object" && session !== null ? handles.get(session) : undefined;
  if (handle === undefined) {
    throw invalidInput(
      "Expected a session from createEloverblikSession (or a client from createEloverblik) as the first argument.",
    );
  }
  return handle;
}

/**
 * A client without its operations: the token exchange and cache, pacing, retries and the raw
 * clients, every option checked as `createEloverblikCore` checks it. Pass it to the operations
 * imported one by one (`getTimeSeries(session, ids, query)`), so that an app bundles only those it
 * uses. Every port given explicitly; `createEloverblikSession` is this plus Node's defaults.
 */
export function createEloverblikSessionCore(options: EloverblikCoreOptions) {
  if (options === null || typeof options !== "object")
    throw invalidInput("createEloverblik needs an options object.");
  const { api } = options;
  if (api !== "customer" && api !== "thirdparty") {
    throw invalidInput(`api must be "customer" or "thirdparty"; got ${JSON.stringify(api)}.`);
  }
  const { ports } = options;
  if (!ports || typeof ports.fetch !== "function" || typeof ports.sleep !== "function") {
    throw invalidInput("createEloverblikCore needs ports: { fetch, sleep, now, random }.");
  }
  checkOptions(options);
  const { auth } = options;
  if (auth !== undefined && !(auth && isFunction(auth.token))) {
    throw invalidInput(
      "auth must have a token(signal) function (and optionally current() and refused(token)).",
    );
  }
  if (options.stages !== undefined && !(Array.isArray(options.stages) && options.stages.every(isFunction))) {
    throw invalidInput("stages must be an array of functions (next) => send.");
  }
  // With a host's auth the client never sends a refresh token; one given anyway is still checked.
  const refreshToken =
    auth && options.refreshToken === undefined
      ? undefined
      : checkRefreshToken(api, options.refreshToken, ports.now());
  const baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  let protocol = "";
  try {
    protocol = new URL(baseUrl).protocol;
  } catch {
    throw invalidInput(`baseUrl is not a valid URL: ${describeValue(baseUrl)}.`);
  }
  if (protocol !== "https:" && protocol !== "http:") {
    throw invalidInput(`baseUrl must be an http(s) URL; got ${describeValue(baseUrl)}.`);
  }
  // Request and fetch are passed so that openapi-fetch never reaches for its global defaults.
  const rawOptions = { baseUrl, fetch: ports.fetch, Request };
  const raw = {
    customer: createCustomerApiClient(rawOptions),
    thirdparty: createThirdPartyApiClient(rawOptions),
    legacy: createLegacyMeterReadingsClient(rawOptions),
  };
  const limits = resolveRateLimits(options.limits);
  const retry = resolveRetry(options.retry);
  const limiter =
    options.rateLimiter ??
    (options.shareRateLimiter ? sharedLimiterFor(baseUrl, ports, limits) : new RateLimiter(limits, ports));
  const session = new Session({
    api,
    refreshToken,
    baseUrl,
    ports,
    pacer: limiter,
    auth,
    stages: options.stages as readonly Stage[] | undefined,
    retry,
    tokenStore: options.tokenStore ?? processTokenStore,
    signal: options.signal,
    onProgress: options.onProgress,
    exchange: (fetchImpl) =>
      api === "customer"
        ? raw.customer.GET("/customerapi/api/token", { fetch: fetchImpl })
        : raw.thirdparty.GET("/thirdpartyapi/api/token", { fetch: fetchImpl }),
  });
  const ctx: OperationContext = {
    api,
    session,
    ports,
    ...raw,
    batchSize: 10,
    maxDays: 730,
    historyYears: options.historyYears ?? 5,
    lastCorrelationId: undefined,
  };

  const client = {
    api,
    baseUrl,
    /** The limiter this client paces itself with; pass it to other clients to share the quota. */
    rateLimiter: limiter,
    /** Correlation id of the latest answer (`X-Correlation-ID`), for Energinet support. */
    get lastCorrelationId(): string | undefined {
      return ctx.lastCorrelationId;
    },
    /**
     * openapi-fetch clients typed from spec/, for anything the operations don't cover. They do
     * not add tokens; `accessToken()` gives you one.
     */
    raw,
    /** A valid data-access token (exchanged and cached as needed). */
    accessToken: (signal?: AbortSignal) => session.accessToken(signal),
  };
  handles.set(client, { ctx, signal: options.signal });
  return client;
}

export type EloverblikSession = ReturnType<typeof createEloverblikSessionCore>;
