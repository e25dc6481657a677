import { describeToken } from "@eloverblik-kit/client";
import { type OperationContext, type OperationResult, registerOperationNode } from "../operation-node.js";
import type { NodeAPI } from "../red.js";

export const STATUS_TYPE = "eloverblik-status";
const DAY_MS = 86_400_000;

/**
 * Whether Eloverblik answers (isalive, no token needed) and what the refresh token is: its name,
 * API and expiry, read from the token itself; the token is never in the output.
 */
async function run(ctx: OperationContext): Promise<OperationResult> {
  const alive = await ctx.client.isAlive({ signal: ctx.signal, onProgress: ctx.onProgress });
  const token = ctx.config.refreshToken();
  const nowMs = ctx.now();
  const info = token ? describeToken(token, nowMs) : undefined;
  const payload = {
    alive,
    api: ctx.api,
    baseUrl: ctx.client.baseUrl,
    refreshToken: info
      ? {
          name: info.name ?? null,
          api: info.api ?? null,
          expiresAt: info.expiresAt ?? null,
          daysLeft:
            info.expiresAtMs === undefined
              ? null
              : Math.max(0, Math.floor((info.expiresAtMs - nowMs) / DAY_MS)),
          expired: info.expired,
        }
      : null,
  };
  return { payload, summary: alive ? "alive" : "not answering" };
}

export function registerStatusNode(RED: NodeAPI): void {
  registerOperationNode(RED, STATUS_TYPE, run);
}
