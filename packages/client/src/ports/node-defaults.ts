import { onAbort } from "../transport/signals.js";
import type { Ports } from "./ports.js";

// The only module that touches Node/browser globals. A host that cannot allow them (n8n Cloud)
// passes every port explicitly and bundles without this file's defaults being reached.

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      stop?.();
      resolve();
    }, ms);
    const stop = signal
      ? onAbort(signal, () => {
          clearTimeout(timer);
          reject(signal.reason);
        })
      : undefined;
  });
}

// Module-level, so that clients made with the defaults are recognised as sharing one clock
// (and therefore one rate limiter per base URL).
const defaultFetch = (input: Request) => fetch(input);
const defaultNow = () => Date.now();

export function defaultPorts(overrides: Partial<Ports> = {}): Ports {
  return {
    fetch: overrides.fetch ?? defaultFetch,
    sleep: overrides.sleep ?? defaultSleep,
    now: overrides.now ?? defaultNow,
    random: overrides.random ?? Math.random,
  };
}
