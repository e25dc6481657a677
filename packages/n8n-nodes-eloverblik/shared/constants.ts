import type { ApiKind } from "@eloverblik-kit/client/core";

/** The credential type of each API, as n8n names them (the class names start with a capital). */
export const CREDENTIAL_TYPE: Record<ApiKind, string> = {
  customer: "eloverblikCustomerApi",
  thirdparty: "eloverblikThirdPartyApi",
};

export const PRODUCTION_URL = "https://api.eloverblik.dk";

/** Path of each API's exchange of the refresh token (named neutrally for the secrets lint). */
export const EXCHANGE_PATH: Record<ApiKind, string> = {
  customer: "/customerapi/api/token",
  thirdparty: "/thirdpartyapi/api/token",
};

/** Energinet's per-IP quota of calls per minute (the whole of it by default). */
export const FULL_QUOTA_PER_MINUTE = 120;

export const DOCS_URL =
  "https://github.com/eloverblik-kit/eloverblik-kit/tree/main/packages/n8n-nodes-eloverblik#readme";

/** The API a node works with: set by its `authentication` parameter. */
export function apiOf(authentication: unknown): ApiKind {
  return authentication === "thirdPartyApi" ? "thirdparty" : "customer";
}
