import { businessError, json } from "../core/responses.js";
import type { RequestContext, RouteResult } from "../core/types.js";
import { isoMillis } from "../data/format.js";
import { thirdPartyListItem } from "../data/metering-point-list.js";
import type { AuthorizationSpec, AuthorizedMeteringPoint } from "../model/authorizations.js";
import type { MeteringPointSpec } from "../model/catalogue.js";
import { localDateStartUtc } from "../time/copenhagen.js";
import type * as Wire from "../wire.js";

const day = (date: string) => isoMillis(localDateStartUtc(date));

function toDto(a: AuthorizationSpec): Wire.Authorization {
  return {
    id: a.id,
    thirdPartyName: a.thirdPartyName,
    validFrom: day(a.validFrom),
    validTo: day(a.validTo),
    customerName: a.customerName,
    customerCVR: a.customerCVR,
    customerKey: a.customerKey,
    timeStamp: isoMillis(a.timeStamp),
    includeFutureMeteringPoints: a.includeFutureMeteringPoints,
  };
}

/** Active authorizations only; deleted or expired ones are never returned (SPEC-T). */
export function listAuthorizations(ctx: RequestContext): RouteResult {
  return json({ result: ctx.model.activeAuthorizations().map(toDto) });
}

const SCOPES = {
  authorizationid: (a: AuthorizationSpec, identifier: string) =>
    a.id.toLowerCase() === identifier.toLowerCase(),
  customercvr: (a: AuthorizationSpec, identifier: string) =>
    a.customerCVR !== "" && a.customerCVR === identifier,
  customerkey: (a: AuthorizationSpec, identifier: string) => a.customerKey === identifier,
} as const;

type Grant = { mp: MeteringPointSpec; grant: AuthorizedMeteringPoint };

/**
 * Metering points granted by the active authorizations that match `{scope}/{identifier}`. An
 * unknown scope is 30005 InvalidRequestParameters; an identifier that matches nothing gives an
 * empty list.
 */
function grantsFor(ctx: RequestContext): { ok: true; grants: Grant[] } | { ok: false; result: RouteResult } {
  const scope = (ctx.params.scope ?? "").toLowerCase();
  const identifier = ctx.params.identifier ?? "";
  if (!(scope in SCOPES)) {
    return {
      ok: false,
      result: businessError(
        30005,
        `Invalid scope '${ctx.params.scope ?? ""}', use authorizationId, customerCVR or customerKey.`,
      ),
    };
  }
  const matches = SCOPES[scope as keyof typeof SCOPES];
  const seen = new Set<string>();
  const grants: Grant[] = [];
  for (const auth of ctx.model.activeAuthorizations().filter((a) => matches(a, identifier))) {
    for (const grant of auth.meteringPoints) {
      const mp = ctx.model.meteringPoint(grant.id);
      if (mp === undefined || seen.has(grant.id)) continue;
      seen.add(grant.id);
      grants.push({ mp, grant });
    }
  }
  return { ok: true, grants };
}

export function listAuthorizedMeteringPoints(ctx: RequestContext): RouteResult {
  const found = grantsFor(ctx);
  if (!found.ok) return found.result;
  const { catalogue } = ctx.model;
  return json({
    result: found.grants.map(({ mp, grant }) => thirdPartyListItem(catalogue, mp, grant, ctx.nowMs)),
  });
}

export function listAuthorizedMeteringPointIds(ctx: RequestContext): RouteResult {
  const found = grantsFor(ctx);
  if (!found.ok) return found.result;
  return json({ result: found.grants.map(({ mp }) => mp.id) });
}
