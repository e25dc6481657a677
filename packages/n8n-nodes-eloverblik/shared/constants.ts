import type { ApiKind } from "@eloverblik-kit/client/core";

/** The credential type of each API, as n8n names them (the class names start with a capital). */
export const CREDENTIAL_TYPE: Record<ApiKind, string> = {
  customer: "eloverblikCustomerApi",
  thirdparty: "eloverblikThirdPartyApi",
};

export const PRODUCTION_URL = "https://api.eloverblik.dk";

/** Energinet's per-IP quota of calls per minute (the whole of it by default). */
export const FULL_QUOTA_PER_MINUTE = 120;

/** The API a node works with: set by its `authentication` parameter. */
export function apiOf(authentication: unknown): ApiKind {
  return authentication === "thirdPartyApi" ? "thirdparty" : "customer";
}
