// Starting the simulator for the client's tests: behind msw (the client's fetch is intercepted) or
// behind a real HTTP server on loopback. Every test file runs against both faces.
import {
  createSimulator,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from "@eloverblik-kit/simulator";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

export interface Started {
  sim: Simulator;
  /** Where the client should send its requests. */
  baseUrl: string;
  stop(): Promise<void>;
}

export interface Face {
  name: "msw" | "http";
  start(options?: SimulatorOptions): Promise<Started>;
}

const interceptor = setupServer();

/** Installs msw for the file; a request to an eloverblik.dk host that no handler answers fails the test. */
export function useMsw(): void {
  beforeAll(() => {
    interceptor.listen({
      onUnhandledRequest(request, print) {
        if (new URL(request.url).hostname.endsWith("eloverblik.dk")) print.error();
      },
    });
  });
  afterEach(() => interceptor.resetHandlers());
  afterAll(() => interceptor.close());
}

export const faces: Face[] = [
  {
    name: "msw",
    start: async (options = {}) => {
      const sim = createSimulator(options);
      interceptor.resetHandlers(...sim.handlers);
      return { sim, baseUrl: sim.baseUrl, stop: () => Promise.resolve() };
    },
  },
  {
    name: "http",
    start: async (options = {}) => {
      const sim = createSimulator(options);
      const server = await startSimulator({ simulator: sim });
      return { sim, baseUrl: server.url, stop: () => server.close() };
    },
  },
];

/** Time the test moves itself, so token expiry and rate-limit windows pass without waiting. */
export function virtualClock(start = "2026-01-15T10:00:00Z") {
  let current = Date.parse(start);
  return {
    now: (): number => current,
    set: (iso: string): void => {
      current = Date.parse(iso);
    },
    advance: (ms: number): void => {
      current += ms;
    },
  };
}
