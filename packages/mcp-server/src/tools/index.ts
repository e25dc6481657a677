import type { ToolDefinition } from "../define-tool.js";
import { addRelationByWebAccessCodeTool } from "./add-relation-by-web-access-code.js";
import { addRelationsByCprTool } from "./add-relations-by-cpr.js";
import { apiStatusTool } from "./api-status.js";
import { deleteRelationTool } from "./delete-relation.js";
import { estimateGridChargesTool } from "./estimate-grid-charges.js";
import { exportTimeSeriesCsvTool } from "./export-time-series-csv.js";
import { getChargesTool } from "./get-charges.js";
import { getConsumptionProfileTool } from "./get-consumption-profile.js";
import { getElectricityCostTool } from "./get-electricity-cost.js";
import { getMeteringPointDetailsTool } from "./get-metering-point-details.js";
import { getTimeSeriesTool } from "./get-time-series.js";
import { listAuthorizationsTool } from "./list-authorizations.js";
import { listAuthorizedMeteringPointsTool } from "./list-authorized-metering-points.js";
import { listMeteringPointsTool } from "./list-metering-points.js";

// biome-ignore lint/suspicious/noExplicitAny: each tool has its own argument and result types
type AnyTool = ToolDefinition<any, any>;

/** Every tool, in the order an assistant would typically use them. */
export const ALL_TOOLS: readonly AnyTool[] = [
  apiStatusTool,
  listMeteringPointsTool,
  listAuthorizationsTool,
  listAuthorizedMeteringPointsTool,
  getMeteringPointDetailsTool,
  getTimeSeriesTool,
  exportTimeSeriesCsvTool,
  getConsumptionProfileTool,
  getChargesTool,
  estimateGridChargesTool,
  getElectricityCostTool,
  addRelationByWebAccessCodeTool,
  addRelationsByCprTool,
  deleteRelationTool,
];
