import { parseArgs } from "node:util";
import type { ApiKind } from "@eloverblik-kit/client";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { type CreateServerOptions, createServerContext, startupTokenMessage } from "./context.js";
import { scrub } from "./secrets.js";
import { createServerForContext } from "./server.js";
import { VERSION } from "./version.js";

// The HTTP transport (and the SDK's HTTP stack) loads only with --http: stdio starts faster.
const DEFAULT_HTTP_HOST = "127.0.0.1";
const DEFAULT_HTTP_PORT = 3000;
/** When the stdio server reports on its token: after the first answers a host asks for. */
const STARTUP_MESSAGE_DELAY_MS = 200;
/** How long answers still owed may take once stdin has closed, before the process exits anyway. */
const DRAIN_TIMEOUT_MS = 120_000;

export const USAGE = `eloverblik-mcp ${VERSION}: Eloverblik (Energinet DataHub) as tools for AI assistants (MCP)

Usage:
  eloverblik-mcp                      stdio (what assistants start)
  eloverblik-mcp --simulator          against a built-in simulator with test data, no token needed
  eloverblik-mcp --http [--port N] [--host H] [--allow-origin O]...
                                      streamable HTTP on http://H:N/mcp (default ${DEFAULT_HTTP_HOST}:${DEFAULT_HTTP_PORT})
  --read-only                         only the tools that read: no linking or unlinking of metering points

Environment:
  ELOVERBLIK_REFRESH_TOKEN        refresh token from eloverblik.dk (Datadeling → Opret token)
  ELOVERBLIK_API                  customer (default) or thirdparty
  ELOVERBLIK_BASE_URL             default https://api.eloverblik.dk
  ENERGI_DATA_SERVICE_BASE_URL    default https://api.energidataservice.dk (prices for get_electricity_cost)
  ELOVERBLIK_MCP_READ_ONLY        1 (or true) does what --read-only does
  ELOVERBLIK_MCP_HTTP_TOKEN       bearer secret for --http, at least 32 characters; required when
                                  --host is not a loopback address
  ELOVERBLIK_MCP_ALLOWED_ORIGINS  browser origins allowed besides loopback ones, comma-separated
  ELOVERBLIK_REDIS_URL            redis://host:port: share the rate limit and the data-access token with
                                  every replica and process using this Redis (the quota is per IP)
  ELOVERBLIK_REDIS_PROCESSES      processes sharing the quota (each one's share while Redis is away)
`;

export interface CliIo {
  /** Diagnostics; stdout belongs to the MCP protocol in stdio mode. */
  stderr: (text: string) => void;
  stdout: (text: string) => void;
  /** A signal asks the process to stop: `handler` closes what runs, then the process exits. */
  onShutdown: (handler: () => Promise<void>) => void;
  /**
   * Stdin closed (stdio mode): `handler` answers what is still owed and closes, then the
   * process exits.
   */
  onInputEnd?: (handler: () => Promise<void>) => void;
}

/** Exits once stdout has taken everything written to it, so that no answer is cut off. */
function exitAfterStdout(): void {
  process.stdout.write("", () => process.exit(0));
}

