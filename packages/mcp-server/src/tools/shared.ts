import { EloverblikError, type ItemResult, validateMeteringPointIds } from "@eloverblik-kit/client";
import { z } from "zod";
import type { ServerContext } from "../context.js";
import { type Failure, failureOf } from "../errors.js";

/** Keeps every answer small enough for a model's context and within one batch of the API. */
export const MAX_IDS = 10;

/** An 18-digit GSRN; the pattern is advertised and enforced, the client checks again. */
export const METERING_POINT_ID = /^\d{18}$/;
/** A Danish local date as the tools take it; whether the day exists is the client's check. */
export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const idField = z
  .string()
  .regex(
    METERING_POINT_ID,
    'A metering point id is a string of exactly 18 digits (a GSRN such as "571313180100000001")',
  )
  .describe("A metering point id (18-digit GSRN)");

export const idsField = z
  .array(idField)
  .min(1, "Give at least one metering point id")
  .max(MAX_IDS, `At most ${MAX_IDS} metering points per call; call again with the rest`)
  .describe(`Metering point ids (18-digit GSRN), 1 to ${MAX_IDS}`);

/** A YYYY-MM-DD string; `what` names the argument in the refusal. */
export function dateField(what: string) {
  return z.string().regex(LOCAL_DATE, `\`${what}\` is a Danish local date written YYYY-MM-DD`);
}

export const fromField = dateField("from").describe(
  "First day, Danish local date YYYY-MM-DD (inclusive). History: 5 full years plus the current one.",
);

/** The API's aggregations; Actual is the meter's own resolution. */
export const AGGREGATION = z.enum(["Actual", "Quarter", "Hour", "Day", "Month", "Year"]);

export const aggregationField = AGGREGATION.optional().describe(
  "Actual (default: the meter's own resolution, PT15M or PT1H), Quarter, Hour, Day, Month or Year",
);

export function toField(defaultText: string) {
  return dateField("to")
    .optional()
    .describe(`Day after the last day, YYYY-MM-DD (exclusive, at most today). ${defaultText}`);
}

/** Checks ids before any request, with the client's own INVALID_INPUT wording, and caps their number. */
export function checkIds(ids: readonly string[]): string[] {
  const valid = validateMeteringPointIds(ids);
  if (valid.length > MAX_IDS) {
    throw new EloverblikError({
      code: "INVALID_INPUT",
      message: `At most ${MAX_IDS} metering points per call, got ${valid.length}. Call again with the rest.`,
    });
  }
  return valid;
}

/** A per-item failure that also lets the context remember a token problem for api_status. */
export function failureFor(ctx: ServerContext, meteringPointId: string, error: unknown): Failure {
  ctx.noteError(error);
  return failureOf(meteringPointId, error, ctx.secrets);
}

/** The failures of two fetches of one call, each told once. */
export function uniqueFailures(failures: readonly Failure[]): Failure[] {
  const seen = new Set<string>();
  return failures.filter((f) => {
    const key = JSON.stringify([f.meteringPointId, f.code, f.message, f.period]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Splits per-id results into successes and failures for structuredContent. */
export function settle<T, R>(
  results: readonly ItemResult<T>[],
  ctx: ServerContext,
  map: (data: T, id: string) => R,
): { results: R[]; failures: Failure[] } {
  const out: R[] = [];
  const failures: Failure[] = [];
  for (const r of results) {
    if (r.ok) out.push(map(r.data, r.id));
    else failures.push(failureFor(ctx, r.id, r.error));
  }
  return { results: out, failures };
}

export const passthroughRecord = z.record(z.unknown());

/** Drops empty strings and nulls: the API fills about half of the 55 detail fields with "". */
export function compact(record: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === "" || value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      out[key] = value.map((v) => (v !== null && typeof v === "object" ? compact(v) : v));
    } else if (typeof value === "object") {
      out[key] = compact(value);
    } else out[key] = value;
  }
  return out;
}
