import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createSimulatorCore, type SimulatorCore, type SimulatorOptions } from "./simulator-core.js";

export interface StartSimulatorOptions extends SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1; the server never listens beyond loopback unless you say so. */
  host?: string;
  /** Serve an existing simulator (e.g. one whose msw handlers a test also uses). */
  simulator?: SimulatorCore;
  /** Largest request body accepted, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
}

export interface RunningSimulator {
  /** Base URL to give clients, e.g. `http://127.0.0.1:53117`. */
  url: string;
  port: number;
  host: string;
  tokens: { customer: string; thirdparty: string };
  simulator: SimulatorCore;
  close(): Promise<void>;
}

/** Reads the whole body; past `limit` bytes it keeps draining but reports the body as too large. */
function readBody(
  request: IncomingMessage,
  limit: number,
): Promise<{ text: string | undefined; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on("end", () =>
      resolve({
        text: chunks.length === 0 ? undefined : Buffer.concat(chunks).toString("utf8"),
        tooLarge: size > limit,
      }),
    );
    request.on("error", reject);
  });
}

/** Answers one request from the core; any failure drops the connection rather than the process. */
async function serve(
  simulator: SimulatorCore,
  limit: number,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const read = await readBody(request, limit);
  if (read.tooLarge) {
    response.writeHead(413).end();
    return;
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(", ") : value;
  }
  const forwarded = headers["x-forwarded-for"]?.split(",")[0]?.trim();
  const answer = await simulator.handle({
    method: request.method ?? "GET",
    url: request.url ?? "/",
    headers,
    body: read.text,
    clientAddress: forwarded || request.socket.remoteAddress || "unknown",
  });
  if (answer.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
  if (answer.kind === "reset") {
    request.socket.destroy();
    return;
  }
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
}

/** A real HTTP server over the same core as the msw handlers. */
export async function startSimulator(options: StartSimulatorOptions = {}): Promise<RunningSimulator> {
  const simulator = options.simulator ?? createSimulatorCore(options);
  const host = options.host ?? "127.0.0.1";
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const server = createServer((request, response) => {
    serve(simulator, limit, request, response).catch(() => request.socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    tokens: simulator.tokens,
    simulator,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
