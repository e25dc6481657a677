import { EloverblikError } from "../errors/eloverblik-error.js";
import { type ErrorContext, errorFromItem } from "../errors/from-response.js";
import { chunk, validateMeteringPointIds } from "../plan/plan-requests.js";
import type { CallContext } from "../transport/session.js";
import { type CallOptions, callApi, forMeteringPoint, type OperationContext } from "./context.js";
import type { ItemResult } from "./item-result.js";
import { accessErrorContext, settleWithSplit } from "./split-on-denied.js";

type RawResult = { data?: unknown; error?: unknown; response: Response };

/** One item of the `{"result":[{ <payload>, success, errorCode, errorText, id, stackTrace }]}` envelope. */
export interface EnvelopeItem {
  id?: string | null;
  success?: boolean | null;
  errorCode?: number | string | null;
  errorText?: string | null;
  [payload: string]: unknown;
}

/**
 * Sends metering point ids in batches of at most `ctx.batchSize`, reads the per-item envelope, and
 * returns one result per requested id in the order asked. A batch that fails as a whole (after
 * retries) marks each of its ids as failed; it never drops them.
 */
export async function runEnvelopeBatches<T>(
  ctx: OperationContext,
  operation: string,
  ids: readonly string[],
  options: CallOptions | undefined,
  send: (batch: string[], fetchImpl: (request: Request) => Promise<Response>) => Promise<RawResult>,
  payload: (item: EnvelopeItem) => T,
  errorContext: Omit<ErrorContext, "operation" | "meteringPointId"> = {},
  callExtras: Pick<CallContext, "idempotent"> = {},
): Promise<ItemResult<T>[]> {
  const valid = validateMeteringPointIds(ids);
  const batches = chunk(valid, ctx.batchSize);
  const denied = accessErrorContext(ctx);
  const call = (batch: string[]) =>
    callApi<{ result?: EnvelopeItem[] | null }>(
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
    const items = Array.isArray(data?.result) ? data.result : [];
    const byId = new Map<string, EnvelopeItem>();
    for (const item of items) if (item && typeof item.id === "string") byId.set(item.id, item);
    for (const id of entry.ids) {
      const item = byId.get(id) ?? (entry.ids.length === 1 && items.length === 1 ? items[0] : undefined);
      if (!item) {
        out.push({
          id,
          ok: false,
          correlationId,
          error: new EloverblikError({
            code: "UNEXPECTED_RESPONSE",
            message: `Eloverblik's ${operation} answer had no item for metering point ${id}.`,
            meteringPointId: id,
            operation,
            correlationId,
          }),
        });
      } else if (item.success === false || (item.errorCode != null && Number(item.errorCode) !== 10000)) {
        out.push({
          id,
          ok: false,
          correlationId,
          error: errorFromItem(item, { operation, meteringPointId: id }, correlationId),
        });
      } else {
        try {
          out.push({ id, ok: true, correlationId, data: payload(item) });
        } catch (error) {
          out.push({ id, ok: false, correlationId, error: forMeteringPoint(error, id, operation) });
        }
      }
    }
  }
  return out;
}

/** Request body shared by every multi-id operation. */
export function meteringPointsBody(ids: readonly string[]): { meteringPoints: { meteringPoint: string[] } } {
  return { meteringPoints: { meteringPoint: [...ids] } };
}
