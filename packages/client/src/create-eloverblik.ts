import {
  createEloverblikCore,
  type Eloverblik,
  type EloverblikBaseOptions,
} from "./create-eloverblik-core.js";
import { defaultPorts } from "./ports/node-defaults.js";
import type { Ports } from "./ports/ports.js";

export interface EloverblikOptions extends EloverblikBaseOptions {
  fetch?: Ports["fetch"];
  sleep?: Ports["sleep"];
  now?: Ports["now"];
  random?: Ports["random"];
}

/**
 * Creates a client for the Customer or Third Party API with token exchange and caching, pacing
 * within Energinet's limits, retries on 429/503, batching of ids, splitting of long periods and
 * DST-correct flattening. Throws before any request when the refresh token is unusable. Ports not
 * given come from Node (global fetch, timers, Date.now, Math.random).
 */
export function createEloverblik(options: EloverblikOptions): Eloverblik {
  const { fetch, sleep, now, random, ...rest } = options ?? ({} as EloverblikOptions);
  const ports = defaultPorts({
    ...(fetch ? { fetch } : {}),
    ...(sleep ? { sleep } : {}),
    ...(now ? { now } : {}),
    ...(random ? { random } : {}),
  });
  // Sharing the per-IP quota only makes sense on the real clock; a test's virtual clock keeps its own.
  const realClock = now === undefined && sleep === undefined;
  return createEloverblikCore({
    shareRateLimiter: realClock,
    ...rest,
    ports,
  } as EloverblikBaseOptions & { ports: Ports });
}
