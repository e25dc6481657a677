import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { createSimulator, type Simulator, type SimulatorOptions, startSimulator } from "../src/index.js";

/** A clock the tests move by hand, so rate limits and token expiry need no waiting. */
export function virtualClock(startIso = "2026-01-15T10:00:00Z") {
  let now = Date.parse(startIso);
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
    set(iso: string) {
      now = Date.parse(iso);
    },
  };
}

export const mswServer = setupServer();

/** Registers the msw server for a test file; requests to the real API host that nothing handles fail. */
export function useMsw(): void {
  beforeAll(() =>
    mswServer.listen({
      onUnhandledRequest: (request, print) => {
        if (new URL(request.url).hostname.endsWith("eloverblik.dk")) print.error();
      },
    }),
  );
  afterEach(() => mswServer.resetHandlers());
  afterAll(() => mswServer.close());
}

export interface FaceOptions extends SimulatorOptions {
  /**
   * HTTP face: key the rate limits on X-Forwarded-For (startSimulator's `trustForwardedFor`). The msw
   * face has no socket and always reads the header.
   */
  trustForwardedFor?: boolean;
}

export interface Face {
  name: "msw" | "http";
  /** Starts a fresh simulator behind this face. */
  start(options?: FaceOptions): Promise<Started>;
}

export interface Started {
  sim: Simulator;
  baseUrl: string;
  api: ApiCaller;
  stop(): Promise<void>;
}

export const faces: Face[] = [
  {
    name: "msw",
    async start({ trustForwardedFor: _alwaysOnInMsw, ...options } = {}) {
      const sim = createSimulator(options);
      mswServer.resetHandlers(...sim.handlers);
      return { sim, baseUrl: sim.baseUrl, api: caller(sim.baseUrl), stop: async () => {} };
    },
  },
  {
    name: "http",
    async start({ trustForwardedFor, ...options } = {}) {
      const sim = createSimulator(options);
      const running = await startSimulator({
        simulator: sim,
        ...(trustForwardedFor === undefined ? {} : { trustForwardedFor }),
      });
      return { sim, baseUrl: running.url, api: caller(running.url), stop: () => running.close() };
    },
  },
];

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body, or undefined when it is not JSON. */
  json: unknown;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent verbatim instead of JSON-encoding `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export type ApiCaller = (method: string, path: string, options?: CallOptions) => Promise<Answer>;

export function caller(baseUrl: string): ApiCaller {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
    if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  };
}

/** Exchanges the simulator's ready-made refresh token for a data access token. */
export async function accessToken(
  started: Started,
  api: "customer" | "thirdparty" = "customer",
): Promise<string> {
  const answer = await started.api("GET", `/${api}api/api/token`, { token: started.sim.tokens[api] });
  if (answer.status !== 200) throw new Error(`token call failed: ${answer.status} ${answer.text}`);
  return (answer.json as { result: string }).result;
}

export const body = (...ids: string[]) => ({ meteringPoints: { meteringPoint: ids } });

/** The per-item envelope of list responses, for assertions. */
export interface Item {
  success: boolean;
  errorCode: number;
  errorText: string;
  id: string;
  stackTrace: null;
  [key: string]: unknown;
}

export function items(answer: Answer): Item[] {
  return (answer.json as { result: Item[] }).result;
}

/** The item at `index`, failing the test when the answer has fewer items. */
export function itemAt(answer: Answer, index: number): Item {
  const item = items(answer)[index];
  if (item === undefined) throw new Error(`no item ${index} in ${answer.text.slice(0, 200)}`);
  return item;
}
