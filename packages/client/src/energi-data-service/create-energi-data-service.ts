import { describeValue, EloverblikError, invalidInput } from "../errors/eloverblik-error.js";
import type { Ports } from "../ports/ports.js";
import { type RetryOptions, resolveRetry } from "../transport/retry-policy.js";
import { createMemoryPriceCache, type PriceCache } from "./cache.js";
import { type DayAheadOptions, dayAheadPrices } from "./day-ahead.js";
import { DatasetPacer, EDS_LIMITS, type EdsLimits } from "./pacer.js";
import { type PricelistQuery, pricelist } from "./pricelist.js";
import { type EdsContext, type EdsProgressEvent, edsGet } from "./request.js";
import type { DatasetAnswer, DatasetQuery, DayAheadPrices, EdsRecord, PricelistRow } from "./types.js";

export const EDS_BASE_URL = "https://api.energidataservice.dk";
/** Rows asked for per page: a year of quarter hours for one area (35 136) fits in one. */
export const EDS_PAGE_SIZE = 100_000;

export interface EnergiDataServiceBaseOptions {
  /** Defaults to https://api.energidataservice.dk; point it at the simulator to work offline. */
  baseUrl?: string;
  /** Default: a cache in memory for this client. */
  cache?: PriceCache;
  /** Default one request per dataset per minute; "off" for none. */
  limits?: EdsLimits | "off";
  retry?: Partial<RetryOptions>;
  pageSize?: number;
  /** How long a cached DatahubPricelist answer is used (default 24 h; tariffs get new rows). */
  pricelistMaxAgeMs?: number;
  signal?: AbortSignal;
  onProgress?: (event: EdsProgressEvent) => void;
}

export interface EnergiDataServiceCoreOptions extends EnergiDataServiceBaseOptions {
  ports: Ports;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface EnergiDataService {
  /** Any dataset, paged until `total` (or `limit`) rows: never the silent 100-row default. */
  dataset<R extends EdsRecord = EdsRecord>(
    name: string,
    query?: DatasetQuery,
    options?: CallOptions,
  ): Promise<DatasetAnswer<R>>;
  /** Day-ahead prices as one series across the 2025-10-01 switch (Elspotprices, then DayAheadPrices). */
  dayAheadPrices(options: DayAheadOptions & CallOptions): Promise<DayAheadPrices>;
  /** DatahubPricelist rows of some owners, filter-only with every row (validity is chosen client-side). */
  pricelist(
    query: PricelistQuery & CallOptions,
  ): Promise<{ rows: PricelistRow[]; skipped: string[]; requests: number }>;
}

const DATASET_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

function checkQuery(query: DatasetQuery): void {
  if (query === null || typeof query !== "object" || Array.isArray(query)) {
    throw invalidInput(
      `query must be an object such as { start: "2025-01-01" }; got ${describeValue(query)}.`,
    );
  }
  for (const key of ["offset", "limit"] as const) {
    const v = query[key];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) {
      throw invalidInput(`${key} must be a whole number ≥ 0; got ${describeValue(v)}.`);
    }
  }
  for (const key of ["start", "end", "sort"] as const) {
    const v = query[key];
    if (v !== undefined && (typeof v !== "string" || v.length > 64 || v.trim() === "")) {
      throw invalidInput(`${key} must be a short text such as "2025-01-01"; got ${describeValue(v)}.`);
    }
  }
}

