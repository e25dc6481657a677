import type * as Wire from "../wire.js";
import { ERROR_CODE_NAMES, type ErrorCode } from "./error-codes.js";
import type { RequestContext, RouteResult } from "./types.js";

const JSON_TYPE = "application/json; charset=utf-8";
const PROBLEM_TYPE = "application/problem+json; charset=utf-8";

export function json(value: unknown, status = 200): RouteResult {
  return { status, body: JSON.stringify(value), contentType: JSON_TYPE };
}

export function csv(text: string, filename: string): RouteResult {
  return {
    status: 200,
    body: text,
    contentType: "text/csv; charset=utf-8",
    headers: { "content-disposition": `attachment; filename=${filename}` },
  };
}

/** The name the API uses for a business code, e.g. "NoError" or "RelationNotFound". */
export function codeName(code: ErrorCode): string {
  return ERROR_CODE_NAMES[code];
}

/**
 * HTTP 400 with a bare JSON string body, the live form for rejected requests (reference §4),
 * e.g. `"#30002: Period not allowed, ToDate is equal to FromDate."`.
 */
export function businessError(code: ErrorCode, text: string): RouteResult {
  return json(`#${code}: ${text}`, 400);
}

const PROBLEM_TITLES: Record<number, [string, string]> = {
  400: ["Bad Request", "https://tools.ietf.org/html/rfc9110#section-15.5.1"],
  401: ["Unauthorized", "https://tools.ietf.org/html/rfc9110#section-15.5.2"],
  403: ["Forbidden", "https://tools.ietf.org/html/rfc9110#section-15.5.4"],
  404: ["Not Found", "https://tools.ietf.org/html/rfc9110#section-15.5.5"],
  405: ["Method Not Allowed", "https://tools.ietf.org/html/rfc9110#section-15.5.6"],
  429: ["Too Many Requests", "https://tools.ietf.org/html/rfc6585#section-4"],
  500: ["Internal Server Error", "https://tools.ietf.org/html/rfc9110#section-15.6.1"],
  503: ["Service Unavailable", "https://tools.ietf.org/html/rfc9110#section-15.6.4"],
};

/** RFC 7807 ProblemDetails with the undeclared `traceId` the live API adds (reference §4). */
export function problem(
  ctx: Pick<RequestContext, "path" | "traceId">,
  status: number,
  detail: string,
  extra: Record<string, unknown> = {},
): RouteResult {
  const [title, type] = PROBLEM_TITLES[status] ?? ["Error", "about:blank"];
  const body: Wire.ProblemDetails = {
    type,
    title,
    status,
    detail,
    instance: ctx.path,
    ...extra,
    traceId: ctx.traceId,
  };
  return { status, body: JSON.stringify(body), contentType: PROBLEM_TYPE };
}

/** A per-metering-point item: the payload under `key` plus the envelope fields (reference §4). */
export function okItem<K extends string, P>(
  key: K,
  payload: P,
  id: string,
): Record<K, P> & Wire.ItemEnvelope {
  return {
    [key]: payload,
    success: true,
    errorCode: 10000,
    errorText: "NoError",
    id,
    stackTrace: null,
  } as Record<K, P> & Wire.ItemEnvelope;
}

/** A failed item: no payload, `success:false` and the business code with its name as `errorText`. */
export function failedItem<K extends string>(
  key: K,
  code: ErrorCode,
  id: string,
): Record<K, null> & Wire.ItemEnvelope {
  return {
    [key]: null,
    success: false,
    errorCode: code,
    errorText: codeName(code),
    id,
    stackTrace: null,
  } as Record<K, null> & Wire.ItemEnvelope;
}
