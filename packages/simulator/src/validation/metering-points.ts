import type { ErrorCode } from "../core/error-codes.js";
import { businessError, problem } from "../core/responses.js";
import type { RequestContext, RouteResult } from "../core/types.js";
import type { MeteringPointSpec } from "../model/catalogue.js";

export const WELL_FORMED_ID = /^\d{18}$/;

/** 20013 with its live text (HA #116). */
export function noValidIds(): RouteResult {
  return businessError(20013, "No meteringpoints in request conforms to valid meteringpoint format.");
}

/** More ids than `maxMeteringPointsPerRequest` (10 by default, Energinet's recommendation). */
export function tooManyIds(count: number, max: number): RouteResult {
  return businessError(
    10004,
    `Too many metering points in one request: ${count} given, at most ${max} allowed.`,
  );
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; result: RouteResult };

/**
 * A body the JSON binder cannot read is answered the ASP.NET way, with a validation
 * ProblemDetails; the API's own checks answer with bare business-code strings.
 */
export function parseJsonBody(ctx: RequestContext): Parsed<unknown> {
  const text = ctx.body?.trim() ?? "";
  // ASP.NET Core's JSON input formatter refuses a body declared as anything but JSON (inferred: the
  // live API is ASP.NET Core; a flow sending text/plain must fail here as it would there).
  const contentType = (ctx.headers["content-type"] ?? "").toLowerCase();
  if (text !== "" && !/^application\/([a-z.+-]*\+)?json\b/.test(contentType)) {
    return {
      ok: false,
      result: problem(ctx, 415, "Unsupported Media Type: send the body as Content-Type: application/json."),
    };
  }
  if (text === "") {
    return {
      ok: false,
      result: problem(ctx, 400, "The request needs a JSON body.", {
        errors: { "": ["A non-empty request body is required."] },
      }),
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return {
      ok: false,
      result: problem(ctx, 400, "The request body is not valid JSON.", {
        errors: { $: ["The JSON value could not be parsed."] },
      }),
    };
  }
}

/**
 * Reads `{"meteringPoints":{"meteringPoint":[…]}}`, drops repeated ids (one answer per id), and
 * applies the list-level rules: at most `maxMeteringPointsPerRequest` ids (10004) and at least one
 * well-formed id (20013, live text from HA #116).
 */
export function parseMeteringPointIds(ctx: RequestContext): Parsed<string[]> {
  const parsed = parseJsonBody(ctx);
  if (!parsed.ok) return parsed;
  const body = parsed.value as { meteringPoints?: { meteringPoint?: unknown } | null } | null;
  const list = typeof body === "object" && body !== null ? body.meteringPoints?.meteringPoint : undefined;
  if (
    list !== undefined &&
    list !== null &&
    (!Array.isArray(list) || list.some((id) => typeof id !== "string"))
  ) {
    return {
      ok: false,
      result: problem(ctx, 400, "meteringPoints.meteringPoint must be a list of strings.", {
        errors: { "meteringPoints.meteringPoint": ["Expected an array of strings."] },
      }),
    };
  }
  const ids = [...new Set((list ?? []) as string[])];
  const max = ctx.model.maxMeteringPointsPerRequest;
  if (ids.length > max) return { ok: false, result: tooManyIds(ids.length, max) };
  if (!ids.some((id) => WELL_FORMED_ID.test(id))) return { ok: false, result: noValidIds() };
  return { ok: true, value: ids };
}

export type Resolved =
  | { id: string; mp: MeteringPointSpec; access: { from: string; to: string } | undefined }
  | { id: string; errorCode: ErrorCode };

/** Per-id checks for the customer: format 20003, unknown 20008, no relation 20010, blocked 20001. */
export function resolveForCustomer(ctx: RequestContext, ids: string[]): Resolved[] {
  return ids.map((id) => {
    if (!WELL_FORMED_ID.test(id)) return { id, errorCode: 20003 };
    const mp = ctx.model.meteringPoint(id);
    if (mp === undefined) return { id, errorCode: 20008 };
    if (!ctx.model.customerCanRead(mp)) return { id, errorCode: 20010 };
    if (mp.blocked) return { id, errorCode: 20001 };
    return { id, mp, access: undefined };
  });
}

/**
 * Per-id checks for the third party. An id outside every active authorization (unknown ids
 * included, so existence does not leak) rejects the whole request with 401, as SPEC-T declares
 * for "no access to one or more of the listed metering point id(s)".
 */
export function resolveForThirdParty(ctx: RequestContext, ids: string[]): Parsed<Resolved[]> {
  const resolved: Resolved[] = [];
  const denied: string[] = [];
  for (const id of ids) {
    if (!WELL_FORMED_ID.test(id)) {
      resolved.push({ id, errorCode: 20003 });
      continue;
    }
    const mp = ctx.model.meteringPoint(id);
    const access = mp === undefined ? undefined : ctx.model.thirdPartyAccess(mp);
    if (mp === undefined || access === undefined) denied.push(id);
    else if (mp.blocked) resolved.push({ id, errorCode: 20001 });
    else resolved.push({ id, mp, access });
  }
  if (denied.length > 0) {
    return {
      ok: false,
      result: problem(
        ctx,
        401,
        `No active authorization gives access to metering point(s) ${denied.join(", ")}.`,
      ),
    };
  }
  return { ok: true, value: resolved };
}

export function resolveIds(ctx: RequestContext, ids: string[]): Parsed<Resolved[]> {
  return ctx.api === "customer"
    ? { ok: true, value: resolveForCustomer(ctx, ids) }
    : resolveForThirdParty(ctx, ids);
}
