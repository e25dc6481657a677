// Everything the package's n8n entry files load: bundled once into dist/eloverblik.js (with the
// client), so that nodes, trigger and credentials of one n8n process share one client module and
// so one limiter for Energinet's per-IP quota.
export { EloverblikCustomerApi } from "./credentials/EloverblikCustomerApi.credentials";
export { EloverblikThirdPartyApi } from "./credentials/EloverblikThirdPartyApi.credentials";
export { Eloverblik } from "./nodes/Eloverblik/Eloverblik.node";
export { EloverblikTrigger } from "./nodes/EloverblikTrigger/EloverblikTrigger.node";
