// @eloverblik-kit/node-red: registers the config node and every Eloverblik node with Node-RED.
import { registerConfigNode } from "./config-node.js";
import { registerAuthorizationsNode } from "./nodes/authorizations.js";
import { registerChargesNode } from "./nodes/charges.js";
import { registerExportNode } from "./nodes/export.js";
import { registerMeteringPointsNode } from "./nodes/metering-points.js";
import { registerRelationsNode } from "./nodes/relations.js";
import { registerStatusNode } from "./nodes/status.js";
import { registerTimeSeriesNode } from "./nodes/time-series.js";
import type { NodeAPI } from "./red.js";

export function register(RED: NodeAPI): void {
  registerConfigNode(RED);
  registerStatusNode(RED);
  registerMeteringPointsNode(RED);
  registerTimeSeriesNode(RED);
  registerChargesNode(RED);
  registerExportNode(RED);
  registerRelationsNode(RED);
  registerAuthorizationsNode(RED);
}
