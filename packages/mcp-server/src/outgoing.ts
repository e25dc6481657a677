import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { scrub } from "./secrets.js";

type Id = string | number;

/** What a guarded transport tells its server. */
export interface TransportGuard {
  /** Requests received and not yet answered (or cancelled). */
  pending(): number;
  /** Resolves once every request received so far has been answered or cancelled. */
  idle(): Promise<void>;
  /** Wraps `onmessage`; call once the server has connected (it sets `onmessage` in connect). */
  watchIncoming(): void;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object";
}

/**
 * Guards everything a server sends on a transport, and counts the requests it still owes.
 *
 * Scrubbing: the SDK answers some requests itself and quotes the caller's arguments while doing
 * so (an unknown tool's name, an input-validation error, a prompt argument). Those answers pass
 * through the scrubber like everything the tools return. Tool results that succeeded were
 * scrubbed when they were made, and the tool list is our own text, so both are sent as they are.
 */
export function guardTransport(transport: Transport, secrets: () => readonly string[]): TransportGuard {
  const pending = new Map<Id, string>();
  let waiters: Array<() => void> = [];
  const settle = (id: Id) => {
    if (!pending.delete(id) || pending.size > 0) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };

  const send = transport.send.bind(transport);
  transport.send = async (message, options) => {
    const m = message as Record<string, unknown>;
    const id = "id" in m && (typeof m.id === "string" || typeof m.id === "number") ? m.id : undefined;
    const isAnswer = id !== undefined && ("result" in m || "error" in m);
    const method = isAnswer ? pending.get(id) : undefined;
    let out: JSONRPCMessage = message;
    const result = isObject(m.result) ? m.result : undefined;
    const trusted =
      result !== undefined &&
      (method === "tools/list" || (method === "tools/call" && result.isError !== true));
    if (!trusted) out = scrub(message, secrets());
    try {
      await send(out, options);
    } finally {
      if (isAnswer) settle(id);
    }
  };

  return {
    pending: () => pending.size,
    idle: () =>
      pending.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)),
    watchIncoming() {
      const inner = transport.onmessage;
      transport.onmessage = (message, extra) => {
        const m = message as Record<string, unknown>;
        if (typeof m.method === "string") {
          if ("id" in m && (typeof m.id === "string" || typeof m.id === "number"))
            pending.set(m.id, m.method);
          else if (m.method === "notifications/cancelled" && isObject(m.params)) {
            // A cancelled request gets no answer: it is owed no longer.
            const requestId = m.params.requestId;
            if (typeof requestId === "string" || typeof requestId === "number") settle(requestId);
          }
        }
        inner?.(message, extra);
      };
    },
  };
}
