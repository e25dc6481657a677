import { invalidInput, shorten } from "../errors/eloverblik-error.js";
import type { DateRange } from "../time/date-range.js";
import { splitDateRange } from "../time/date-range.js";

/** One time-series call: up to `batchSize` metering points over at most `maxDays` days. */
export interface DataRequestPlanEntry {
  ids: string[];
  from: string;
  to: string;
}

export interface PlanDataRequestsOptions {
  /** Metering points per call; the API asks for at most 10. */
  batchSize?: number;
  /** Days per call; the API serves at most 730. */
  maxDays?: number;
}

const GSRN = /^\d{18}$/;

function describeInvalid(value: unknown): string {
  if (typeof value === "number") {
    return `${String(value)} is a number; metering point ids must be strings, because a number loses leading digits and precision beyond 15 digits`;
  }
  if (typeof value === "string") {
    const why = /^\d+$/.test(value) ? `has ${value.length} digits` : "contains characters other than digits";
    return `${JSON.stringify(shorten(value))} ${why}`;
  }
  return `${value === null ? "null" : typeof value} is not a string`;
}

/**
 * Checks that every id is an 18-digit GSRN string and returns the ids with duplicates removed,
 * keeping the first occurrence's position (so results come back in the order the caller gave,
 * and a repeated id is not fetched, or charged against the rate limit, twice).
 * All invalid ids are reported in one error (the first three named, the rest counted).
 */
export function validateMeteringPointIds(ids: readonly string[]): string[] {
  if (!Array.isArray(ids)) {
    throw invalidInput(
      `Metering point ids must be an array of 18-digit strings; got ${ids === null ? "null" : typeof ids}.`,
    );
  }
  if (ids.length === 0) {
    throw invalidInput("No metering point ids given; pass at least one 18-digit metering point id (GSRN).");
  }
  const invalid: unknown[] = [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of ids as readonly unknown[]) {
    if (typeof id !== "string" || !GSRN.test(id)) {
      invalid.push(id);
      continue;
    }
    if (!seen.has(id)) {
      seen.add(id);
      out.push(id);
    }
  }
  if (invalid.length > 0) {
    // Name a few, then count the rest: the message stays short whatever was passed.
    const shown = invalid.slice(0, 3).map(describeInvalid).join("; ");
    const list = invalid.length > 3 ? `${shown}; and ${invalid.length - 3} more` : shown;
    const noun =
      invalid.length === 1 ? "1 invalid metering point id" : `${invalid.length} invalid metering point ids`;
    throw invalidInput(
      `${noun}: ${list}. Each id must be a string of exactly 18 digits (a GSRN such as "571313180100000001").`,
      invalid.length === 1 ? { meteringPointId: shorten(String(invalid[0])) } : {},
    );
  }
  return out;
}

/** Splits `items` into consecutive groups of at most `size` (the last one may be shorter). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) {
    throw invalidInput(`Chunk size must be a positive integer; got ${String(size)}.`);
  }
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The minimal set of time-series calls for `ids` over `range`:
 * ceil(N / batchSize) × ceil(days / maxDays) entries, grouped by id batch, then by period in
 * chronological order (so one batch's results complete before the next starts).
 */
export function planDataRequests(
  ids: readonly string[],
  range: DateRange,
  options: PlanDataRequestsOptions = {},
): DataRequestPlanEntry[] {
  const { batchSize = 10, maxDays = 730 } = options;
  const unique = validateMeteringPointIds(ids);
  const periods = splitDateRange(range, maxDays);
  const plan: DataRequestPlanEntry[] = [];
  for (const batch of chunk(unique, batchSize)) {
    for (const period of periods) plan.push({ ids: batch.slice(), from: period.from, to: period.to });
  }
  return plan;
}
