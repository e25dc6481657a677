export type ApiKind = "customer" | "thirdparty";
export type TokenKind = "refresh" | "dataAccess";

/**
 * `tokenType` claims. Three are observed on real tokens (reference §2: HA #16 for the customer
 * data-access token, SLIM for both third-party ones); the customer refresh value is our choice
 * by analogy, since no decoded customer refresh token is public.
 */
export const TOKEN_TYPES: Record<ApiKind, Record<TokenKind, string>> = {
  customer: { refresh: "CustomerAPI_Refresh", dataAccess: "CustomerAPI_DataAccess" },
  thirdparty: { refresh: "THIRDPARTYAPI_Refresh", dataAccess: "ThirdPartyApiDataAccess" },
};

export function classifyTokenType(tokenType: unknown): { api: ApiKind; kind: TokenKind } | undefined {
  for (const api of ["customer", "thirdparty"] as const) {
    for (const kind of ["refresh", "dataAccess"] as const) {
      if (TOKEN_TYPES[api][kind] === tokenType) return { api, kind };
    }
  }
  return undefined;
}

export const REFRESH_TOKEN_LIFETIME_MS = 365 * 86_400_000;
/** "The Data Access token is active for 24h" (SPEC-C/T). */
export const DATA_ACCESS_TOKEN_LIFETIME_MS = 86_400_000;
