import type { CallKind, Emit, Send, Stage } from "../pipeline.js";
import { abortError } from "../pipeline.js";

/** Why a pacer makes a call wait. */
export interface PacerWait {
  reason: "rate-limit" | "token-rate-limit";
  ms: number;
}

/**
 * Paces calls within Energinet's quotas. The client's `RateLimiter` is one (in-process sliding
 * window); a host may give its own, e.g. one shared by several processes.
 */
export interface Pacer {
  /** Waits for a slot for one attempt; resolves with the function that gives it back. */
  acquire(
    kind: CallKind,
    signal: AbortSignal | undefined,
    onWait?: (wait: PacerWait) => void,
  ): Promise<() => void>;
  /**
   * Optional: waits until a call of `kind` could start without taking a slot; true when it had to
   * wait (the token cache then reads the store again before it exchanges).
   */
  ready?(kind: CallKind, signal?: AbortSignal): Promise<boolean>;
}

/** Every attempt holds a pacer slot from just before it is sent until its answer is read. */
export function pacingStage(pacer: Pacer, emit: Emit): Stage {
  return (next: Send): Send =>
    async (call) => {
      const { context, signal, attempt } = call;
      const release = await pacer
        .acquire(context.kind, signal, (wait) =>
          emit(
            { type: "wait", operation: context.operation, reason: wait.reason, ms: wait.ms, attempt },
            context,
          ),
        )
        .catch((error: unknown) => {
          throw abortError(error, signal, context);
        });
      try {
        return await next(call);
      } finally {
        release();
      }
    };
}
