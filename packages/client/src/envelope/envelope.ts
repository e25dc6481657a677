import { EloverblikError } from "../errors/eloverblik-error.js";
import { errorFromItem } from "../errors/from-response.js";

/** The code every successful item of a list envelope carries. */
export const NO_ERROR = 10000;

/** One item of the `{"result":[{ <payload>, success, errorCode, errorText, id, stackTrace }]}` envelope. */
export interface EnvelopeItem {
  id?: string | null;
  success?: boolean | null;
  errorCode?: number | string | null;
  errorText?: string | null;
}

/** True when an item reports an error: `success: false`, or an error code other than 10000. */
export function itemFailed(item: { success?: unknown; errorCode?: unknown }): boolean {
  return item.success === false || (item.errorCode != null && Number(item.errorCode) !== NO_ERROR);
}

/**
 * The one place where the per-item envelope is read: the item for `id` (by its `id`, or the only
 * item of a one-id answer), then whether it carries data or a failure. Every multi-id operation
 * (details, charges, time series) goes through it.
 */
export function readEnvelopeItem<I extends EnvelopeItem>(
  items: readonly (I | null | undefined)[] | null | undefined,
  id: string,
  askedCount: number,
  context: { operation: string; period?: { from: string; to: string }; correlationId?: string | undefined },
): { ok: true; item: I } | { ok: false; item: I | undefined; error: EloverblikError } {
  const list = Array.isArray(items) ? items : [];
  const item =
    list.find((i): i is I => i != null && i.id === id) ??
    (askedCount === 1 && list.length === 1 && list[0] != null ? list[0] : undefined);
  const { operation, period, correlationId } = context;
  if (!item) {
    const where = period ? `, period ${period.from} to ${period.to}` : "";
    return {
      ok: false,
      item: undefined,
      error: new EloverblikError({
        code: "UNEXPECTED_RESPONSE",
        message: `Eloverblik's ${operation} answer had no item for metering point ${id}${where}.`,
        meteringPointId: id,
        period,
        operation,
        correlationId,
      }),
    };
  }
  if (itemFailed(item)) {
    return {
      ok: false,
      item,
      error: errorFromItem(item, { operation, meteringPointId: id, period }, correlationId),
    };
  }
  return { ok: true, item };
}
