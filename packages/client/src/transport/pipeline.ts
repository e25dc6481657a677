import { EloverblikError } from "../errors/eloverblik-error.js";
import type { ProgressEvent, ProgressListener } from "./progress.js";

/** What kind of quota a call uses: the token exchange has its own, stricter one. */
export type CallKind = "token" | "data";

/** What an operation tells the pipeline about one call. */
export interface CallContext {
  operation: string;
  kind: CallKind;
  meteringPointIds?: readonly string[] | undefined;
  period?: { from: string; to: string } | undefined;
  userCorrelationId?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Sent without Authorization (isalive needs none). */
  anonymous?: boolean;
  /**
   * false for calls whose repetition can change the answer (relation changes): after a timeout or
   * a dropped connection the request may have been carried out, so it is not sent again.
   */
  idempotent?: boolean;
  /** false: one attempt only, whatever the answer. */
  retry?: boolean;
  /** Path shown in progress events when the real one carries a secret (a web access code). */
  displayPath?: string;
  /** This call's own listener, told of its events besides the client's `onProgress`. */
  onProgress?: ProgressListener | undefined;
}

/** One call on its way through the stages. */
export interface Call {
  /** The request openapi-fetch built (URL, method, headers); its body is in `body`. */
  request: Request;
  body: string | undefined;
  context: CallContext;
  /** The client's signal and the call's own, combined. */
  signal: AbortSignal | undefined;
  /** 1 for the first attempt; set by the retry stage. */
  attempt: number;
  /**
   * The Authorization bearer, read when the request leaves (after pacing), so a call that queued
   * sends the token current then. Empty: no Authorization header.
   */
  bearer: () => string;
}

/** Sends a call on and resolves with the final Response, its body already read. */
export type Send = (call: Call) => Promise<Response>;

/**
 * One concern of the request pipeline (auth, retry, pacing, the fetch itself). A stage gets the
 * next one and returns its own `Send`, as octokit's plugins wrap `request`. The first stage of the
 * list is the outermost.
 */
export type Stage = (next: Send) => Send;

export function compose(stages: readonly Stage[], last: Send): Send {
  return stages.reduceRight<Send>((next, stage) => stage(next), last);
}

/**
 * Reports an event to the client's listener and, for events of one call, to that call's own
 * listener. A faulty listener must not break the request it observes.
 */
export type Emit = (event: ProgressEvent, context?: Pick<CallContext, "onProgress">) => void;

export function safeEmit(listener: ProgressListener | undefined): Emit {
  return (event, context) => {
    for (const each of [listener, context?.onProgress]) {
      try {
        each?.(event);
      } catch {
        // ignored on purpose
      }
    }
  };
}

/** An abort (the signal's reason, an AbortError) as the client's ABORTED error. */
export function abortError(error: unknown, signal: AbortSignal | undefined, context: CallContext): unknown {
  if (error instanceof EloverblikError) return error;
  if (signal?.aborted) {
    return new EloverblikError({
      code: "ABORTED",
      message: `The ${context.operation} call was cancelled.`,
      operation: context.operation,
      cause: signal.reason,
    });
  }
  return error;
}
