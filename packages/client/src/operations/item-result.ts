import type { EloverblikError } from "../errors/eloverblik-error.js";

/**
 * One result per requested metering point, in the order asked. A failure never hides the
 * successes, and a failed item is never dropped.
 */
export type ItemResult<T> =
  | { id: string; ok: true; data: T; correlationId?: string | undefined }
  | {
      id: string;
      ok: false;
      error: EloverblikError;
      /** Every failure for this id when there were several (e.g. two failed periods). */
      errors?: EloverblikError[];
      /** What did arrive for this id before or after the failure, if anything. */
      partial?: T;
      correlationId?: string | undefined;
    };

/** Splits per-item results into data and errors for hosts that want them apart. */
export function partitionResults<T>(results: readonly ItemResult<T>[]): {
  data: Array<{ id: string; data: T }>;
  errors: Array<{ id: string; error: EloverblikError }>;
} {
  const data: Array<{ id: string; data: T }> = [];
  const errors: Array<{ id: string; error: EloverblikError }> = [];
  for (const r of results) {
    if (r.ok) data.push({ id: r.id, data: r.data });
    else errors.push({ id: r.id, error: r.error });
  }
  return { data, errors };
}