const defaultIo: CliIo = {
  stderr: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  stdout: (text) => process.stdout.write(text),
  onShutdown: (handler) => {
    let done = false;
    const stop = () => {
      if (done) return;
      done = true;
      handler().finally(() => process.exit(0));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  },
  onInputEnd: (handler) => {
    let done = false;
    const stop = () => {
      if (done) return;
      done = true;
      handler().finally(exitAfterStdout);
    };
    process.stdin.once("end", stop);
    process.stdin.once("close", stop);
  },
};

/** "1", "true", "yes" or "on" (any case) switch a boolean variable on. */
function envFlag(value: string | undefined): boolean {
  return /^(1|true|yes|on)$/i.test(value?.trim() ?? "");
}

function parseApi(value: string | undefined): ApiKind | undefined {
  const v = (value ?? "customer").trim().toLowerCase().replace(/[-_ ]/g, "");
  if (v === "" || v === "customer") return "customer";
  if (v === "thirdparty") return "thirdparty";
  return undefined;
}

/**
 * Runs the server as the bin does. Resolves with an exit code when it cannot start, or with
 * "running" once it serves (the process then lives until stdin closes or a signal arrives).
 */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  io: CliIo = defaultIo,
): Promise<number | "running"> {
  let values: {
    simulator?: boolean;
    http?: boolean;
    port?: string;
    host?: string;
    "allow-origin"?: string[];
    "read-only"?: boolean;
    help?: boolean;
    version?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        simulator: { type: "boolean" },
        http: { type: "boolean" },
        port: { type: "string" },
        host: { type: "string" },
        "allow-origin": { type: "string", multiple: true },
        "read-only": { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr(`eloverblik-mcp: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const api = parseApi(env.ELOVERBLIK_API);
  if (!api) {
    io.stderr(
      `eloverblik-mcp: ELOVERBLIK_API must be "customer" or "thirdparty"; got ${JSON.stringify(env.ELOVERBLIK_API)}.`,
    );
    return 2;
  }
  let port = DEFAULT_HTTP_PORT;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65_535) {
      io.stderr(
        `eloverblik-mcp: --port must be a number from 0 to 65535; got ${JSON.stringify(values.port)}.`,
      );
      return 2;
    }
  }
  if ((values.port !== undefined || values.host !== undefined || values["allow-origin"]) && !values.http) {
    io.stderr("eloverblik-mcp: --port, --host and --allow-origin only apply with --http.");
    return 2;
  }
  const allowedOrigins = [
    ...(env.ELOVERBLIK_MCP_ALLOWED_ORIGINS?.split(",") ?? []),
    ...(values["allow-origin"] ?? []),
  ]
    .map((o) => o.trim())
    .filter((o) => o !== "");
  const readOnly = values["read-only"] === true || envFlag(env.ELOVERBLIK_MCP_READ_ONLY);
  const host = values.host ?? DEFAULT_HTTP_HOST;
  const httpToken = env.ELOVERBLIK_MCP_HTTP_TOKEN?.trim() || undefined;
  const knownSecrets = [env.ELOVERBLIK_REFRESH_TOKEN, httpToken].filter(
    (s): s is string => !!s && s.length >= 8,
  );
  const log = (text: string) => io.stderr(scrub(text, knownSecrets));

  // Refuse an exposed HTTP server, or a guessable secret, before anything else starts.
  const http = values.http ? await import("./http.js") : undefined;
  if (http) {
    const problem = http.secretProblem(httpToken, host);
    if (problem) {
      log(`eloverblik-mcp: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`);
      return 1;
    }
  }

  let refreshToken = env.ELOVERBLIK_REFRESH_TOKEN;
  let baseUrl = env.ELOVERBLIK_BASE_URL?.trim() || undefined;
  let edsBaseUrl = env.ENERGI_DATA_SERVICE_BASE_URL?.trim() || undefined;
  const closers: Array<() => Promise<void>> = [];
  if (values.simulator) {
    const { startSimulator } = await import("@eloverblik-kit/simulator/server");
    const sim = await startSimulator({ port: 0 });
    closers.push(() => sim.close());
    refreshToken = sim.tokens[api];
    knownSecrets.push(sim.tokens.customer, sim.tokens.thirdparty);
    baseUrl = sim.url;
    // The simulator serves Energi Data Service's datasets on the same port.
    edsBaseUrl = sim.url;
    log(
      `eloverblik-mcp: using the built-in simulator at ${sim.url}: made-up test data, no real token needed.`,
    );
  }

  // Several replicas behind one IP share one pace and one data-access token through Redis.
  const redisUrl = env.ELOVERBLIK_REDIS_URL?.trim();
  let clientOptions: CreateServerOptions["clientOptions"];
  if (redisUrl) {
    const processesText = env.ELOVERBLIK_REDIS_PROCESSES?.trim();
    if (processesText && !/^\d{1,3}$/.test(processesText)) {
      log(
        `eloverblik-mcp: ELOVERBLIK_REDIS_PROCESSES must be a whole number; got ${JSON.stringify(processesText.slice(0, 20))}.`,
      );
      for (const close of closers) await close();
      return 2;
    }
    const { createRedisCoordination } = await import("@eloverblik-kit/redis");
    let redis: ReturnType<typeof createRedisCoordination>;
    try {
      redis = createRedisCoordination({
        url: redisUrl,
        ...(processesText ? { processes: Math.max(1, Number(processesText)) } : {}),
        onWarning: (message) => log(`eloverblik-mcp: warning: ${message}`),
      });
    } catch (error) {
      log(`eloverblik-mcp: ELOVERBLIK_REDIS_URL: ${error instanceof Error ? error.message : String(error)}`);
      for (const close of closers) await close();
      return 2;
    }
    closers.push(() => redis.close());
    clientOptions = { rateLimiter: redis.rateLimiter, tokenStore: redis.tokenStore };
    log(`eloverblik-mcp: sharing the rate limit and the data-access token through Redis at ${redis.url}.`);
  }

  const context = createServerContext({
    api,
    refreshToken,
    baseUrl,
    log,
    readOnly,
    clientOptions,
    ...(edsBaseUrl ? { edsBaseUrl } : {}),
  });
  let announced = false;
  const announce = () => {
    if (announced) return;
    announced = true;
    log(startupTokenMessage(context));
    if (readOnly) log("eloverblik-mcp: read-only: the tools that link or unlink metering points are off.");
  };

  if (http) {
    let handle: Awaited<ReturnType<typeof http.startHttpServer>>;
    try {
      handle = await http.startHttpServer({ context, port, host, token: httpToken, allowedOrigins });
    } catch (error) {
      log(`eloverblik-mcp: ${error instanceof Error ? error.message : String(error)}`);
      for (const close of closers) await close();
      return 1;
    }
    closers.unshift(() => handle.close());
    announce();
    log(
      `eloverblik-mcp: listening on ${handle.url}${httpToken ? " (bearer secret required)" : " (loopback only, no secret)"}`,
    );
  } else {
    const server = createServerForContext(context);
    await server.connect(new StdioServerTransport());
    closers.unshift(() => server.close());
    // Checking the token creates the client (and loads Node's fetch), which the first answers
    // (initialize, tools/list) do not need: it waits until a host has had them.
    const announcing = setTimeout(announce, STARTUP_MESSAGE_DELAY_MS);
    // Piped use (`printf '…' | eloverblik-mcp`) closes stdin right after the last request: the
    // answers still owed are written first, then the process exits.
    io.onInputEnd?.(async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), DRAIN_TIMEOUT_MS);
        timer.unref();
      });
      if ((await Promise.race([server.idle(), timeout])) === "timeout") {
        log(`eloverblik-mcp: stdin closed; gave up waiting for answers after ${DRAIN_TIMEOUT_MS / 1000} s.`);
      }
      clearTimeout(timer);
      clearTimeout(announcing);
      announce();
      await closeAll();
    });
  }
  const closeAll = async () => {
    for (const close of closers.splice(0)) await close().catch(() => undefined);
  };
  io.onShutdown(closeAll);
  return "running";
}