/** The Energi Data Service client with every port given (no host globals), as the Eloverblik core. */
export function createEnergiDataServiceCore(options: EnergiDataServiceCoreOptions): EnergiDataService {
  const baseUrl = (options.baseUrl ?? EDS_BASE_URL).replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]+/.test(baseUrl))
    throw invalidInput(`baseUrl must be an http(s) URL; got ${describeValue(options.baseUrl)}.`);
  const limits = options.limits === "off" ? null : (options.limits ?? EDS_LIMITS);
  if (
    limits !== null &&
    !(
      Number.isInteger(limits.requestsPerDatasetPerWindow) &&
      limits.requestsPerDatasetPerWindow >= 1 &&
      limits.windowMs > 0
    )
  ) {
    throw invalidInput(
      `limits must be "off" or { requestsPerDatasetPerWindow ≥ 1, windowMs > 0 }; got ${describeValue(options.limits)}.`,
    );
  }
  const pageSize = options.pageSize ?? EDS_PAGE_SIZE;
  if (!(Number.isInteger(pageSize) && pageSize >= 1))
    throw invalidInput(`pageSize must be a whole number ≥ 1; got ${describeValue(pageSize)}.`);
  const listener = options.onProgress;
  const ctx: EdsContext = {
    baseUrl,
    ports: options.ports,
    retry: resolveRetry(options.retry),
    pacer: new DatasetPacer(limits, options.ports),
    signal: options.signal,
    emit: (event) => {
      try {
        listener?.(event);
      } catch {
        // A listener's failure is not the request's.
      }
    },
  };
  const cache = options.cache ?? createMemoryPriceCache();
  const pricelistMaxAgeMs = options.pricelistMaxAgeMs ?? 86_400_000;

  async function dataset<R extends EdsRecord = EdsRecord>(
    name: string,
    query: DatasetQuery = {},
    call: CallOptions = {},
  ): Promise<DatasetAnswer<R>> {
    if (typeof name !== "string" || !DATASET_NAME.test(name)) {
      throw invalidInput(
        `dataset must be a dataset name such as "DayAheadPrices"; got ${describeValue(name)}.`,
      );
    }
    checkQuery(query);
    const base = new URLSearchParams();
    if (query.start !== undefined) base.set("start", query.start);
    if (query.end !== undefined) base.set("end", query.end);
    if (query.filter !== undefined) base.set("filter", JSON.stringify(query.filter));
    if (query.columns !== undefined) base.set("columns", query.columns.join(","));
    if (query.sort !== undefined) base.set("sort", query.sort);
    if (query.timezone !== undefined) base.set("timezone", query.timezone);
    const records: R[] = [];
    let offset = query.offset ?? 0;
    let total = Number.POSITIVE_INFINITY;
    let requests = 0;
    const wanted = query.limit ?? Number.POSITIVE_INFINITY;
    while (records.length < wanted && offset < total) {
      const params = new URLSearchParams(base);
      if (offset > 0) params.set("offset", String(offset));
      params.set("limit", String(Math.min(pageSize, wanted - records.length)));
      const body = (await edsGet(ctx, name, `/dataset/${encodeURIComponent(name)}`, params, call.signal)) as {
        total?: unknown;
        records?: unknown;
      };
      requests++;
      if (
        body === null ||
        typeof body !== "object" ||
        !Array.isArray(body.records) ||
        typeof body.total !== "number"
      ) {
        throw new EloverblikError({
          code: "UNEXPECTED_RESPONSE",
          message: `Energi Data Service answered ${name} without "total" and "records".`,
          operation: `energidataservice.${name}`,
        });
      }
      total = body.total;
      const page = body.records as R[];
      records.push(...page);
      offset += page.length;
      if (page.length === 0) break;
    }
    if (records.length < Math.min(wanted, total - (query.offset ?? 0))) {
      throw new EloverblikError({
        code: "UNEXPECTED_RESPONSE",
        message: `Energi Data Service stopped sending ${name} rows at ${records.length} of ${total}.`,
        operation: `energidataservice.${name}`,
      });
    }
    return { dataset: name, total, records, requests };
  }

  const shared = { dataset, cache, ports: options.ports, emit: ctx.emit, pricelistMaxAgeMs };
  return {
    dataset,
    dayAheadPrices: (o) => dayAheadPrices(shared, o),
    pricelist: (q) => pricelist(shared, q),
  };
}

export type EdsShared = {
  dataset: EnergiDataService["dataset"];
  cache: PriceCache;
  ports: Ports;
  emit: (event: EdsProgressEvent) => void;
  pricelistMaxAgeMs: number;
};
