import { addLocalMonths, daysBetween } from "../time/danish-time.js";

/**
 * Calendar months covered by a period of Danish local dates (`to` exclusive), a partial month by
 * its share of days: 2025-01-16 to 2025-03-01 is 16/31 + 1 months.
 */
export function monthsInPeriod(from: string, to: string): number {
  if (daysBetween(from, to) <= 0) return 0; // and refuses dates that are not YYYY-MM-DD
  let months = 0;
  let monthStart = `${from.slice(0, 7)}-01`;
  while (monthStart < to) {
    const next = addLocalMonths(monthStart, 1);
    const a = from > monthStart ? from : monthStart;
    const b = to < next ? to : next;
    months += daysBetween(a, b) / daysBetween(monthStart, next);
    monthStart = next;
  }
  return months;
}
