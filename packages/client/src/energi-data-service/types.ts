/** The datasets this client knows by name (any other name can still be queried with `dataset`). */
export type KnownDataset = "Elspotprices" | "DayAheadPrices" | "DatahubPricelist";

/** Danish price areas of the day-ahead market. */
export type PriceArea = "DK1" | "DK2";

export type EdsValue = string | number | null;
export type EdsRecord = Record<string, EdsValue>;

export interface DatasetQuery {
  /** Inclusive; `yyyy`, `yyyy-MM`, `yyyy-MM-dd`, `yyyy-MM-ddTHH:mm`, or `now`/`StartOfDay`/… ± an ISO duration. Danish time unless `timezone: "UTC"`. */
  start?: string;
  /** Exclusive; same forms as `start`. */
  end?: string;
  /** Equality filter: OR within a column, AND across columns. */
  filter?: Record<string, ReadonlyArray<string | number> | string | number>;
  columns?: readonly string[];
  /** e.g. `"HourUTC asc"`; without it the API sends newest first. */
  sort?: string;
  timezone?: "UTC" | "dk";
  /** Rows to skip (the client pages on from here). */
  offset?: number;
  /** Most rows wanted in all; the client pages until this many or the total. Without it: every row. */
  limit?: number;
}

export interface DatasetAnswer<R extends EdsRecord = EdsRecord> {
  dataset: string;
  /** Rows that match, as the API counted them. */
  total: number;
  records: R[];
  /** Requests this answer took (pages). */
  requests: number;
}

/** One day-ahead price: the continuous series across the 2025-10-01 switch, joined on UTC. */
export interface DayAheadPrice {
  /** UTC ISO instant (with `Z`). */
  start: string;
  end: string;
  /** `start` as epoch ms (the cost engine reads this one when present). */
  startMs?: number;
  area: string;
  resolution: "PT1H" | "PT15M";
  /** null: not published (yet), or missing in the dataset. */
  dkkPerMwh: number | null;
  eurPerMwh: number | null;
  dataset: "Elspotprices" | "DayAheadPrices";
}

export interface DayAheadPrices {
  from: string;
  to: string;
  areas: string[];
  points: DayAheadPrice[];
  /** Requests sent for this answer; 0 when everything came from the cache. */
  requests: number;
  /** Months (per area and dataset) served from the cache. */
  cachedMonths: number;
}

export type ChargeTypeCode = "D01" | "D02" | "D03";

/** A `DatahubPricelist` row, normalised. */
export interface PricelistRow {
  /** GLN_Number of the charge owner. */
  owner: string;
  ownerName: string;
  /** D01 subscription, D02 fee, D03 tariff. */
  chargeType: ChargeTypeCode | (string & {});
  code: string;
  note: string;
  description: string;
  /** UTC ISO instant of the Danish local midnight in `ValidFrom`. */
  validFrom: string;
  /** Exclusive; null = open-ended. */
  validTo: string | null;
  /** Price1..Price24, DKK excluding VAT; a null PriceN falls back to Price1 (flat rows). */
  prices: number[];
  /** Whether Price2..24 were all null (a flat row). */
  flat: boolean;
  resolution: string | null;
  /** TaxIndicator: a tax (elafgift), not a tariff. */
  tax: boolean;
}
