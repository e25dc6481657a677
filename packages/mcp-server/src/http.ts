import { createHash, timingSafeEqual } from "node:crypto";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { ServerContext } from "./context.js";
import { createServerForContext } from "./server.js";

export interface StartHttpOptions {
  context: ServerContext;
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. Any non-loopback address requires `token`. */
  host?: string;
  /** Bearer secret clients must send (`Authorization: Bearer …`). Required off loopback. */
  token?: string | undefined;
  /** Default "/mcp". */
  path?: string;
}

export interface HttpServerHandle {
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_HTTP_PORT = 3000;
export const DEFAULT_HTTP_HOST = "127.0.0.1";

/** Whether an address can only be reached from this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** Constant-time comparison: hashing first makes both sides the same length. */
export function bearerMatches(header: string | undefined, secret: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  const given = match?.[1]?.trim() ?? "";
  return timingSafeEqual(digest(given), digest(secret)) && given.length > 0;
}

function hostnameOf(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined;
  try {
    return new URL(`http://${hostHeader}`).hostname.replace(/^\[|\]$/g, "").toLowerCase();
  } catch {
    return undefined;
  }
}

function sendJson(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
}

/**
 * Serves MCP over streamable HTTP, statelessly: each POST gets a fresh MCP server on the shared
 * context (one client, one token cache, one rate limiter), so nothing accumulates between requests.
 */
export async function startHttpServer(options: StartHttpOptions): Promise<HttpServerHandle> {
  const host = options.host ?? DEFAULT_HTTP_HOST;
  const path = options.path ?? "/mcp";
  const secret = options.token?.trim() || undefined;
  const loopback = isLoopbackHost(host);
  if (!loopback && !secret) {
    throw new Error(
      `Refusing to listen on ${host} without a bearer secret: set ELOVERBLIK_MCP_HTTP_TOKEN, or bind to 127.0.0.1.`,
    );
  }
  const ctx = options.context;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== path) return sendJson(res, 404, `Not found; the MCP endpoint is ${path}.`);
    // Loopback servers are reachable from any web page through DNS rebinding unless the Host is checked.
    if (loopback) {
      const name = hostnameOf(req.headers.host);
      if (!name || !isLoopbackHost(name)) return sendJson(res, 403, "Host not allowed.");
    }
    if (secret && !bearerMatches(req.headers.authorization, secret)) {
      return sendJson(res, 401, "Unauthorized: send Authorization: Bearer <ELOVERBLIK_MCP_HTTP_TOKEN>.", {
        "www-authenticate": 'Bearer realm="eloverblik-mcp"',
      });
    }
    if (req.method !== "POST") {
      return sendJson(res, 405, "Method not allowed: this server is stateless and only takes POST.", {
        allow: "POST",
      });
    }
    const server = createServerForContext(ctx);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  };

  const httpServer = createHttpServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      ctx.log(
        `eloverblik-mcp: HTTP request failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!res.headersSent) sendJson(res, 500, "Internal server error.");
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port ?? DEFAULT_HTTP_PORT, host, () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}${path}`,
    host: address.address,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      }),
  };
}
