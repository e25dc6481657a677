import { describeValue, invalidInput } from "../errors/eloverblik-error.js";
import type { EdsShared } from "./create-energi-data-service.js";
import { pricelistRow } from "./pricelist-rows.js";
import type { ChargeTypeCode, EdsRecord, PricelistRow } from "./types.js";

export { ENERGINET_GLN } from "./constants.js";

export interface PricelistQuery {
  /** GLN_Number of each owner (a grid company's, Energinet's). */
  owners: readonly string[];
  /** Default D01 and D03 (subscriptions and tariffs). */
  chargeTypes?: readonly ChargeTypeCode[];
}

const GLN = /^\d{13}$/;

/**
 * Every `DatahubPricelist` row of the owners: filter only, all rows (how start/end filter this
 * dataset is unverified, so validity is chosen client-side with `pricelistRowAt`). The answer is
 * cached for `pricelistMaxAgeMs`.
 */
export async function pricelist(
  eds: EdsShared,
  query: PricelistQuery & { signal?: AbortSignal },
): Promise<{ rows: PricelistRow[]; skipped: string[]; requests: number }> {
  const owners = [...new Set(query?.owners ?? [])].sort();
  if (
    owners.length === 0 ||
    owners.length > 20 ||
    !owners.every((o) => typeof o === "string" && GLN.test(o))
  ) {
    throw invalidInput(`owners must be GLN numbers (13 digits); got ${describeValue(query?.owners)}.`);
  }
  const types = [...new Set(query.chargeTypes ?? ["D01", "D03"])].sort();
  if (!types.every((t) => t === "D01" || t === "D02" || t === "D03")) {
    throw invalidInput(`chargeTypes must be D01, D02 or D03; got ${describeValue(query.chargeTypes)}.`);
  }
  const key = `eds1:DatahubPricelist:${owners.join(",")}:${types.join(",")}`;
  const hit = (await eds.cache.get(key)) as { storedAtMs: number; records: EdsRecord[] } | undefined;
  const fresh = hit !== undefined && eds.ports.now() - hit.storedAtMs < eds.pricelistMaxAgeMs;
  eds.emit({ type: "cache", dataset: "DatahubPricelist", key, hit: fresh });
  let records: EdsRecord[];
  let requests = 0;
  if (fresh && Array.isArray(hit?.records)) records = hit.records;
  else {
    const answer = await eds.dataset(
      "DatahubPricelist",
      { filter: { GLN_Number: owners, ChargeType: types } },
      { signal: query.signal },
    );
    records = answer.records;
    requests = answer.requests;
    await eds.cache.set(key, { storedAtMs: eds.ports.now(), records });
  }
  const skipped: string[] = [];
  const rows: PricelistRow[] = [];
  for (const record of records) {
    const row = pricelistRow(record, (reason) => skipped.push(reason));
    if (row) rows.push(row);
  }
  return { rows, skipped, requests };
}
