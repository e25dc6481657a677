import { type ApiKind, type Eloverblik, EloverblikError, type ProgressEvent } from "@eloverblik-kit/client";
import { CONFIG_TYPE, type EloverblikConfigNode } from "./config-node.js";
import { describe, nodeError } from "./describe.js";
import type { Msg, NodeAPI, NodeDefinition, NodeStatus, RedNode } from "./red.js";

/** What an operation gets to do its work. */
export interface OperationContext {
  client: Eloverblik;
  api: ApiKind;
  config: EloverblikConfigNode;
  msg: Msg;
  definition: NodeDefinition;
  /** Aborted when the flow stops or the node is removed. */
  signal: AbortSignal;
  /** Pass to the client's call: keeps the status badge up to date. */
  onProgress: (event: ProgressEvent) => void;
  now(): number;
}

export interface OperationResult {
  payload: unknown;
  /** The status text when done, e.g. "24 points". */
  summary: string;
  /** Failed items: the status turns yellow. */
  failed?: number;
  /** Other message properties to set (e.g. the resolved `from`/`to`, for the next node). */
  set?: Record<string, unknown>;
}

export type Operation = (ctx: OperationContext) => Promise<OperationResult>;

const WAIT_REASONS: Record<string, string> = {
  "rate-limit": "rate limit",
  "token-rate-limit": "token limit",
  "retry-after": "429",
  "datahub-unavailable": "503",
  network: "network",
  "unreadable-answer": "unreadable answer",
};

function progressStatus(event: ProgressEvent, chunk: { done: number; total: number }): NodeStatus | null {
  switch (event.type) {
    case "chunk":
      chunk.done = event.index + 1;
      chunk.total = event.total;
      return {
        fill: "blue",
        shape: "dot",
        text: `requesting (chunk ${Math.min(chunk.done + 1, chunk.total)} of ${chunk.total})`,
      };
    case "wait":
      // Short pacing waits would only make the badge flicker.
      if (event.ms < 1000) return null;
      return {
        fill: "yellow",
        shape: "ring",
        text: `waiting ${Math.ceil(event.ms / 1000)} s (${WAIT_REASONS[event.reason] ?? event.reason})`,
      };
    case "request":
      return {
        fill: "blue",
        shape: "dot",
        text: chunk.total > 1 ? `requesting (chunk ${chunk.done + 1} of ${chunk.total})` : "requesting",
      };
    default:
      return null;
  }
}

function missingConfig(): EloverblikError {
  return new EloverblikError({
    code: "INVALID_INPUT",
    message: "No Eloverblik config node is selected: open the node and choose or add one.",
  });
}

/**
 * Registers a node type that runs one operation per message: the config node's client, the status
 * badge (requesting, chunk i of n, waiting after a 429/503, done with counts, error), errors through
 * `done(err)` so that Catch nodes see them, and an abort of every request when the flow stops.
 */
export function registerOperationNode(RED: NodeAPI, type: string, operation: Operation): void {
  RED.nodes.registerType(type, function (this: RedNode, definition: NodeDefinition) {
    RED.nodes.createNode(this, definition);
    const config = RED.nodes.getNode(String(definition.server ?? "")) as EloverblikConfigNode | null;
    const running = new Set<AbortController>();

    this.on("input", async (msg, send, done) => {
      const controller = new AbortController();
      running.add(controller);
      const chunk = { done: 0, total: 0 };
      this.status({ fill: "blue", shape: "dot", text: "requesting" });
      try {
        if (!config || config.type !== CONFIG_TYPE) throw missingConfig();
        const result = await operation({
          client: config.client(),
          api: config.api,
          config,
          msg,
          definition,
          signal: controller.signal,
          onProgress: (event) => {
            const status = progressStatus(event, chunk);
            if (status && !controller.signal.aborted) this.status(status);
          },
          now: () => Date.now(),
        });
        if (controller.signal.aborted) return done();
        msg.payload = result.payload;
        Object.assign(msg, result.set);
        const failed = result.failed ?? 0;
        this.status(
          failed > 0
            ? { fill: "yellow", shape: "dot", text: `${result.summary}, ${failed} failed` }
            : { fill: "green", shape: "dot", text: result.summary },
        );
        send(msg);
        done();
      } catch (error) {
        // A stopped flow is not an error of the flow.
        if (controller.signal.aborted) return done();
        const description = describe(error);
        this.status({ fill: "red", shape: "ring", text: description.code });
        msg.eloverblikError = description;
        done(nodeError(description));
      } finally {
        running.delete(controller);
      }
    });

    this.on("close", (_removed, done) => {
      for (const controller of running) controller.abort();
      running.clear();
      this.status({});
      done();
    });
  });
}
