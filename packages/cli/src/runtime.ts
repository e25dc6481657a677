import {
  type ApiKind,
  createEloverblik,
  createMemoryTokenStore,
  describeToken,
  type Eloverblik,
  EloverblikError,
} from "@eloverblik-kit/client";
import {
  createEnergiDataService,
  createMemoryPriceCache,
  type EnergiDataService,
} from "@eloverblik-kit/client/energi-data-service";
import { createFilePriceCache, createFileTokenStore } from "@eloverblik-kit/client/node";
import { UsageError } from "./exit-codes.js";
import type { Io } from "./io.js";
import { FORMATS, type Format } from "./output.js";
import { accessTokenDirectory, priceCacheDirectory } from "./paths.js";
import { createProgress, type Progress } from "./progress.js";
import { type FoundToken, findRefreshToken } from "./token-source.js";

/** The options every command takes (given before or after the command name). */
export interface GlobalOptions {
  api?: string;
  format?: string;
  simulator?: boolean;
  baseUrl?: string;
  retries?: string;
  progress?: boolean;
}

export interface Runtime {
  readonly io: Io;
  readonly env: NodeJS.ProcessEnv;
  readonly format: Format;
  /** The format as typed: errors are JSON on stderr only when `--format json|ndjson` was asked for. */
  readonly errorFormat: Format | undefined;
  readonly signal: AbortSignal;
  readonly simulator: boolean;
  /** The API asked for (`--api`, `ELOVERBLIK_API`), else the found token's, else customer. */
  api(): Promise<ApiKind>;
  /** The refresh token and where it is kept; undefined when there is none. */
  token(): Promise<FoundToken | undefined>;
  client(): Promise<Eloverblik>;
  /** Energi Data Service (no token), with published prices cached in files between runs. */
  eds(): Promise<EnergiDataService>;
  baseUrl(): Promise<string | undefined>;
  /** Progress for one call: a bar on a terminal for multi-request fetches, waits as warnings. */
  progress(label: string): Progress;
  close(): Promise<void>;
}

export function parseApi(value: string | undefined, from: string): ApiKind | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const v = value.trim().toLowerCase().replace(/[-_ ]/g, "");
  if (v === "customer") return "customer";
  if (v === "thirdparty") return "thirdparty";
  throw new UsageError(
    `${from} must be "customer" or "thirdparty"; got ${JSON.stringify(value.slice(0, 40))}.`,
  );
}

export function parseFormat(value: string | undefined, io: Io): Format {
  if (value === undefined) return io.stdoutIsTTY ? "table" : "json";
  const v = value.trim().toLowerCase();
  if ((FORMATS as readonly string[]).includes(v)) return v as Format;
  throw new UsageError(
    `--format must be one of ${FORMATS.join(", ")}; got ${JSON.stringify(value.slice(0, 40))}.`,
  );
}

function parseRetries(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,2}$/.test(value.trim()) || Number(value) < 1 || Number(value) > 10) {
    throw new UsageError(
      `--retries must be a whole number of attempts from 1 to 10; got ${JSON.stringify(value.slice(0, 40))}.`,
    );
  }
  return Number(value);
}

function noToken(): EloverblikError {
  return new EloverblikError({
    code: "TOKEN_MISSING",
    message:
      "No refresh token: ELOVERBLIK_REFRESH_TOKEN is not set and none is stored. Run `eloverblik login`, set ELOVERBLIK_REFRESH_TOKEN, or try any command with --simulator.",
  });
}

/**
 * The shared pace and token store of ELOVERBLIK_REDIS_URL (loaded only when it is set); a URL that
 * cannot be used is a usage error (exit 2) whose message never repeats a password.
 * ELOVERBLIK_REDIS_PROCESSES says how many processes share the quota (their share while Redis is away).
 */
async function redisFor(env: NodeJS.ProcessEnv, io: Io) {
  const url = env.ELOVERBLIK_REDIS_URL?.trim();
  if (!url) return undefined;
  const processesText = env.ELOVERBLIK_REDIS_PROCESSES?.trim();
  if (processesText && !/^\d{1,3}$/.test(processesText)) {
    throw new UsageError(
      `ELOVERBLIK_REDIS_PROCESSES must be a whole number of processes; got ${JSON.stringify(processesText.slice(0, 20))}.`,
    );
  }
  const { createRedisCoordination, RedisUrlError } = await import("@eloverblik-kit/redis");
  try {
    return createRedisCoordination({
      url,
      ...(processesText ? { processes: Math.max(1, Number(processesText)) } : {}),
      onWarning: (message) => io.err(`eloverblik: warning: ${message}`),
    });
  } catch (error) {
    if (error instanceof RedisUrlError) throw new UsageError(`ELOVERBLIK_REDIS_URL: ${error.message}`);
    throw error;
  }
}

