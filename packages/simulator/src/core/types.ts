import type { ApiKind } from "../auth/token-types.js";
import type { SimulatorModel } from "../model/model.js";

/** A request as both faces (msw and node:http) hand it to the core. */
export interface SimRequest {
  method: string;
  /** Absolute URL or just the path (with query). */
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** Caller's address, the key of the per-client rate limits. */
  clientAddress: string;
}

export interface SimHttpResponse {
  kind: "response";
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Hold the response back this long before sending it (scenario `slow`). */
  delayMs?: number;
}

/** Drop the connection without answering (scenario `connectionReset`). */
export interface SimResetResponse {
  kind: "reset";
  delayMs?: number;
}

export type SimResponse = SimHttpResponse | SimResetResponse;

/** What a route handler returns; the core adds correlation headers and faults. */
export interface RouteResult {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
}

export interface AuthenticatedToken {
  api: ApiKind;
  claims: Record<string, unknown>;
}

export interface RequestContext {
  model: SimulatorModel;
  api: ApiKind;
  method: string;
  /** Path without the query, slashes collapsed, case as sent. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string | undefined;
  /** Path parameters, decoded, case as sent. */
  params: Record<string, string>;
  nowMs: number;
  traceId: string;
  token: AuthenticatedToken | undefined;
}
