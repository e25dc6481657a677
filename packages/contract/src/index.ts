// The contract of both APIs as types, generated from spec/ (src/generated/*.gen.ts). The client
// types its requests with it and the simulator builds its answers from it; neither shares code
// with the other.
export type {
  components as CustomerComponents,
  operations as CustomerOperations,
  paths as CustomerPaths,
} from "./generated/customer-api.gen.js";
export type {
  components as LegacyComponents,
  operations as LegacyOperations,
  paths as LegacyPaths,
} from "./generated/legacy-meterreadings.gen.js";
export type {
  components as ThirdPartyComponents,
  operations as ThirdPartyOperations,
  paths as ThirdPartyPaths,
} from "./generated/thirdparty-api.gen.js";
