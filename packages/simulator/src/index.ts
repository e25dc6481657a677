// The one public entry of @eloverblik-kit/simulator.
import { createSimulator } from "./msw-handlers.js";

export {
  createHandlers,
  createSimulator,
  DEFAULT_BASE_URL,
  DEFAULT_EDS_BASE_URL,
  type MswOptions,
  mswHandlersFor,
  type Simulator,
} from "./msw-handlers.js";
export * from "./server.js";

/**
 * One shared default simulator (seed 1, real clock) and its msw handlers. Tests that change state
 * should call `createSimulator()` for an instance of their own.
 */
export const defaultSimulator = createSimulator();
export const handlers = defaultSimulator.handlers;
