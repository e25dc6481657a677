// The one public entry of @eloverblik-kit/simulator.
import { createSimulator } from "./msw-handlers.js";

export { type ApiKind, TOKEN_TYPES, type TokenKind } from "./auth/token-types.js";
export type { SimHttpResponse, SimRequest, SimResetResponse, SimResponse } from "./core/types.js";
export { type RunningSimulator, type StartSimulatorOptions, startSimulator } from "./http-server.js";
export { LIMITS_2024, LIMITS_2026, type LimitsOption, type SimulatorLimits } from "./limits/limits.js";
export type { MeterRole } from "./model/catalogue.js";
export type { ModelOptions, RequestLogEntry, SimulatorModel } from "./model/model.js";
export type { FaultSelector, Scenario } from "./model/scenario.js";
export {
  createHandlers,
  createSimulator,
  DEFAULT_BASE_URL,
  type MswOptions,
  mswHandlersFor,
  type Simulator,
} from "./msw-handlers.js";
export { parseScenario, SCENARIO_PRESETS } from "./scenario-presets.js";
export {
  type AuthorizationInfo,
  createSimulatorCore,
  type MeteringPointInfo,
  type SimulatorCore,
  type SimulatorOptions,
} from "./simulator-core.js";

/**
 * One shared default simulator (seed 1, real clock) and its msw handlers. Tests that change state
 * should call `createSimulator()` for an instance of their own.
 */
export const defaultSimulator = createSimulator();
export const handlers = defaultSimulator.handlers;
