import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from "@modelcontextprotocol/sdk/types.js";
import type { ServerContext } from "./context.js";
import { createServerForContext, type EloverblikMcpServer } from "./server.js";

export interface StartHttpOptions {
  context: ServerContext;
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. Any non-loopback address requires `token`. */
  host?: string;
  /**
   * Bearer secret clients must send (`Authorization: Bearer …`), at least 32 characters.
   * Required off loopback.
   */
  token?: string | undefined;
  /** Default "/mcp". */
  path?: string;
  /**
   * Browser origins allowed besides loopback ones and the server's own address, such as
   * "https://inspector.example". Requests without an Origin header (every non-browser client)
   * are not affected.
   */
  allowedOrigins?: readonly string[];
  /** MCP sessions open at once (default 32); one more is refused with 503 until one ends. */
  maxSessions?: number;
  /** Requests handled at once over all sessions (default 16); more are refused with 429. */
  maxConcurrentRequests?: number;
  /** A session without requests for this long is closed (default 30 minutes). */
  sessionIdleMs?: number;
}

export interface HttpServerHandle {
  url: string;
  host: string;
  port: number;
  /** MCP sessions open now. */
  sessions(): number;
  close(): Promise<void>;
}

export const DEFAULT_HTTP_PORT = 3000;
export const DEFAULT_HTTP_HOST = "127.0.0.1";
/** A bearer secret shorter than this is refused: it could be guessed (`openssl rand -hex 32` gives 64). */
export const MIN_SECRET_LENGTH = 32;
const DEFAULT_MAX_SESSIONS = 32;
const DEFAULT_MAX_CONCURRENT_REQUESTS = 16;
const DEFAULT_SESSION_IDLE_MS = 30 * 60_000;
const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** JSON-RPC batches were added in 2025-03-26 and removed again in 2025-06-18. */
const FIRST_VERSION_WITHOUT_BATCHES = "2025-06-18";

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

/** Why a bearer secret cannot be used, or undefined when it can. */
export function secretProblem(secret: string | undefined, host: string): string | undefined {
  if (!secret) {
    return isLoopbackHost(host)
      ? undefined
      : `Refusing to listen on ${host} without a bearer secret: set ELOVERBLIK_MCP_HTTP_TOKEN (at least ${MIN_SECRET_LENGTH} random characters, e.g. from openssl rand -hex 32), or bind to 127.0.0.1.`;
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    return `Refusing a bearer secret of ${secret.length} characters: ELOVERBLIK_MCP_HTTP_TOKEN must be at least ${MIN_SECRET_LENGTH} random characters (e.g. from openssl rand -hex 32).`;
  }
  return undefined;
}

function hostnameOf(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined;
  try {
    return new URL(`http://${hostHeader}`).hostname.replace(/^\[|\]$/g, "").toLowerCase();
  } catch {
    return undefined;
  }
}

/** "http://EXAMPLE.org:80" → "http://example.org": the form browsers send in Origin. */
function normalizedOrigin(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * DNS rebinding defence for browsers (the MCP transport spec requires the Origin check): a web
 * page may call the server only from a loopback origin, from the server's own address, or from
 * an origin it was configured to allow. The Host header cannot decide this: a rebinding page
 * sends its own host name in both. No Origin at all means no browser, and no such risk.
 */
export function originAllowed(
  origin: string | undefined,
  allowed: ReadonlySet<string>,
  serverHost: string,
): boolean {
  if (origin === undefined) return true;
  const normal = normalizedOrigin(origin);
  if (normal === undefined) return false; // "null" (sandboxed pages, file:) and anything unreadable
  if (allowed.has(normal)) return true;
  const hostname = new URL(normal).hostname.replace(/^\[|\]$/g, "");
  if (isLoopbackHost(hostname)) return true;
  const own = serverHost.replace(/^\[|\]$/g, "").toLowerCase();
  return own !== "0.0.0.0" && own !== "::" && hostname === own;
}

function sendJson(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
  code = -32000,
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }));
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

type Message = Record<string, unknown>;
const isRequest = (m: unknown): boolean =>
  typeof m === "object" && m !== null && typeof (m as Message).method === "string" && "id" in (m as Message);
const isInitialize = (m: unknown): boolean => isRequest(m) && (m as Message).method === "initialize";

/** The protocol version an initialize request will settle on (the SDK's own rule). */
function negotiated(requested: unknown): string {
  return typeof requested === "string" && SUPPORTED_PROTOCOL_VERSIONS.includes(requested)
    ? requested
    : LATEST_PROTOCOL_VERSION;
}

interface Session {
  server: EloverblikMcpServer;
  transport: StreamableHTTPServerTransport;
  protocolVersion: string;
  lastSeenMs: number;
  /** POSTs of this session being handled now. */
  busy: number;
}

/**
 * Serves MCP over streamable HTTP with sessions: each session has its own MCP server on the
 * shared context (one client, one token cache, one rate limiter, one answer cache), so progress
 * notifications, cancellation and confirmations (elicitation) work as they do over stdio.
 */