export function createRuntime(
  options: GlobalOptions,
  env: NodeJS.ProcessEnv,
  io: Io,
  signal: AbortSignal,
): Runtime {
  const format = parseFormat(options.format, io);
  const explicitApi = parseApi(options.api, "--api") ?? parseApi(env.ELOVERBLIK_API, "ELOVERBLIK_API");
  const maxAttempts = parseRetries(options.retries);
  const baseUrlOption = options.baseUrl?.trim() || env.ELOVERBLIK_BASE_URL?.trim() || undefined;
  const showProgress = options.progress !== false;
  const closers: Array<() => Promise<void>> = [];
  let sim: Promise<{ url: string; tokens: Record<ApiKind, string> }> | undefined;
  const simulator = () => {
    sim ??= import("@eloverblik-kit/simulator/server").then(async ({ startSimulator }) => {
      const running = await startSimulator({ port: 0, seed: 1 });
      closers.push(() => running.close());
      io.secret(running.tokens.customer);
      io.secret(running.tokens.thirdparty);
      io.err(`eloverblik: using the built-in simulator at ${running.url}: made-up data, no token needed.`);
      return running;
    });
    return sim;
  };
  let found: Promise<FoundToken | undefined> | undefined;
  const token = () => {
    found ??= (async () => {
      if (options.simulator) {
        const running = await simulator();
        const api = explicitApi ?? "customer";
        return { token: running.tokens[api], api, source: { kind: "simulator" } } satisfies FoundToken;
      }
      const f = await findRefreshToken(env, explicitApi);
      io.secret(f?.token);
      return f;
    })();
    return found;
  };
  const api = async (): Promise<ApiKind> => {
    if (explicitApi) return explicitApi;
    const f = await token();
    if (f?.api) return f.api;
    if (f) {
      try {
        return describeToken(f.token).api ?? "customer";
      } catch {
        return "customer";
      }
    }
    return "customer";
  };
  const baseUrl = async () => (options.simulator ? (await simulator()).url : baseUrlOption);
  let client: Promise<Eloverblik> | undefined;
  let eds: Promise<EnergiDataService> | undefined;
  const edsBaseUrlOption = env.ENERGI_DATA_SERVICE_BASE_URL?.trim() || undefined;
  return {
    io,
    env,
    format,
    errorFormat: options.format === undefined ? undefined : format,
    signal,
    simulator: options.simulator === true,
    api,
    token,
    baseUrl,
    client() {
      client ??= (async () => {
        const f = await token();
        if (!f) throw noToken();
        const url = await baseUrl();
        const redis = await redisFor(env, io);
        if (redis) closers.push(() => redis.close());
        return createEloverblik({
          api: await api(),
          refreshToken: f.token,
          ...(url ? { baseUrl: url } : {}),
          // With ELOVERBLIK_REDIS_URL, every process using that Redis shares one pace and one
          // data-access token. Otherwise, between runs the data-access token is kept in 0600 files
          // named by digests of the refresh token; the simulator's tokens change with every start,
          // so they stay in memory.
          ...(redis ? { rateLimiter: redis.rateLimiter } : {}),
          tokenStore: redis
            ? redis.tokenStore
            : options.simulator
              ? createMemoryTokenStore()
              : createFileTokenStore(accessTokenDirectory(env)),
          signal,
          ...(maxAttempts === undefined ? {} : { retry: { maxAttempts } }),
        });
      })();
      return client;
    },
    eds() {
      eds ??= (async () => {
        // The simulator serves Energi Data Service on its own port; its made-up prices stay in memory.
        const url = options.simulator ? (await simulator()).url : edsBaseUrlOption;
        return createEnergiDataService({
          ...(url ? { baseUrl: url } : {}),
          cache: options.simulator
            ? createMemoryPriceCache()
            : createFilePriceCache(priceCacheDirectory(env), {
                scope: url ?? "https://api.energidataservice.dk",
              }),
          signal,
          ...(maxAttempts === undefined ? {} : { retry: { maxAttempts } }),
        });
      })();
      return eds;
    },
    progress: (label) => createProgress(io, label, showProgress),
    async close() {
      for (const c of closers.splice(0)) await c().catch(() => undefined);
    },
  };
}
