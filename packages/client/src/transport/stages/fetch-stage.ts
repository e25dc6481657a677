import { EloverblikError } from "../../errors/eloverblik-error.js";
import type { Ports } from "../../ports/ports.js";
import { type BodyReader, bodyReaderFor, markReadBy } from "../body-reader.js";
import type { Call, CallContext, Emit, Send } from "../pipeline.js";
import { combineSignals, raceSignal } from "../signals.js";

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * The innermost step: one attempt through the host's fetch port, headers set as the request
 * leaves, the whole body read under the per-attempt timeout (0 or Infinity: none). Reports the
 * request and its response; a failure without an answer is thrown as the port threw it.
 */
export function fetchStage(ports: Ports, timeoutMs: number, emit: Emit): Send {
  return async (call: Call) => {
    const { request, context, signal, attempt } = call;
    const headers = buildHeaders(request, call.bearer(), context);
    emit(
      {
        type: "request",
        operation: context.operation,
        method: request.method,
        path: context.displayPath ?? new URL(request.url).pathname,
        attempt,
        meteringPointIds: context.meteringPointIds,
        period: context.period,
      },
      context,
    );
    const started = ports.now();
    const response = await fetchWithTimeout(ports, timeoutMs, call, headers, signal);
    emit(
      {
        type: "response",
        operation: context.operation,
        status: response.status,
        attempt,
        durationMs: ports.now() - started,
        correlationId: response.headers.get("x-correlation-id") ?? undefined,
      },
      context,
    );
    return response;
  };
}

async function fetchWithTimeout(
  ports: Ports,
  timeoutMs: number,
  call: Call,
  headers: Headers,
  signal: AbortSignal | undefined,
): Promise<Response> {
  const timeout = new AbortController();
  const stopTimer = new AbortController();
  let timedOut = false;
  if (timeoutMs > 0 && Number.isFinite(timeoutMs)) {
    ports
      .sleep(timeoutMs, stopTimer.signal)
      .then(() => {
        timedOut = true;
        timeout.abort();
      })
      .catch(() => undefined);
  }
  try {
    const attemptSignal = combineSignals(signal, timeout.signal);
    const { request, body } = call;
    // Raced against the signal as well: not every fetch implementation (msw, polyfills) aborts a
    // body that has started streaming.
    const answer = await raceSignal(
      ports.fetch(new Request(request.url, { method: request.method, headers, body, signal: attemptSignal })),
      attemptSignal,
    );
    const init = { status: answer.status, statusText: answer.statusText, headers: answer.headers };
    if (NULL_BODY_STATUSES.has(answer.status)) return new Response(null, init);
    const reader = answer.ok ? bodyReaderFor(request)?.() : undefined;
    if (reader === undefined) return new Response(await readBody(answer, attemptSignal), init);
    // The operation reads the body as it arrives: no piece is kept here.
    await feed(answer, attemptSignal, reader);
    const response = new Response(null, init);
    markReadBy(response, reader);
    return response;
  } catch (error) {
    if (timedOut) {
      throw new EloverblikError({
        code: "TIMEOUT",
        message: `Eloverblik did not answer ${call.context.operation} within ${Math.round(timeoutMs / 1000)} s.`,
        retryable: true,
        operation: call.context.operation,
        period: call.context.period,
      });
    }
    throw error;
  } finally {
    stopTimer.abort();
  }
}

/**
 * Reads the whole body (so the timeout covers it) and hands the same pieces on as a stream:
 * neither joined into one buffer nor copied into the new Response (a 50 MB answer used to be
 * held three times).
 */
async function readBody(
  answer: Response,
  signal: AbortSignal | undefined,
): Promise<ReadableStream<Uint8Array> | null> {
  if (answer.body === null) return null;
  const reader = answer.body.getReader();
  const pieces: Array<Uint8Array | undefined> = [];
  try {
    for (;;) {
      const { done, value } = await raceSignal(reader.read(), signal);
      if (done) break;
      pieces.push(value);
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  }
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[next];
      if (piece === undefined) {
        controller.close();
        return;
      }
      // Let go of each piece once it is passed on.
      pieces[next++] = undefined;
      controller.enqueue(piece);
    },
  });
}

/** Hands every piece of the body to `reader` as it arrives. */
async function feed(answer: Response, signal: AbortSignal | undefined, reader: BodyReader): Promise<void> {
  if (answer.body === null) return;
  const stream = answer.body.getReader();
  try {
    for (;;) {
      const { done, value } = await raceSignal(stream.read(), signal);
      if (done) return;
      reader.push(value);
    }
  } catch (error) {
    stream.cancel().catch(() => undefined);
    throw error;
  }
}

function buildHeaders(request: Request, bearer: string, context: CallContext): Headers {
  const headers = new Headers(request.headers);
  try {
    if (bearer) headers.set("Authorization", `Bearer ${bearer}`);
    if (context.userCorrelationId) headers.set("X-User-Correlation-ID", context.userCorrelationId);
  } catch {
    // Deliberately without `cause`: the engine's message would quote the header value.
    throw new EloverblikError({
      code: "INVALID_INPUT",
      message: `A header for ${context.operation} could not be built: the token or correlation id contains characters an HTTP header cannot carry (a line break from copying?).`,
      operation: context.operation,
    });
  }
  headers.set("Accept", context.operation.startsWith("export") ? "text/csv" : "application/json");
  return headers;
}
