// @eloverblik-kit/client/energi-data-service: Energinet's open Energi Data Service (no token):
// day-ahead prices across the 2025-10-01 switch and every charge's history (DatahubPricelist),
// with the same ports, pacing, retries and error type as the Eloverblik client.

import {
  createEnergiDataServiceCore,
  type EnergiDataService,
  type EnergiDataServiceBaseOptions,
} from "./energi-data-service/create-energi-data-service.js";
import { defaultPorts } from "./ports/node-defaults.js";
import type { Ports } from "./ports/ports.js";

export { createMemoryPriceCache, type PriceCache } from "./energi-data-service/cache.js";
export {
  type CallOptions as EdsCallOptions,
  createEnergiDataServiceCore,
  EDS_BASE_URL,
  EDS_PAGE_SIZE,
  type EnergiDataService,
  type EnergiDataServiceBaseOptions,
  type EnergiDataServiceCoreOptions,
} from "./energi-data-service/create-energi-data-service.js";
export { DAY_AHEAD_SWITCH, type DayAheadOptions } from "./energi-data-service/day-ahead.js";
export { EDS_LIMITS, type EdsLimits } from "./energi-data-service/pacer.js";
export { ENERGINET_GLN, type PricelistQuery } from "./energi-data-service/pricelist.js";
export { pricelistPriceAt, pricelistRowAt, rowInForce } from "./energi-data-service/pricelist-at.js";
export { pricelistRow } from "./energi-data-service/pricelist-rows.js";
export type { EdsProgressEvent } from "./energi-data-service/request.js";
export type * from "./energi-data-service/types.js";
export { EloverblikError, isEloverblikError } from "./errors/eloverblik-error.js";

export interface EnergiDataServiceOptions extends EnergiDataServiceBaseOptions {
  fetch?: Ports["fetch"];
  sleep?: Ports["sleep"];
  now?: Ports["now"];
  random?: Ports["random"];
}

/** The Energi Data Service client with Node's defaults for every port not given. */
export function createEnergiDataService(options: EnergiDataServiceOptions = {}): EnergiDataService {
  const { fetch, sleep, now, random, ...rest } = options;
  return createEnergiDataServiceCore({
    ...rest,
    ports: defaultPorts({
      ...(fetch ? { fetch } : {}),
      ...(sleep ? { sleep } : {}),
      ...(now ? { now } : {}),
      ...(random ? { random } : {}),
    }),
  });
}
export {
  type CostSource,
  type ElectricityCostOptions,
  getElectricityCost,
} from "./energi-data-service/get-electricity-cost.js";
export type { ElectricityCost } from "./insights/cost-types.js";
