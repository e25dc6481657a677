// Every operation as a function of a session (createEloverblikSession), importable one by one: an
// app that imports `getTimeSeries` alone bundles neither the charges nor the relation calls. Each
// does exactly what the client's method of the same name does, options checked first.
import { type EloverblikSession, guard, handleOf } from "./create-session.js";
import type { CallOptions, OperationContext } from "./operations/context.js";
import { addRelationByWebAccessCode as addRelationByCode } from "./operations/customer/add-relation-by-web-access-code.js";
import { addRelations as addRelationsOp } from "./operations/customer/add-relations.js";
import { deleteRelation as deleteRelationOp } from "./operations/customer/delete-relation.js";
import { exportCsv } from "./operations/customer/export-csv.js";
import {
  type ChargeLinksQuery,
  getChargeLinks as chargeLinks,
} from "./operations/customer/get-charge-links.js";
import {
  type ListMeteringPointsOptions,
  listMeteringPoints as listMeteringPointsOp,
} from "./operations/customer/list-metering-points.js";
import { getCharges as charges } from "./operations/get-charges.js";
import { getDetails as details } from "./operations/get-details.js";
import {
  type TimeSeriesOptions,
  getTimeSeries as timeSeries,
  getTimeSeriesColumnar as timeSeriesColumnar,
} from "./operations/get-time-series.js";
import { isAlive as alive } from "./operations/is-alive.js";
import { listAuthorizations as authorizations } from "./operations/thirdparty/list-authorizations.js";
import { listAuthorizedMeteringPointIds as authorizedIds } from "./operations/thirdparty/list-authorized-metering-point-ids.js";
import { listAuthorizedMeteringPoints as authorizedPoints } from "./operations/thirdparty/list-authorized-metering-points.js";
import type { TimeSeriesQuery } from "./operations/time-series-requests.js";
import type { Aggregation, AuthorizationScope } from "./types.js";

/** Runs one operation in `session`'s context; a value that is no session rejects with INVALID_INPUT. */
function run<T>(
  session: EloverblikSession,
  options: unknown,
  operation: string,
  work: (ctx: OperationContext) => Promise<T>,
): Promise<T> {
  let handle: ReturnType<typeof handleOf>;
  try {
    handle = handleOf(session);
  } catch (error) {
    return Promise.reject(error);
  }
  return guard(handle.signal, options, operation, () => work(handle.ctx));
}

/** `client.getTimeSeries(ids, query)` for a session. */
export const getTimeSeries = (
  session: EloverblikSession,
  ids: readonly string[],
  options: TimeSeriesOptions,
) => run(session, options, "getTimeSeries", (ctx) => timeSeries(ctx, ids, options));

/** `client.getTimeSeriesColumnar(ids, query)` for a session. */
export const getTimeSeriesColumnar = (
  session: EloverblikSession,
  ids: readonly string[],
  options: TimeSeriesQuery,
) => run(session, options, "getTimeSeriesColumnar", (ctx) => timeSeriesColumnar(ctx, ids, options));

/** `client.isAlive()` for a session. */
export const isAlive = (session: EloverblikSession, o?: CallOptions) =>
  run(session, o, "isAlive", (ctx) => alive(ctx, o));

/** `client.getDetails(ids)` for a session. */
export const getDetails = (session: EloverblikSession, ids: readonly string[], o?: CallOptions) =>
  run(session, o, "getDetails", (ctx) => details(ctx, ids, o));

/** `client.getCharges(ids)` for a session. */
export const getCharges = (session: EloverblikSession, ids: readonly string[], o?: CallOptions) =>
  run(session, o, "getCharges", (ctx) => charges(ctx, ids, o));

/** `client.getChargeLinks(query)` for a session. */
export const getChargeLinks = (
  session: EloverblikSession,
  query: readonly ChargeLinksQuery[],
  o?: CallOptions,
) => run(session, o, "getChargeLinks", (ctx) => chargeLinks(ctx, query, o));

/** `client.listMeteringPoints()` for a session (Customer API). */
export const listMeteringPoints = (session: EloverblikSession, o?: ListMeteringPointsOptions) =>
  run(session, o, "listMeteringPoints", (ctx) => listMeteringPointsOp(ctx, o));

/** `client.addRelations(ids)` for a session (Customer API). */
export const addRelations = (session: EloverblikSession, ids: readonly string[], o?: CallOptions) =>
  run(session, o, "addRelations", (ctx) => addRelationsOp(ctx, ids, o));

/** `client.addRelationByWebAccessCode(id, code)` for a session (Customer API). */
export const addRelationByWebAccessCode = (
  session: EloverblikSession,
  id: string,
  code: string,
  o?: CallOptions,
) => run(session, o, "addRelationByWebAccessCode", (ctx) => addRelationByCode(ctx, id, code, o));

/** `client.deleteRelation(id)` for a session (Customer API). */
export const deleteRelation = (session: EloverblikSession, id: string, o?: CallOptions) =>
  run(session, o, "deleteRelation", (ctx) => deleteRelationOp(ctx, id, o));

/** `client.exportTimeSeriesCsv(ids, query)` for a session (Customer API). */
export const exportTimeSeriesCsv = (
  session: EloverblikSession,
  ids: readonly string[],
  q: { from: string | Date; to?: string | Date; aggregation?: Aggregation } & CallOptions,
) => run(session, q, "exportTimeSeriesCsv", (ctx) => exportCsv(ctx, { kind: "timeseries", ids, ...q }, q));

/** `client.exportMasterDataCsv(ids)` for a session (Customer API). */
export const exportMasterDataCsv = (session: EloverblikSession, ids: readonly string[], o?: CallOptions) =>
  run(session, o, "exportMasterDataCsv", (ctx) => exportCsv(ctx, { kind: "masterdata", ids }, o));

/** `client.exportChargesCsv(ids)` for a session (Customer API). */
export const exportChargesCsv = (session: EloverblikSession, ids: readonly string[], o?: CallOptions) =>
  run(session, o, "exportChargesCsv", (ctx) => exportCsv(ctx, { kind: "charges", ids }, o));

/** `client.listAuthorizations()` for a session (Third Party API). */
export const listAuthorizations = (session: EloverblikSession, o?: CallOptions) =>
  run(session, o, "listAuthorizations", (ctx) => authorizations(ctx, o));

/** `client.listAuthorizedMeteringPoints(scope, identifier)` for a session (Third Party API). */
export const listAuthorizedMeteringPoints = (
  session: EloverblikSession,
  scope: AuthorizationScope,
  identifier: string,
  o?: CallOptions,
) => run(session, o, "listAuthorizedMeteringPoints", (ctx) => authorizedPoints(ctx, scope, identifier, o));

/** `client.listAuthorizedMeteringPointIds(scope, identifier)` for a session (Third Party API). */
export const listAuthorizedMeteringPointIds = (
  session: EloverblikSession,
  scope: AuthorizationScope,
  identifier: string,
  o?: CallOptions,
) => run(session, o, "listAuthorizedMeteringPointIds", (ctx) => authorizedIds(ctx, scope, identifier, o));
