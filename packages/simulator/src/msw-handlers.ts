import { type HttpHandler, HttpResponse, http } from "msw";
import { createSimulatorCore, type SimulatorCore, type SimulatorOptions } from "./simulator-core.js";

export const DEFAULT_BASE_URL = "https://api.eloverblik.dk";
export const DEFAULT_EDS_BASE_URL = "https://api.energidataservice.dk";

export interface MswOptions {
  /** Where the simulated API lives; defaults to https://api.eloverblik.dk. A path prefix is allowed. */
  baseUrl?: string;
  /** Where the simulated Energi Data Service lives; defaults to https://api.energidataservice.dk. */
  edsBaseUrl?: string;
  /** How the `slow` scenario waits; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

export interface Simulator extends SimulatorCore {
  /** msw request handlers for both APIs, for `setupServer(...simulator.handlers)`. */
  readonly handlers: HttpHandler[];
  readonly baseUrl: string;
  /** Where its Energi Data Service answers. */
  readonly edsBaseUrl: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** msw handlers that answer from an existing simulator (so several faces can share one model). */
export function mswHandlersFor(core: SimulatorCore, options: MswOptions = {}): HttpHandler[] {
  const base = new URL(options.baseUrl ?? DEFAULT_BASE_URL);
  const prefixPath = base.pathname.replace(/\/+$/, "");
  const sleep = options.sleep ?? defaultSleep;
  const eds = new URL(options.edsBaseUrl ?? DEFAULT_EDS_BASE_URL);
  const edsPrefix = eds.pathname.replace(/\/+$/, "");
  const resolverFor =
    (prefix: string) =>
    async ({ request }: { request: Request }) => {
      const url = new URL(request.url);
      // The core sees paths as the API does, without the base URL's own prefix.
      const path = url.pathname.slice(prefix.length) || "/";
      const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.text();
      const headers: Record<string, string> = {};
      request.headers.forEach((value, key) => {
        headers[key] = value;
      });
      // msw has no peer address, so X-Forwarded-For is always read here: it lets a test play several
      // clients. (The HTTP server reads it only with `trustForwardedFor`.)
      const clientAddress = headers["x-forwarded-for"]?.split(",")[0]?.trim() || "127.0.0.1";
      const answer = await core.handle({
        method: request.method,
        url: path + url.search,
        headers,
        body,
        clientAddress,
      });
      if (answer.delayMs !== undefined) await sleep(answer.delayMs);
      if (answer.kind === "reset") return HttpResponse.error();
      return new HttpResponse(answer.body, { status: answer.status, headers: answer.headers });
    };
  const resolver = resolverFor(prefixPath);
  return [
    ...["customerapi", "thirdpartyapi"].map((api) =>
      // Case-insensitive and tolerant of doubled slashes, like the live API (reference §1).
      http.all(new RegExp(`^${escapeRegExp(base.origin + prefixPath)}/+${api}(?:/|$)`, "i"), resolver),
    ),
    http.all(
      new RegExp(`^${escapeRegExp(eds.origin + edsPrefix)}/+(?:dataset|meta)/`, "i"),
      resolverFor(edsPrefix),
    ),
  ];
}

/** A new, independent simulator with msw handlers. This is the main entry for tests. */
export function createSimulator(options: SimulatorOptions & MswOptions = {}): Simulator {
  const core = createSimulatorCore(options);
  // Delegate to the core rather than copying it, so its getters (requests, scenario…) stay live.
  return Object.create(core, {
    handlers: { value: mswHandlersFor(core, options), enumerable: true },
    baseUrl: { value: (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ""), enumerable: true },
    edsBaseUrl: { value: (options.edsBaseUrl ?? DEFAULT_EDS_BASE_URL).replace(/\/+$/, ""), enumerable: true },
  }) as Simulator;
}

/** Handlers of one default simulator, for `setupServer(...handlers)` when the instance is not needed. */
export function createHandlers(options: SimulatorOptions & MswOptions = {}): HttpHandler[] {
  return createSimulator(options).handlers;
}
