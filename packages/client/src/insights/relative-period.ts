import { invalidInput } from "../errors/eloverblik-error.js";
import { addLocalDays, todayInDenmark } from "../time/danish-time.js";

/**
 * A period named relative to today in Denmark. Every period ends at the latest with yesterday,
 * the last day the API can have data for (`to` is exclusive, so `to` is at most today).
 *
 * - `yesterday`: the day before today.
 * - `last-N-days` / `{ kind: "lastDays", days: N }`: the N whole days before today (1–3660).
 * - `this-month`, `this-year`: from the first day of the month or year up to today.
 * - `last-month`, `last-year`: the whole previous calendar month or year.
 */
export type RelativePeriodName =
  | "yesterday"
  | `last-${number}-days`
  | "this-month"
  | "last-month"
  | "this-year"
  | "last-year";

export type RelativePeriodSpec =
  | { kind: "yesterday" | "thisMonth" | "lastMonth" | "thisYear" | "lastYear" }
  | { kind: "lastDays"; days: number };

/** Danish local dates, `to` exclusive: what every time-series call takes. */
export interface DatePeriod {
  from: string;
  to: string;
}

const MAX_DAYS = 3660;
const NAMES = "yesterday, last-N-days (e.g. last-7-days), this-month, last-month, this-year or last-year";

function fromName(name: string): RelativePeriodSpec {
  const text = name.trim().toLowerCase();
  const days = /^last-(\d{1,5})-days?$/.exec(text);
  if (days) return { kind: "lastDays", days: Number(days[1]) };
  const kinds: Record<string, RelativePeriodSpec["kind"]> = {
    yesterday: "yesterday",
    "this-month": "thisMonth",
    "last-month": "lastMonth",
    "this-year": "thisYear",
    "last-year": "lastYear",
  };
  const kind = kinds[text];
  if (kind === undefined || kind === "lastDays") {
    throw invalidInput(`Unknown period ${JSON.stringify(name.slice(0, 40))}; use ${NAMES}.`);
  }
  return { kind };
}

/** True when `value` names a relative period (`yesterday`, `last-7-days`, …), not a date. */
export function isRelativePeriodName(value: unknown): value is RelativePeriodName {
  if (typeof value !== "string") return false;
  try {
    fromName(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Danish dates of a relative period at the instant `nowMs` (pass `Date.now()`; injected so
 * that callers stay testable). Throws INVALID_INPUT for an unknown name, a day count outside
 * 1–3660, and for `this-month`/`this-year` on their first day, when no whole day has passed yet.
 */
export function relativePeriod(
  period: RelativePeriodName | RelativePeriodSpec | string,
  nowMs: number,
): DatePeriod {
  if (typeof nowMs !== "number" || !Number.isFinite(nowMs)) {
    throw invalidInput("relativePeriod needs the current instant as epoch milliseconds.");
  }
  const spec = typeof period === "string" ? fromName(period) : period;
  if (spec === null || typeof spec !== "object") throw invalidInput(`A period is one of ${NAMES}.`);
  const today = todayInDenmark(nowMs);
  const firstOfMonth = `${today.slice(0, 7)}-01`;
  const firstOfYear = `${today.slice(0, 4)}-01-01`;
  switch (spec.kind) {
    case "yesterday":
      return { from: addLocalDays(today, -1), to: today };
    case "lastDays": {
      const { days } = spec;
      if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
        throw invalidInput(
          `The number of days must be a whole number from 1 to ${MAX_DAYS}; got ${String(days)}.`,
        );
      }
      return { from: addLocalDays(today, -days), to: today };
    }
    case "thisMonth":
    case "thisYear": {
      const from = spec.kind === "thisMonth" ? firstOfMonth : firstOfYear;
      if (from === today) {
        const what = spec.kind === "thisMonth" ? "month" : "year";
        throw invalidInput(
          `Today (${today}) is the first day of the ${what}, so no whole day of this ${what} has data yet; use last-${what} or yesterday.`,
        );
      }
      return { from, to: today };
    }
    case "lastMonth": {
      const from = `${addLocalDays(firstOfMonth, -1).slice(0, 7)}-01`;
      return { from, to: firstOfMonth };
    }
    case "lastYear":
      return { from: `${Number(today.slice(0, 4)) - 1}-01-01`, to: firstOfYear };
    default:
      throw invalidInput(`A period is one of ${NAMES}.`);
  }
}
