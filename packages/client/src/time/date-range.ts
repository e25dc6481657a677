import { invalidInput } from "../errors/eloverblik-error.js";
import { addLocalDays, daysBetween, isValidLocalDate, localDateOf, todayInDenmark } from "./danish-time.js";

/** A half-open range of Danish local days: `from` inclusive, `to` exclusive, both `YYYY-MM-DD`. */
export interface DateRange {
  from: string;
  to: string;
}

export interface ResolvedDateRange extends DateRange {
  /** Number of local days covered (`to − from`), always ≥ 1. */
  days: number;
}

export interface DateRangeInput {
  /**
   * First day to fetch. A `Date` is turned into the Danish calendar date on which that instant
   * falls (so `new Date("2024-01-01T23:30:00Z")` means 2024-01-02, because it is 00:30 in
   * Copenhagen) — never the UTC or host-local date.
   */
  from: string | Date;
  /** Day after the last day to fetch (exclusive). Omitted means `from` + 1 day. */
  to?: string | Date;
}

export interface ResolveDateRangeOptions {
  /** Current instant (epoch ms); injected so the caller decides what "today" is. */
  nowMs: number;
  /** Full calendar years of history the API keeps before the current one. Default 5. */
  historyYears?: number;
}

const ACCEPTED = "a Danish local date as YYYY-MM-DD (e.g. 2024-03-01) or a valid Date";

function toLocalDate(value: unknown, field: "from" | "to"): string {
  if (isDate(value)) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw invalidInput(`\`${field}\` is an invalid Date; expected ${ACCEPTED}.`);
    return localDateOf(ms);
  }
  if (typeof value === "string" && isValidLocalDate(value)) return value;
  const shown = typeof value === "string" ? JSON.stringify(value) : typeof value;
  throw invalidInput(`\`${field}\` must be ${ACCEPTED}; got ${shown}.`);
}

/**
 * Checks and normalises a time-series request range before any request is sent, so that the
 * mistakes the API would answer with 30001–30004 (or a confusing empty result) fail locally
 * with a message saying what to send instead.
 */
export function resolveDateRange(input: DateRangeInput, opts: ResolveDateRangeOptions): ResolvedDateRange {
  if (typeof input !== "object" || input === null) {
    throw invalidInput(`Expected a date range object { from, to? } with ${ACCEPTED} for each field.`);
  }
  const historyYears = opts.historyYears ?? 5;
  if (!Number.isInteger(historyYears) || historyYears < 0) {
    throw invalidInput(`historyYears must be a non-negative integer; got ${String(historyYears)}.`);
  }
  const from = toLocalDate(input.from, "from");
  const to = input.to === undefined ? addLocalDays(from, 1) : toLocalDate(input.to, "to");
  const period = { from, to };
  const today = todayInDenmark(opts.nowMs);
  const earliest = `${String(Number(today.slice(0, 4)) - historyYears).padStart(4, "0")}-01-01`;
  const limits = { today, earliest };
  // Each refusal carries the API's own code and a period the same rules accept, when one exists.
  const refuse = (
    message: string,
    apiCode: number | undefined,
    apiCodeName: string | undefined,
    field: "from" | "to",
    wanted: DateRange,
  ) => {
    const better = acceptablePeriod(wanted, limits);
    const advice = better ? ` Ask for ${better.from} to ${better.to} instead.` : "";
    return invalidInput(message + advice, {
      period,
      ...(apiCode === undefined ? {} : { apiCode, apiCodeName }),
      suggestions: [
        ...(better ? [{ kind: "use-period" as const, ...better }] : []),
        { kind: "check-input", field },
        { kind: "do-not-retry" },
      ],
    });
  };

  if (from === to) {
    throw refuse(
      `\`to\` is exclusive, so from = to = ${from} selects no days (30002 ToDateCanNotBeEqualToFromDate); one day is from D to D+1.`,
      30002,
      "ToDateCanNotBeEqualToFromDate",
      "to",
      { from, to: addLocalDays(from, 1) },
    );
  }
  if (from > to) {
    throw refuse(
      `\`from\` (${from}) is after \`to\` (${to}); \`from\` must be earlier than \`to\` (30001).`,
      30001,
      "FromDateIsGreaterThanToDate",
      "from",
      { from: to, to: from },
    );
  }
  if (to > today && input.to === undefined) {
    throw refuse(
      `\`from\` (${from}) is today or later in Denmark (${today}): data exists up to and including yesterday at the latest, so no period can start there (with \`to\` left out the period would end ${to}, after today, which the API rejects: 30003).`,
      30003,
      "ToDateIsGreaterThanToday",
      "from",
      { from, to: today },
    );
  }
  if (to > today) {
    throw refuse(
      `\`to\` (${to}) is after today in Denmark (${today}); the API rejects that (30003). The latest allowed \`to\` is ${today}, which, being exclusive, fetches data up to and including yesterday.`,
      30003,
      "ToDateIsGreaterThanToday",
      "to",
      { from, to: today },
    );
  }
  if (from < earliest) {
    throw refuse(
      `\`from\` (${from}) is older than the API keeps data: ${historyYears} full years plus the current one. The earliest allowed \`from\` is ${earliest}.`,
      undefined,
      undefined,
      "from",
      { from: earliest, to },
    );
  }

  return { from, to, days: daysBetween(from, to) };
}

/**
 * The period closest to `wanted` that the rules above accept: `to` at most today, `from` at least
 * the earliest day kept and before `to` (a day before it when `from` would reach `to`). Undefined
 * when none exists (history of 0 years on 1 January).
 */
export function acceptablePeriod(
  wanted: DateRange,
  limits: { today: string; earliest: string },
): DateRange | undefined {
  let to = wanted.to;
  if (to > limits.today) to = limits.today;
  let from = wanted.from;
  if (from < limits.earliest) from = limits.earliest;
  if (from >= to) from = addLocalDays(to, -1);
  if (from < limits.earliest || from >= to) return undefined;
  return { from, to };
}

/**
 * Splits a range into back-to-back chunks of at most `maxDays` days (the API serves 730 per
 * request). Chunks share their boundary day (chunk k's `to` is chunk k+1's `from`) because `to`
 * is exclusive, so no day is fetched twice or skipped.
 */
export function splitDateRange(range: DateRange, maxDays = 730): DateRange[] {
  if (!Number.isInteger(maxDays) || maxDays < 1) {
    throw invalidInput(`maxDays must be a positive integer; got ${String(maxDays)}.`);
  }
  const from = toLocalDate(range?.from, "from");
  const to = toLocalDate(range?.to, "to");
  const total = daysBetween(from, to);
  if (total < 1) {
    throw invalidInput(
      `Cannot split an empty range: \`from\` (${from}) must be earlier than \`to\` (${to}).`,
      {
        period: { from, to },
      },
    );
  }
  const chunks: DateRange[] = [];
  let start = from;
  for (let offset = 0; offset < total; offset += maxDays) {
    const end = offset + maxDays >= total ? to : addLocalDays(start, maxDays);
    chunks.push({ from: start, to: end });
    start = end;
  }
  return chunks;
}

/** `instanceof Date` fails for Dates made in another realm (a Node-RED function node's vm context). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === "[object Date]";
}
