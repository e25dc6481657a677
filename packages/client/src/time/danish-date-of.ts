import { isValidLocalDate, localDateOf } from "./danish-time.js";

const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The Danish calendar date of a date field as the API sends it, e.g. `2024-04-30T22:00:00.000Z` →
 * `2024-05-01`: the API writes the start of a Danish day as the UTC instant before midnight, so
 * cutting the string would show the day before. A bare date is already local; an instant without a
 * zone is read as UTC, as the API means it. undefined when the value is empty or unreadable.
 */
export function danishDateOf(value: string | number | null | undefined): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? localDateOf(value) : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return isValidLocalDate(text) ? text : undefined;
  const ms = Date.parse(HAS_ZONE.test(text) ? text : `${text}Z`);
  return Number.isNaN(ms) ? undefined : localDateOf(ms);
}
