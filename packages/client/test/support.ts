// Test support: JWT-shaped tokens, a virtual clock and a small msw fake of the token endpoint.
import { HttpResponse, http } from "msw";

export const BASE = "https://api.eloverblik.dk";

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function makeJwt(claims: Record<string, unknown>): string {
  return `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url(claims)}.c2lnbmF0dXJlLXRlc3Q`;
}

export const NOW = Date.parse("2026-11-26T10:00:00Z");

export function refreshToken(
  api: "customer" | "thirdparty" = "customer",
  expSeconds = NOW / 1000 + 300 * 86400,
): string {
  return makeJwt({
    tokenType: api === "customer" ? "CustomerAPI_Refresh" : "THIRDPARTYAPI_Refresh",
    tokenName: "test token",
    exp: expSeconds,
    jti: `refresh-${api}-${expSeconds}`,
  });
}

let accessCounter = 0;
export function accessToken(api: "customer" | "thirdparty" = "customer", nowMs = NOW): string {
  accessCounter++;
  return makeJwt({
    tokenType: api === "customer" ? "CustomerAPI_DataAccess" : "ThirdPartyApiDataAccess",
    exp: Math.floor(nowMs / 1000) + 86400,
    jti: `access-${accessCounter}`,
  });
}

/** A clock where sleeping advances time instantly; records every wait. */
export function virtualClock(start = NOW) {
  let now = start;
  const waits: number[] = [];
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    waits,
    sleep: (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) return Promise.reject(signal.reason);
      waits.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

/** Token endpoint for both APIs that hands out a fresh access token per call and counts calls. */
export function tokenHandlers(state: { tokenCalls: number; issued: string[]; now: () => number }) {
  return ["customerapi", "thirdpartyapi"].map((prefix) =>
    http.get(`${BASE}/${prefix}/api/token`, ({ request }) => {
      state.tokenCalls++;
      const auth = request.headers.get("authorization") ?? "";
      if (!auth.startsWith("Bearer ey")) {
        return HttpResponse.json({ title: "Unauthorized", status: 401, traceId: "00-abc" }, { status: 401 });
      }
      const token = accessToken(prefix === "customerapi" ? "customer" : "thirdparty", state.now());
      state.issued.push(token);
      return HttpResponse.json({ result: token }, { headers: { "X-Correlation-ID": "corr-token" } });
    }),
  );
}

export function ids(n: number, start = 1): string[] {
  return Array.from({ length: n }, (_, i) => `571313180100${String(start + i).padStart(6, "0")}`);
}

export function envelopeItem(id: string, payload: Record<string, unknown>) {
  return { ...payload, success: true, errorCode: 10000, errorText: "NoError", id, stackTrace: null };
}

export function failedItem(id: string, errorCode: number, errorText: string) {
  return { result: null, success: false, errorCode, errorText, id, stackTrace: null };
}
