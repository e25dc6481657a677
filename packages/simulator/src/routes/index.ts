import type { RouteDefinition } from "../core/router.js";
import {
  listAuthorizations,
  listAuthorizedMeteringPointIds,
  listAuthorizedMeteringPoints,
} from "./authorizations.js";
import { getChargeLinks } from "./charge-links.js";
import { exportCharges, exportMasterData, exportTimeSeries } from "./exports.js";
import { getCharges, getDetails } from "./master-data.js";
import { getMeterReadings } from "./meter-readings.js";
import { addRelationByWebAccessCode, addRelations, deleteRelation, listMeteringPoints } from "./relations.js";
import { getToken, isAlive } from "./service.js";
import { getTimeSeries } from "./time-series.js";

const C = "/customerapi/api";
const T = "/thirdpartyapi/api";
const TIME_SERIES = "meterdata/gettimeseries/{dateFrom}/{dateTo}/{aggregation}";

const chargeLinksDeployed: RouteDefinition["deployed"] = (model) =>
  model.scenario.value.chargeLinks === "available";

/** Every path of both APIs (reference §5 and §6), plus the withdrawn meter-readings call. */
export const ROUTES: RouteDefinition[] = [
  {
    api: "customer",
    method: "GET",
    template: `${C}/isalive`,
    operation: "isAlive",
    auth: "none",
    handler: isAlive,
  },
  {
    api: "customer",
    method: "GET",
    template: `${C}/token`,
    operation: "getToken",
    auth: "refresh",
    handler: getToken,
  },
  {
    api: "customer",
    method: "GET",
    template: `${C}/meteringpoints/meteringpoints`,
    operation: "listMeteringPoints",
    auth: "dataAccess",
    handler: listMeteringPoints,
  },
  {
    api: "customer",
    method: "POST",
    template: `${C}/meteringpoints/meteringpoint/relation/add`,
    operation: "addRelationsByIdentity",
    auth: "dataAccess",
    handler: addRelations,
  },
  {
    api: "customer",
    method: "PUT",
    template: `${C}/meteringpoints/meteringpoint/relation/add/{meteringPointId}/{webAccessCode}`,
    operation: "addRelationByWebAccessCode",
    auth: "dataAccess",
    handler: addRelationByWebAccessCode,
  },
  {
    api: "customer",
    method: "DELETE",
    template: `${C}/meteringpoints/meteringpoint/relation/{meteringPointId}`,
    operation: "deleteRelation",
    auth: "dataAccess",
    handler: deleteRelation,
  },
  {
    api: "customer",
    method: "POST",
    template: `${C}/meteringpoints/meteringpoint/getdetails`,
    operation: "getDetails",
    auth: "dataAccess",
    handler: getDetails,
  },
  {
    api: "customer",
    method: "POST",
    template: `${C}/meteringpoints/meteringpoint/getcharges`,
    operation: "getCharges",
    auth: "dataAccess",
    handler: getCharges,
  },
  {
    api: "customer",
    method: "POST",
    template: `${C}/meteringpoints/meteringpoint/getchargelinkswithcharges`,
    operation: "getChargeLinksWithCharges",
    auth: "dataAccess",
    deployed: chargeLinksDeployed,
    handler: getChargeLinks,
  },
  {
    api: "customer",
    method: "POST",
    template: `${C}/${TIME_SERIES}`,
    operation: "getTimeSeries",
    auth: "dataAccess",
    handler: getTimeSeries,
  },
  {
    api: "customer",
    method: "POST",
    template: `${C}/meterdata/timeseries/export/{dateFrom}/{dateTo}/{aggregation}`,
    operation: "exportTimeSeriesCsv",
    auth: "dataAccess",
    handler: exportTimeSeries,
  },
  {
    api: "customer",
    method: "POST",
    template: `${C}/meteringpoints/masterdata/export`,
    operation: "exportMasterDataCsv",
    auth: "dataAccess",
    handler: exportMasterData,
  },
  {
    api: "customer",
    method: "POST",
    template: `${C}/meteringpoints/charges/export`,
    operation: "exportChargesCsv",
    auth: "dataAccess",
    handler: exportCharges,
  },
  {
    api: "customer",
    method: "POST",
    template: `${C}/meterdata/getmeterreadings/{dateFrom}/{dateTo}`,
    operation: "getMeterReadings",
    auth: "dataAccess",
    deployed: (model) => model.scenario.value.meterReadings === "available",
    handler: getMeterReadings,
  },
  {
    api: "thirdparty",
    method: "GET",
    template: `${T}/isalive`,
    operation: "isAlive",
    auth: "none",
    handler: isAlive,
  },
  {
    api: "thirdparty",
    method: "GET",
    template: `${T}/token`,
    operation: "getToken",
    auth: "refresh",
    handler: getToken,
  },
  {
    api: "thirdparty",
    method: "GET",
    template: `${T}/authorization/authorizations`,
    operation: "listAuthorizations",
    auth: "dataAccess",
    handler: listAuthorizations,
  },
  {
    api: "thirdparty",
    method: "GET",
    template: `${T}/authorization/authorization/meteringpoints/{scope}/{identifier}`,
    operation: "listAuthorizedMeteringPoints",
    auth: "dataAccess",
    handler: listAuthorizedMeteringPoints,
  },
  {
    api: "thirdparty",
    method: "GET",
    template: `${T}/authorization/authorization/meteringpointids/{scope}/{identifier}`,
    operation: "listAuthorizedMeteringPointIds",
    auth: "dataAccess",
    handler: listAuthorizedMeteringPointIds,
  },
  {
    api: "thirdparty",
    method: "POST",
    template: `${T}/meteringpoint/getdetails`,
    operation: "getDetails",
    auth: "dataAccess",
    handler: getDetails,
  },
  {
    api: "thirdparty",
    method: "POST",
    template: `${T}/meteringpoint/getcharges`,
    operation: "getCharges",
    auth: "dataAccess",
    handler: getCharges,
  },
  {
    api: "thirdparty",
    method: "POST",
    template: `${T}/meteringpoint/getchargelinkswithcharges`,
    operation: "getChargeLinksWithCharges",
    auth: "dataAccess",
    deployed: chargeLinksDeployed,
    handler: getChargeLinks,
  },
  {
    api: "thirdparty",
    method: "POST",
    template: `${T}/${TIME_SERIES}`,
    operation: "getTimeSeries",
    auth: "dataAccess",
    handler: getTimeSeries,
  },
];
