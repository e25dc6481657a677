import { createEloverblikCore, type Eloverblik } from "./create-eloverblik-core.js";
import {
  createEloverblikSessionCore,
  type EloverblikBaseOptions,
  type EloverblikCoreOptions,
  type EloverblikSession,
} from "./create-session.js";
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
  return createEloverblikCore(withNodeDefaults(options));
}

/**
 * A client without its operations, for the operations imported one by one
 * (`getTimeSeries(session, ids, query)`): an app bundles only the operations it imports. Options
 * and Node defaults as for `createEloverblik`; a whole client is a session too.
 */
export function createEloverblikSession(options: EloverblikOptions): EloverblikSession {
  return createEloverblikSessionCore(withNodeDefaults(options));
}

function withNodeDefaults(options: EloverblikOptions): EloverblikCoreOptions {
  const { fetch, sleep, now, random, ...rest } = options ?? ({} as EloverblikOptions);
  const ports = defaultPorts({
    ...(fetch ? { fetch } : {}),
    ...(sleep ? { sleep } : {}),
    ...(now ? { now } : {}),
    ...(random ? { random } : {}),
  });
  // Sharing the per-IP quota only makes sense on the real clock; a test's virtual clock keeps its own.
  const realClock = now === undefined && sleep === undefined;
  return {
    shareRateLimiter: realClock,
    ...rest,
    ports,
  } as EloverblikBaseOptions & { ports: Ports };
}