export async function startHttpServer(options: StartHttpOptions): Promise<HttpServerHandle> {
  const host = options.host ?? DEFAULT_HTTP_HOST;
  const path = options.path ?? "/mcp";
  const secret = options.token?.trim() || undefined;
  const problem = secretProblem(secret, host);
  if (problem) throw new Error(problem);
  const loopback = isLoopbackHost(host);
  const allowedOrigins = new Set<string>();
  for (const origin of options.allowedOrigins ?? []) {
    const normal = normalizedOrigin(origin.trim());
    if (!normal)
      throw new Error(`Not an http(s) origin: ${JSON.stringify(origin)} (write it as https://host[:port]).`);
    allowedOrigins.add(normal);
  }
  const maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
  const maxConcurrent = options.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS;
  const idleMs = options.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS;
  const ctx = options.context;
  const sessions = new Map<string, Session>();
  let handling = 0;
  /** Sessions whose initialize is being answered: not in `sessions` yet, but counted. */
  let opening = 0;

  const endSession = (id: string) => {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    // The MCP server lets go of its state when its transport closes.
    void session.transport.close().catch(() => undefined);
  };
  const sweep = () => {
    const now = Date.now();
    for (const [id, s] of sessions) if (s.busy === 0 && now - s.lastSeenMs > idleMs) endSession(id);
  };
  const sweeper = setInterval(sweep, Math.min(60_000, Math.max(1_000, idleMs / 2)));
  sweeper.unref();

  const openSession = async (protocolVersion: string): Promise<Session> => {
    const server = createServerForContext(ctx);
    const session: Session = {
      server,
      protocolVersion,
      lastSeenMs: Date.now(),
      busy: 0,
      transport: new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          sessions.set(id, session);
        },
        onsessionclosed: (id) => {
          sessions.delete(id);
        },
      }),
    };
    session.transport.onclose = () => {
      const id = session.transport.sessionId;
      if (id && sessions.get(id) === session) sessions.delete(id);
    };
    await server.connect(session.transport);
    return session;
  };

  const handlePost = async (req: IncomingMessage, res: ServerResponse, sessionId: string | undefined) => {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        return sendJson(res, 413, `Request body larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
      }
      return sendJson(res, 400, "Parse error: the body is not JSON.", {}, -32700);
    }
    const messages = Array.isArray(body) ? body : [body];
    let session = sessionId === undefined ? undefined : sessions.get(sessionId);
    if (sessionId !== undefined && !session) {
      return sendJson(res, 404, "Session not found: it ended or expired; initialize a new one.", {}, -32001);
    }
    const init = messages.find(isInitialize) as Message | undefined;
    const requestedVersion = (init?.params as Message | undefined)?.protocolVersion;
    if (Array.isArray(body)) {
      const header = req.headers["mcp-protocol-version"];
      const version =
        session?.protocolVersion ??
        (init ? negotiated(requestedVersion) : typeof header === "string" ? header : "2025-03-26");
      if (version >= FIRST_VERSION_WITHOUT_BATCHES) {
        return sendJson(
          res,
          400,
          `Invalid Request: JSON-RPC batches are not part of MCP ${version}; send one message per request.`,
          {},
          -32600,
        );
      }
    }
    const hasRequests = messages.some(isRequest);
    // Answers and notifications (a cancellation, the reply to a confirmation) always get through.
    if (hasRequests && handling >= maxConcurrent) {
      return sendJson(
        res,
        429,
        `Too many requests: this server handles ${maxConcurrent} at once. Retry in a moment.`,
        { "retry-after": "1" },
      );
    }
    if (!session && !init) {
      return sendJson(res, 400, "Bad Request: no Mcp-Session-Id; start with an initialize request.");
    }
    if (!session) sweep();
    if (!session && sessions.size + opening >= maxSessions) {
      return sendJson(
        res,
        503,
        `Too many MCP sessions: ${maxSessions} are open. End one (DELETE with its Mcp-Session-Id) or retry later.`,
        { "retry-after": "30" },
      );
    }
    if (hasRequests) {
      handling++;
      res.once("close", () => {
        handling--;
      });
    }
    if (!session) {
      // Counted until the transport knows its session id (onsessioninitialized).
      opening++;
      try {
        session = await openSession(negotiated(requestedVersion));
        await session.transport.handleRequest(req, res, body);
      } finally {
        opening--;
      }
      return;
    }
    const current = session;
    current.lastSeenMs = Date.now();
    if (hasRequests) {
      current.busy++;
      res.once("close", () => {
        current.busy--;
        current.lastSeenMs = Date.now();
      });
    }
    await current.transport.handleRequest(req, res, body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== path) return sendJson(res, 404, `Not found; the MCP endpoint is ${path}.`);
    // Loopback servers are reachable from any web page through DNS rebinding unless the Host is checked.
    if (loopback) {
      const name = hostnameOf(req.headers.host);
      if (!name || !isLoopbackHost(name)) return sendJson(res, 403, "Host not allowed.");
    }
    if (!originAllowed(req.headers.origin, allowedOrigins, host)) {
      return sendJson(
        res,
        403,
        "Origin not allowed. Browser pages may call this server from loopback origins, or from origins given with --allow-origin.",
      );
    }
    if (secret && !bearerMatches(req.headers.authorization, secret)) {
      return sendJson(res, 401, "Unauthorized: send Authorization: Bearer <ELOVERBLIK_MCP_HTTP_TOKEN>.", {
        "www-authenticate": 'Bearer realm="eloverblik-mcp"',
      });
    }
    const header = req.headers["mcp-session-id"];
    const sessionId = typeof header === "string" ? header : undefined;
    if (req.method === "POST") return handlePost(req, res, sessionId);
    if (req.method === "GET" || req.method === "DELETE") {
      const session = sessionId === undefined ? undefined : sessions.get(sessionId);
      if (!session) {
        return sessionId === undefined
          ? sendJson(res, 400, "Bad Request: no Mcp-Session-Id.")
          : sendJson(res, 404, "Session not found.", {}, -32001);
      }
      session.lastSeenMs = Date.now();
      return session.transport.handleRequest(req, res);
    }
    return sendJson(res, 405, "Method not allowed: use POST, GET or DELETE.", { allow: "POST, GET, DELETE" });
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
    sessions: () => sessions.size,
    close: async () => {
      clearInterval(sweeper);
      for (const id of [...sessions.keys()]) endSession(id);
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
    },
  };
}
