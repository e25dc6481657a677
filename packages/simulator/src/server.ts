// msw-free entry: the HTTP server and the core model, for the CLI, demos, MCP and n8n/Node-RED work.
export { type ApiKind, TOKEN_TYPES, type TokenKind } from "./auth/token-types.js";
export type { SimulatorState } from "./control-endpoints.js";
export type { SimHttpResponse, SimRequest, SimResetResponse, SimResponse } from "./core/types.js";
export { ENERGINET_LEVELS } from "./eds/pricelist.js";
export { type RunningSimulator, type StartSimulatorOptions, startSimulator } from "./http-server.js";
export { LIMITS_2024, LIMITS_2026, type LimitsOption, type SimulatorLimits } from "./limits/limits.js";
export type { MeterRole } from "./model/catalogue.js";
export {
  EDS_LIMITS,
  type EdsLimits,
  type ModelOptions,
  type RequestLogEntry,
  type SimulatorModel,
} from "./model/model.js";
export type {
  FaultOperation,
  FaultSelector,
  RateLimitedFault,
  Scenario,
  SlowFault,
} from "./model/scenario.js";
export { parseScenario, SCENARIO_PRESETS } from "./scenario-presets.js";
export {
  type AuthorizationInfo,
  createSimulatorCore,
  type MeteringPointInfo,
  type SimulatorCore,
  type SimulatorOptions,
} from "./simulator-core.js";
