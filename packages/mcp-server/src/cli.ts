import { parseArgs } from "node:util";
import type { ApiKind } from "@eloverblik-kit/client";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createServerContext, startupTokenMessage } from "./context.js";
import { DEFAULT_HTTP_HOST, DEFAULT_HTTP_PORT, isLoopbackHost, startHttpServer } from "./http.js";
import { scrub } from "./secrets.js";
import { createServerForContext } from "./server.js";
import { VERSION } from "./version.js";

export const USAGE = `eloverblik-mcp ${VERSION}: Eloverblik (Energinet DataHub) as tools for AI assistants (MCP)

Usage:
  eloverblik-mcp                      stdio (what assistants start)
  eloverblik-mcp --simulator          against a built-in simulator with test data, no token needed
  eloverblik-mcp --http [--port N] [--host H]
                                      streamable HTTP on http://H:N/mcp (default ${DEFAULT_HTTP_HOST}:${DEFAULT_HTTP_PORT})

Environment:
  ELOVERBLIK_REFRESH_TOKEN   refresh token from eloverblik.dk (Datadeling → Opret token)
  ELOVERBLIK_API             customer (default) or thirdparty
  ELOVERBLIK_BASE_URL        default https://api.eloverblik.dk
  ELOVERBLIK_MCP_HTTP_TOKEN  bearer secret for --http; required when --host is not a loopback address
`;

export interface CliIo {
  /** Diagnostics; stdout belongs to the MCP protocol in stdio mode. */
  stderr: (text: string) => void;
  stdout: (text: string) => void;
  onShutdown: (handler: () => Promise<void>) => void;
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
    process.stdin.once("end", stop);
    process.stdin.once("close", stop);
  },
};

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
  if ((values.port !== undefined || values.host !== undefined) && !values.http) {
    io.stderr("eloverblik-mcp: --port and --host only apply with --http.");
    return 2;
  }
  const host = values.host ?? DEFAULT_HTTP_HOST;
  const httpToken = env.ELOVERBLIK_MCP_HTTP_TOKEN?.trim() || undefined;
  const knownSecrets = [env.ELOVERBLIK_REFRESH_TOKEN, httpToken].filter(
    (s): s is string => !!s && s.length >= 8,
  );
  const log = (text: string) => io.stderr(scrub(text, knownSecrets));

  // Refuse an exposed HTTP server before anything else starts.
  if (values.http) {
    if (!isLoopbackHost(host) && !httpToken) {
      log(
        `eloverblik-mcp: refusing to listen on ${host} without a bearer secret. Set ELOVERBLIK_MCP_HTTP_TOKEN (a long random string) or bind to 127.0.0.1.`,
      );
      return 1;
    }
  }

  let refreshToken = env.ELOVERBLIK_REFRESH_TOKEN;
  let baseUrl = env.ELOVERBLIK_BASE_URL?.trim() || undefined;
  const closers: Array<() => Promise<void>> = [];
  if (values.simulator) {
    const { startSimulator } = await import("@eloverblik-kit/simulator/server");
    const sim = await startSimulator({ port: 0 });
    closers.push(() => sim.close());
    refreshToken = sim.tokens[api];
    knownSecrets.push(sim.tokens.customer, sim.tokens.thirdparty);
    baseUrl = sim.url;
    log(
      `eloverblik-mcp: using the built-in simulator at ${sim.url}: made-up test data, no real token needed.`,
    );
  }

  const context = createServerContext({ api, refreshToken, baseUrl, log });
  log(startupTokenMessage(context));

  if (values.http) {
    let handle: Awaited<ReturnType<typeof startHttpServer>>;
    try {
      handle = await startHttpServer({ context, port, host, token: httpToken });
    } catch (error) {
      log(`eloverblik-mcp: ${error instanceof Error ? error.message : String(error)}`);
      for (const close of closers) await close();
      return 1;
    }
    closers.unshift(() => handle.close());
    log(
      `eloverblik-mcp: listening on ${handle.url}${httpToken ? " (bearer secret required)" : " (loopback only, no secret)"}`,
    );
  } else {
    const server = createServerForContext(context);
    await server.connect(new StdioServerTransport());
    closers.unshift(() => server.close());
  }
  io.onShutdown(async () => {
    for (const close of closers) await close().catch(() => undefined);
  });
  return "running";
}
