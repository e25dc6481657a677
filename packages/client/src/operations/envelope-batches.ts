import { type EnvelopeItem, readEnvelopeItem } from "../envelope/envelope.js";
import type { ErrorContext } from "../errors/from-response.js";
import { chunk, validateMeteringPointIds } from "../plan/plan-requests.js";
import type { CallContext } from "../transport/session.js";
import { type CallOptions, callApi, forMeteringPoint, type OperationContext } from "./context.js";
import type { ItemResult } from "./item-result.js";
import { accessErrorContext, settleWithSplit } from "./split-on-denied.js";

type RawResult = { data?: unknown; error?: unknown; response: Response };

export type { EnvelopeItem };

/** The item type of an operation's `result[]` envelope, as the generated types declare it. */
export type EnvelopeItemOf<R extends RawResult> =
  NonNullable<R["data"]> extends { result?: infer L }
    ? NonNullable<L> extends readonly (infer I)[]
      ? NonNullable<I> & EnvelopeItem
      : EnvelopeItem
    : EnvelopeItem;

/**
 * Sends metering point ids in batches of at most `ctx.batchSize`, reads the per-item envelope, and
 * returns one result per requested id in the order asked. A batch that fails as a whole (after
 * retries) marks each of its ids as failed; it never drops them.
 */
export async function runEnvelopeBatches<T, R extends RawResult>(
  ctx: OperationContext,
  operation: string,
  ids: readonly string[],
  options: CallOptions | undefined,
  send: (batch: string[], fetchImpl: (request: Request) => Promise<Response>) => Promise<R>,
  payload: (item: EnvelopeItemOf<R>) => T,
  errorContext: Omit<ErrorContext, "operation" | "meteringPointId"> = {},
  callExtras: Pick<CallContext, "idempotent"> = {},
): Promise<ItemResult<T>[]> {
  const valid = validateMeteringPointIds(ids);
  const batches = chunk(valid, ctx.batchSize);
  const denied = accessErrorContext(ctx);
  const call = (batch: string[]) =>
    callApi(
      ctx,
      { operation, kind: "data", meteringPointIds: batch, ...callExtras },
      options,
      batch.length === 1
        ? { ...denied, ...errorContext, meteringPointId: batch[0] }
        : { ...denied, ...errorContext },
      (fetchImpl) => send(batch, fetchImpl),
    );
  let finished = 0;
  const settled = (
    await Promise.all(
      batches.map(async (batch) => {
        const outcomes = await settleWithSplit(ctx, batch, call);
        finished++;
        ctx.session.report(
          {
            type: "chunk",
            operation,
            index: finished,
            total: batches.length,
            ok: outcomes.every((o) => !("error" in o)),
          },
          options,
        );
        return outcomes;
      }),
    )
  ).flat();
  const out: ItemResult<T>[] = [];
  for (const entry of settled) {
    if ("error" in entry) {
      for (const id of entry.ids) {
        out.push({ id, ok: false, error: forMeteringPoint(entry.error, id, operation) });
      }
      continue;
    }
    const { data, correlationId } = entry.result;
    const items = (data as { result?: readonly (EnvelopeItemOf<R> | null)[] | null } | undefined)?.result;
    for (const id of entry.ids) {
      const read = readEnvelopeItem(items, id, entry.ids.length, { operation, correlationId });
      if (!read.ok) {
        out.push({ id, ok: false, correlationId, error: read.error });
        continue;
      }
      try {
        out.push({ id, ok: true, correlationId, data: payload(read.item) });
      } catch (error) {
        out.push({ id, ok: false, correlationId, error: forMeteringPoint(error, id, operation) });
      }
    }
  }
  return out;
}

/** Request body shared by every multi-id operation. */
export function meteringPointsBody(ids: readonly string[]): { meteringPoints: { meteringPoint: string[] } } {
  return { meteringPoints: { meteringPoint: [...ids] } };
}
