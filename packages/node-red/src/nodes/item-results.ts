import type { ItemResult } from "@eloverblik-kit/client";
import { type FailedItem, failedItem } from "../describe.js";

/** Per-id results as the nodes hand them on: the data, and every failure with its id and period. */
export function splitResults<T>(results: readonly ItemResult<T>[]): { data: T[]; failed: FailedItem[] } {
  const data: T[] = [];
  const failed: FailedItem[] = [];
  for (const r of results) {
    if (r.ok) data.push(r.data);
    else {
      for (const e of r.errors ?? [r.error]) failed.push(failedItem(r.id, e));
      // What did arrive for a failed id (e.g. the periods of a long series that came) is kept.
      if (r.partial) data.push(r.partial);
    }
  }
  return { data, failed };
}
