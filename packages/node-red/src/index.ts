// @eloverblik-kit/node-red: registers the config node and every Eloverblik node with Node-RED.
import { registerConfigNode } from "./config-node.js";
import { registerTimeSeriesNode } from "./nodes/time-series.js";
import type { NodeAPI } from "./red.js";

export function register(RED: NodeAPI): void {
  registerConfigNode(RED);
  registerTimeSeriesNode(RED);
}
