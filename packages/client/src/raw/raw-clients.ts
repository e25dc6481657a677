import type { CustomerPaths, LegacyPaths, ThirdPartyPaths } from "@eloverblik-kit/contract";
import openapiFetch, { type Client, type ClientOptions } from "openapi-fetch";

// openapi-fetch's CommonJS build puts the function on `exports.default`; required from dist/cjs,
// esbuild's Node-style interop makes the default import the whole exports object, so take the
// function from it there (ESM gets the function itself, whose `default` is undefined).
const createClient: typeof openapiFetch =
  (openapiFetch as unknown as { default?: typeof openapiFetch }).default ?? openapiFetch;

export const DEFAULT_BASE_URL = "https://api.eloverblik.dk";

export type CustomerRawClient = Client<CustomerPaths>;
export type ThirdPartyRawClient = Client<ThirdPartyPaths>;
export type LegacyRawClient = Client<LegacyPaths>;

export interface RawClientOptions extends Omit<ClientOptions, "baseUrl"> {
  /** Defaults to https://api.eloverblik.dk; point it at the simulator for offline work. */
  baseUrl?: string;
}

function normalise(options: RawClientOptions): ClientOptions {
  return { ...options, baseUrl: (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "") };
}

/**
 * A plain openapi-fetch client for the Customer API, typed from our contract. No token handling,
 * pacing or retries: use `createEloverblik` for those, or pass `headers.Authorization` yourself.
 */
export function createCustomerApiClient(options: RawClientOptions = {}): CustomerRawClient {
  return createClient<CustomerPaths>(normalise(options));
}

/** A plain openapi-fetch client for the Third Party API, typed from our contract. */
export function createThirdPartyApiClient(options: RawClientOptions = {}): ThirdPartyRawClient {
  return createClient<ThirdPartyPaths>(normalise(options));
}

/** The withdrawn meter-readings endpoint, typed from the legacy part of our contract. */
export function createLegacyMeterReadingsClient(options: RawClientOptions = {}): LegacyRawClient {
  return createClient<LegacyPaths>(normalise(options));
}
