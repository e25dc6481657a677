import { EloverblikError } from "../../errors/eloverblik-error.js";
import { parseRetryAfter } from "../../errors/from-response.js";
import type { Ports } from "../../ports/ports.js";
import { abortError, type Call, type CallContext, type Emit, type Send, type Stage } from "../pipeline.js";
import { isRetryableStatus, networkBackoffMs, type RetryOptions } from "../retry-policy.js";

/**
 * Repeats an attempt after 429/503 (honouring `Retry-After`, else a minute plus jitter) and after a
 * failure without an answer (a growing backoff), within `maxAttempts`. A call that changes state
 * is not repeated after a dropped connection: it may have been carried out.
 */
export function retryStage(retry: RetryOptions, ports: Ports, emit: Emit): Stage {
  return (next: Send): Send =>
    async (call) => {
      const { context, signal } = call;
      const maxAttempts = context.retry === false ? 1 : retry.maxAttempts;
      for (let attempt = 1; ; attempt++) {
        let response: Response | undefined;
        let failure: unknown;
        try {
          response = await next({ ...call, attempt });
        } catch (error) {
          if (error instanceof EloverblikError && error.code !== "TIMEOUT") throw error;
          failure = error;
        }
        let wait: number;
        let reason: "retry-after" | "datahub-unavailable" | "network";
        if (response) {
          if (!isRetryableStatus(response.status) || attempt >= maxAttempts) return response;
          const retryAfter = parseRetryAfter(response.headers.get("retry-after"), ports.now());
          wait = retryAfter ?? retry.defaultWaitMs + Math.floor(ports.random() * retry.jitterMs);
          if (wait > retry.maxWaitMs) return response;
          reason = response.status === 429 ? "retry-after" : "datahub-unavailable";
        } else {
          if (signal?.aborted) throw abortError(failure, signal, context);
          const final = networkError(failure, context, attempt);
          if (attempt >= maxAttempts || context.idempotent === false) throw final;
          wait = networkBackoffMs(retry, attempt);
          reason = "network";
        }
        emit({ type: "wait", operation: context.operation, reason, ms: wait, attempt }, context);
        await ports.sleep(wait, signal).catch((error: unknown) => {
          throw abortError(error, signal, context);
        });
      }
    };
}

/** Waits before a call whose answer could not be read is sent again, as after a network failure. */
export async function unreadableBackoff(
  retry: RetryOptions,
  ports: Ports,
  emit: Emit,
  call: Pick<Call, "context" | "signal">,
  attempt: number,
): Promise<void> {
  const ms = networkBackoffMs(retry, attempt);
  emit(
    { type: "wait", operation: call.context.operation, reason: "unreadable-answer", ms, attempt },
    call.context,
  );
  await ports.sleep(ms, call.signal).catch((error: unknown) => {
    throw abortError(error, call.signal, call.context);
  });
}

function networkError(failure: unknown, context: CallContext, attempt: number): EloverblikError {
  if (failure instanceof EloverblikError) return failure;
  const single = context.meteringPointIds?.length === 1 ? context.meteringPointIds[0] : undefined;
  return new EloverblikError({
    code: "NETWORK",
    message: `Could not reach Eloverblik for ${context.operation} (${describeFailure(failure)}) after ${attempt} attempt(s).${context.idempotent === false ? " The change may or may not have been made; check before repeating it." : ""}`,
    status: 0,
    retryable: context.idempotent !== false,
    operation: context.operation,
    period: context.period,
    meteringPointId: single,
    cause: failure,
  });
}

function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const code = typeof cause === "object" && cause !== null ? (cause as { code?: unknown }).code : undefined;
    return typeof code === "string" ? `${error.message}: ${code}` : error.message;
  }
  return String(error);
}
