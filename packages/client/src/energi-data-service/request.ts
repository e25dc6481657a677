import { EloverblikError } from "../errors/eloverblik-error.js";
import { parseRetryAfter } from "../errors/from-response.js";
import type { Ports } from "../ports/ports.js";
import { networkBackoffMs, type RetryOptions } from "../transport/retry-policy.js";
import { combineSignals } from "../transport/signals.js";
import type { DatasetPacer } from "./pacer.js";

/** What the client tells about its work; never carries anything secret (EDS has no token). */
export type EdsProgressEvent =
  | { type: "request"; dataset: string; url: string; attempt: number }
  | { type: "response"; dataset: string; status: number; ms: number }
  | { type: "wait"; dataset: string; reason: "pacing" | "retry-after" | "network"; ms: number }
  | { type: "cache"; dataset: string; key: string; hit: boolean };

export interface EdsContext {
  baseUrl: string;
  ports: Ports;
  retry: RetryOptions;
  pacer: DatasetPacer;
  signal: AbortSignal | undefined;
  emit: (event: EdsProgressEvent) => void;
}

const TRY_AGAIN = /try again in (\d+) seconds?/i;

function aborted(signal: AbortSignal, dataset: string, cause?: unknown): EloverblikError {
  return new EloverblikError({
    code: "ABORTED",
    message: `The Energi Data Service request for ${dataset} was cancelled.`,
    operation: `energidataservice.${dataset}`,
    cause: cause ?? signal.reason,
  });
}

/**
 * One GET with pacing per dataset, retries on 429 (its Retry-After, else the seconds in its JSON
 * message, else a minute) and 503/network failures, a timeout per attempt, and the plain-text
 * 400/404 mapped to typed errors. Resolves with the parsed JSON body.
 */
export async function edsGet(
  ctx: EdsContext,
  dataset: string,
  path: string,
  params: URLSearchParams,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  const url = `${ctx.baseUrl}${path}${params.size > 0 ? `?${params.toString()}` : ""}`;
  const operation = `energidataservice.${dataset}`;
  const outer = combineSignals(ctx.signal, signal);
  for (let attempt = 1; ; attempt++) {
    if (outer?.aborted) throw aborted(outer, dataset);
    const settle = await ctx.pacer
      .acquire(dataset, outer, (ms) => ctx.emit({ type: "wait", dataset, reason: "pacing", ms }))
      .catch((error: unknown) => {
        throw outer?.aborted ? aborted(outer, dataset, error) : error;
      });
    const timeout = new AbortController();
    const attemptSignal = combineSignals(outer, timeout.signal);
    const timer = ctx.retry.timeoutMs > 0 ? new AbortController() : undefined;
    if (timer) {
      ctx.ports.sleep(ctx.retry.timeoutMs, timer.signal).then(
        () => timeout.abort(new Error("timeout")),
        () => undefined,
      );
    }
    const started = ctx.ports.now();
    ctx.emit({ type: "request", dataset, url, attempt });
    let response: Response | undefined;
    let failure: unknown;
    let body = "";
    try {
      response = await ctx.ports.fetch(
        new Request(url, { headers: { accept: "application/json" }, signal: attemptSignal }),
      );
      body = await response.text();
    } catch (error) {
      failure = error;
    } finally {
      timer?.abort();
      settle();
    }
    if (outer?.aborted) throw aborted(outer, dataset, failure);
    let wait: number | undefined;
    let reason: "retry-after" | "network" = "network";
    if (response === undefined || failure !== undefined) {
      if (timeout.signal.aborted && attempt >= ctx.retry.maxAttempts) {
        throw new EloverblikError({
          code: "TIMEOUT",
          message: `Energi Data Service did not answer for ${dataset} within ${ctx.retry.timeoutMs} ms (${attempt} attempt(s)).`,
          operation,
          retryable: true,
        });
      }
      if (attempt >= ctx.retry.maxAttempts) {
        throw new EloverblikError({
          code: "NETWORK",
          message: `Could not reach Energi Data Service for ${dataset} after ${attempt} attempt(s): ${failure instanceof Error ? failure.message : String(failure)}.`,
          operation,
          retryable: true,
          cause: failure,
        });
      }
      wait = networkBackoffMs(ctx.retry, attempt);
    } else {
      ctx.emit({ type: "response", dataset, status: response.status, ms: ctx.ports.now() - started });
      if (response.ok) {
        try {
          return JSON.parse(body);
        } catch (error) {
          if (attempt >= ctx.retry.maxAttempts) {
            throw new EloverblikError({
              code: "UNEXPECTED_RESPONSE",
              message: `Energi Data Service sent ${dataset} data that is not JSON (${body.length} characters).`,
              status: response.status,
              operation,
              retryable: true,
              cause: error,
            });
          }
          wait = networkBackoffMs(ctx.retry, attempt);
        }
      } else if (response.status === 429 || response.status === 503) {
        const fromHeader = parseRetryAfter(response.headers.get("retry-after"), ctx.ports.now());
        const fromBody = TRY_AGAIN.exec(body)?.[1];
        wait =
          fromHeader ??
          (fromBody === undefined ? undefined : Number(fromBody) * 1000) ??
          ctx.retry.defaultWaitMs + Math.floor(ctx.ports.random() * ctx.retry.jitterMs);
        reason = "retry-after";
        ctx.pacer.block(dataset, ctx.ports.now() + wait);
        if (attempt >= ctx.retry.maxAttempts || wait > ctx.retry.maxWaitMs) {
          throw new EloverblikError({
            code: response.status === 429 ? "RATE_LIMITED" : "API_ERROR",
            message: `Energi Data Service ${response.status === 429 ? "refused more requests" : "is unavailable"} for ${dataset} after ${attempt} attempt(s)${response.status === 429 ? ` (try again in ${Math.ceil(wait / 1000)} s)` : ""}.`,
            status: response.status,
            operation,
            retryable: true,
            retryAfterMs: wait,
          });
        }
        // The pacer holds the dataset until then: the wait happens in acquire.
        ctx.emit({ type: "wait", dataset, reason, ms: wait });
        continue;
      } else {
        const text = body.trim().slice(0, 200);
        throw new EloverblikError({
          code: response.status === 404 ? "NOT_FOUND" : response.status === 400 ? "BAD_REQUEST" : "API_ERROR",
          message: `Energi Data Service answered ${response.status} for ${dataset}: ${text || "(no body)"}`,
          status: response.status,
          operation,
        });
      }
    }
    ctx.emit({ type: "wait", dataset, reason, ms: wait });
    await ctx.ports.sleep(wait, outer).catch((error: unknown) => {
      throw outer?.aborted ? aborted(outer, dataset, error) : error;
    });
  }
}
