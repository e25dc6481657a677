import {
  createEnergiDataServiceCore,
  createMemoryPriceCache,
  EDS_BASE_URL,
  type EnergiDataService,
} from "@eloverblik-kit/client/energi-data-service";
import type { ICredentialDataDecryptedObject, IExecuteFunctions } from "n8n-workflow";
import { PRODUCTION_URL } from "./constants";
import { baseUrlOf } from "./exchange";
import { now, random, requestParts, sleep, toResponse } from "./ports";

// Published prices never change: one cache per n8n process, shared by every execution.
const cache = createMemoryPriceCache();
const clients = new Map<string, EnergiDataService>();

/**
 * Where Energi Data Service answers: its own address, unless the credential points Eloverblik
 * elsewhere (the simulator serves both APIs on one port).
 */
export function edsBaseUrlOf(credentials: ICredentialDataDecryptedObject): string {
  const base = baseUrlOf(credentials);
  return base === PRODUCTION_URL ? EDS_BASE_URL : base;
}

/**
 * The Energi Data Service client (no token): requests go through n8n's request helper, status
 * errors kept so the client sees 429s with Retry-After and the plain-text 400/404. One per base URL
 * and process, so its per-dataset pacing covers every execution.
 */
export function edsFor(host: IExecuteFunctions, baseUrl: string): EnergiDataService {
  let eds = clients.get(baseUrl);
  if (eds === undefined) {
    eds = createEnergiDataServiceCore({
      baseUrl,
      cache,
      ports: {
        fetch: async (request) => {
          const parts = await requestParts(request);
          const full = await host.helpers.httpRequest({
            ...parts,
            returnFullResponse: true,
            ignoreHttpStatusErrors: true,
            encoding: "text",
            json: false,
            timeout: 120_000,
          });
          return toResponse(full as Parameters<typeof toResponse>[0]);
        },
        sleep,
        now,
        random,
      },
    });
    clients.set(baseUrl, eds);
  }
  return eds;
}
