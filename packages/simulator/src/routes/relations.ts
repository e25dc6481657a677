import type { ErrorCode } from "../core/error-codes.js";
import { businessError, codeName, json, problem } from "../core/responses.js";
import type { RequestContext, RouteResult } from "../core/types.js";
import { customerListItem } from "../data/metering-point-list.js";
import { parseMeteringPointIds, WELL_FORMED_ID } from "../validation/metering-points.js";
import type * as Wire from "../wire.js";

const NO_CONSENT =
  "No consent to look up metering points by CPR number; give it on eloverblik.dk or use a web access code.";

/** Query names bind case-insensitively in ASP.NET. */
function queryValue(ctx: RequestContext, name: string): string | undefined {
  for (const [key, value] of ctx.query) if (key.toLowerCase() === name.toLowerCase()) return value;
  return undefined;
}

/**
 * Related metering points, plus (with `includeAll=true`) the unrelated ones registered to the
 * user's CPR, marked `hasRelation:false`. Children appear only nested under their parent.
 */
export function listMeteringPoints(ctx: RequestContext): RouteResult {
  const raw = queryValue(ctx, "includeAll");
  if (raw !== undefined && !/^(true|false)$/i.test(raw)) {
    return problem(ctx, 400, `The value '${raw}' is not valid for includeAll.`, {
      errors: { includeAll: [`The value '${raw}' is not valid.`] },
    });
  }
  const includeAll = raw?.toLowerCase() === "true";
  const { model } = ctx;
  if (includeAll && !model.scenario.value.cprConsent) return businessError(10007, NO_CONSENT);
  const result = model.catalogue.meteringPoints
    .filter((mp) => mp.parentId === undefined)
    .filter((mp) => model.relations.has(mp.id) || (includeAll && mp.registeredToCustomer))
    .map((mp) => customerListItem(model.catalogue, mp, model.relations.has(mp.id), ctx.nowMs));
  return json({ result });
}

/** Links metering points registered to the user's CPR/CVR; one StringResponse item per id. */
export function addRelations(ctx: RequestContext): RouteResult {
  const parsed = parseMeteringPointIds(ctx);
  if (!parsed.ok) return parsed.result;
  const { model } = ctx;
  const result = parsed.value.map((id): Wire.StringItem => {
    const fail = (code: ErrorCode): Wire.StringItem => ({
      result: null,
      success: false,
      errorCode: code,
      errorText: codeName(code),
      id,
      stackTrace: null,
    });
    if (!WELL_FORMED_ID.test(id)) return fail(20003);
    if (!model.scenario.value.cprConsent) return fail(10007);
    const mp = model.meteringPoint(id);
    if (mp === undefined) return fail(20008);
    if (mp.parentId !== undefined) return fail(20009);
    if (model.relations.has(id)) return fail(20002);
    // The CPR (and name) in the token must match DataHub's owner of the metering point (SPEC-C).
    if (!mp.registeredToCustomer) return fail(20012);
    if (mp.blocked) return fail(20001);
    model.relations.add(id);
    // PDF §1.6.3: the answer is the metering point id.
    return { result: id, success: true, errorCode: 10000, errorText: "NoError", id, stackTrace: null };
  });
  return json({ result });
}

/** Links one metering point with its web access code (from the electricity bill). */
export function addRelationByWebAccessCode(ctx: RequestContext): RouteResult {
  const id = ctx.params.meteringPointId ?? "";
  const code = ctx.params.webAccessCode ?? "";
  if (!WELL_FORMED_ID.test(id)) return businessError(20003, "Metering point id must be 18 digits.");
  if (code.length !== 8) return businessError(20006, "Web access code must be 8 characters long.");
  if (!/^[A-Za-z0-9]{8}$/.test(code))
    return businessError(20007, "Web access code contains illegal characters.");
  const { model } = ctx;
  const mp = model.meteringPoint(id);
  if (mp === undefined || mp.webAccessCode !== code.toUpperCase()) {
    return problem(ctx, 404, "#20000: Wrong metering point id or web access code.");
  }
  if (mp.parentId !== undefined) return businessError(20009, "Metering point is a child metering point.");
  if (mp.blocked) return businessError(20001, "Metering point is blocked.");
  if (model.relations.has(id)) return businessError(20002, "Relation to the metering point already exists.");
  model.relations.add(id);
  return json({ result: id });
}

export function deleteRelation(ctx: RequestContext): RouteResult {
  const id = ctx.params.meteringPointId ?? "";
  if (!WELL_FORMED_ID.test(id)) return businessError(20003, "Metering point id must be 18 digits.");
  // SLIM v1/errors.go documents this bracketed form of the business-code string.
  if (!ctx.model.relations.delete(id)) return json("[20010] Relation not found", 400);
  return json({ result: true });
}
