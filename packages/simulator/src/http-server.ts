import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { answerControl, isControlPath } from "./control-endpoints.js";
import { pathAndQuery } from "./core/router.js";
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
  /**
   * Take the client address for the per-client rate limits from the first `X-Forwarded-For` entry
   * instead of the socket. Default false: any caller could otherwise name a fresh address per call and
   * never meet a limit. Turn it on only behind a proxy you run yourself.
   */
  trustForwardedFor?: boolean;
  /**
   * Serve `GET /__simulator`, `POST /__simulator/scenario` and `POST /__simulator/reset` to callers on
   * loopback (default true). false leaves those paths to the API, which answers 404.
   */
  controlEndpoints?: boolean;
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

interface ServeSettings {
  simulator: SimulatorCore;
  limit: number;
  trustForwardedFor: boolean;
  controlEndpoints: boolean;
  /** The server's base URL, known once it listens. */
  url: () => string;
}

/** Answers one request from the core; any failure drops the connection rather than the process. */
async function serve(
  settings: ServeSettings,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const { simulator } = settings;
  const read = await readBody(request, settings.limit);
  if (read.tooLarge) {
    response.writeHead(413).end();
    return;
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(", ") : value;
  }
  const method = request.method ?? "GET";
  const socketAddress = request.socket.remoteAddress;
  if (settings.controlEndpoints) {
    const path = pathAndQuery(request.url ?? "/").pathname;
    if (isControlPath(path)) {
      const answer = answerControl(
        simulator,
        {
          method,
          path,
          headers,
          body: read.text,
          socketAddress,
          trustForwardedFor: settings.trustForwardedFor,
          serverUrl: settings.url(),
        },
        settings.url(),
      );
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
      return;
    }
  }
  const forwarded = settings.trustForwardedFor
    ? headers["x-forwarded-for"]?.split(",")[0]?.trim()
    : undefined;
  const answer = await simulator.handle({
    method,
    url: request.url ?? "/",
    headers,
    body: read.text,
    clientAddress: forwarded || socketAddress || "unknown",
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
  let url = "";
  const settings: ServeSettings = {
    simulator,
    limit: options.maxBodyBytes ?? 1024 * 1024,
    trustForwardedFor: options.trustForwardedFor ?? false,
    controlEndpoints: options.controlEndpoints ?? true,
    url: () => url,
  };
  const server = createServer((request, response) => {
    serve(settings, request, response).catch(() => request.socket.destroy());
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
  url = `http://${urlHost}:${port}`;
  return {
    url,
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
