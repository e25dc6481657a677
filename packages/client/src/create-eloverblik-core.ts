import {
  createEloverblikSessionCore,
  type EloverblikCoreOptions,
  guard,
  handleOf,
} from "./create-session.js";
import type { CallOptions } from "./operations/context.js";
import { addRelationByWebAccessCode } from "./operations/customer/add-relation-by-web-access-code.js";
import { addRelations } from "./operations/customer/add-relations.js";
import { deleteRelation } from "./operations/customer/delete-relation.js";
import { exportCsv } from "./operations/customer/export-csv.js";
import { type ChargeLinksQuery, getChargeLinks } from "./operations/customer/get-charge-links.js";
import { getMeterReadings } from "./operations/customer/get-meter-readings.js";
import {
  type ListMeteringPointsOptions,
  listMeteringPoints,
} from "./operations/customer/list-metering-points.js";
import { getCharges } from "./operations/get-charges.js";
import { getDetails } from "./operations/get-details.js";
import {
  getTimeSeries,
  getTimeSeriesColumnar,
  type TimeSeriesOptions,
} from "./operations/get-time-series.js";
import { isAlive } from "./operations/is-alive.js";
import { listAuthorizations } from "./operations/thirdparty/list-authorizations.js";
import { listAuthorizedMeteringPointIds } from "./operations/thirdparty/list-authorized-metering-point-ids.js";
import { listAuthorizedMeteringPoints } from "./operations/thirdparty/list-authorized-metering-points.js";
import type { TimeSeriesQuery } from "./operations/time-series-requests.js";
import type { Aggregation, AuthorizationScope } from "./types.js";

export type { EloverblikBaseOptions, EloverblikCoreOptions } from "./create-session.js";

/**
 * The client with every port given explicitly: for hosts that must not touch globals (n8n's
 * community-node scanner) and for bundling. `createEloverblik` is this plus Node's defaults.
 * It is a session (`createEloverblikSessionCore`) with every operation attached; a client can be
 * passed wherever a session is expected.
 */
export function createEloverblikCore(options: EloverblikCoreOptions) {
  const base = createEloverblikSessionCore(options);
  const { ctx } = handleOf(base);
  return Object.assign(base, {
    isAlive: (o?: CallOptions) => guard(options.signal, o, "isAlive", () => isAlive(ctx, o)),
    getDetails: (ids: readonly string[], o?: CallOptions) =>
      guard(options.signal, o, "getDetails", () => getDetails(ctx, ids, o)),
    getCharges: (ids: readonly string[], o?: CallOptions) =>
      guard(options.signal, o, "getCharges", () => getCharges(ctx, ids, o)),
    getTimeSeries: (ids: readonly string[], o: TimeSeriesOptions) =>
      guard(options.signal, o, "getTimeSeries", () => getTimeSeries(ctx, ids, o)),
    getTimeSeriesColumnar: (ids: readonly string[], o: TimeSeriesQuery) =>
      guard(options.signal, o, "getTimeSeriesColumnar", () => getTimeSeriesColumnar(ctx, ids, o)),
    getChargeLinks: (query: readonly ChargeLinksQuery[], o?: CallOptions) =>
      guard(options.signal, o, "getChargeLinks", () => getChargeLinks(ctx, query, o)),
    // Customer API
    listMeteringPoints: (o?: ListMeteringPointsOptions) =>
      guard(options.signal, o, "listMeteringPoints", () => listMeteringPoints(ctx, o)),
    addRelations: (ids: readonly string[], o?: CallOptions) =>
      guard(options.signal, o, "addRelations", () => addRelations(ctx, ids, o)),
    addRelationByWebAccessCode: (id: string, code: string, o?: CallOptions) =>
      guard(options.signal, o, "addRelationByWebAccessCode", () =>
        addRelationByWebAccessCode(ctx, id, code, o),
      ),
    deleteRelation: (id: string, o?: CallOptions) =>
      guard(options.signal, o, "deleteRelation", () => deleteRelation(ctx, id, o)),
    exportTimeSeriesCsv: (
      ids: readonly string[],
      q: { from: string | Date; to?: string | Date; aggregation?: Aggregation } & CallOptions,
    ) =>
      guard(options.signal, q, "exportTimeSeriesCsv", () =>
        exportCsv(ctx, { kind: "timeseries", ids, ...q }, q),
      ),
    exportMasterDataCsv: (ids: readonly string[], o?: CallOptions) =>
      guard(options.signal, o, "exportMasterDataCsv", () => exportCsv(ctx, { kind: "masterdata", ids }, o)),
    exportChargesCsv: (ids: readonly string[], o?: CallOptions) =>
      guard(options.signal, o, "exportChargesCsv", () => exportCsv(ctx, { kind: "charges", ids }, o)),
    /** LEGACY: withdrawn by Energinet; kept for older integrations and answered with a clear error. */
    getMeterReadings: (
      ids: readonly string[],
      period: { from: string | Date; to?: string | Date },
      o?: CallOptions,
    ) => guard(options.signal, o, "getMeterReadings", () => getMeterReadings(ctx, ids, period, o)),
    // Third Party API
    listAuthorizations: (o?: CallOptions) =>
      guard(options.signal, o, "listAuthorizations", () => listAuthorizations(ctx, o)),
    listAuthorizedMeteringPoints: (scope: AuthorizationScope, identifier: string, o?: CallOptions) =>
      guard(options.signal, o, "listAuthorizedMeteringPoints", () =>
        listAuthorizedMeteringPoints(ctx, scope, identifier, o),
      ),
    listAuthorizedMeteringPointIds: (scope: AuthorizationScope, identifier: string, o?: CallOptions) =>
      guard(options.signal, o, "listAuthorizedMeteringPointIds", () =>
        listAuthorizedMeteringPointIds(ctx, scope, identifier, o),
      ),
  });
}

export type Eloverblik = ReturnType<typeof createEloverblikCore>;
