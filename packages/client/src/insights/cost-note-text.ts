import type { CostNote, PriceRule } from "./cost-types.js";

const RULES: Record<PriceRule, string> = {
  "mean-of-quarters":
    "hourly consumption priced with the mean of the hour's four quarter-hour day-ahead prices",
  "hour-price-for-quarters": "quarter-hour consumption priced with the hour's day-ahead price",
  "same-resolution": "consumption and day-ahead prices of the same resolution",
};

/** A price rule in one sentence (English); how a supplier bills is not in Energi Data Service. */
export function priceRuleText(rule: PriceRule): string {
  return RULES[rule];
}

/** A cost note in one sentence (English), the same in every surface that does not word its own. */
export function costNoteText(note: CostNote): string {
  switch (note.kind) {
    case "price-area-inferred":
      return `Price area ${note.area} inferred from postcode ${note.postcode}; give the price area if that is wrong.`;
    case "supplier-terms-from-user":
      return `Supplier markup ${note.markupDkkPerKwh} DKK/kWh and subscription ${note.subscriptionDkkPerMonth} DKK/month are your input, not data.`;
    case "no-supplier-terms":
      return "No supplier markup or subscription given: your supplier's own charges are not included.";
    case "points-without-quantity":
      return `${note.points} point(s) without a quantity (not available) add nothing.`;
    case "points-without-price":
      return `${note.points} point(s) without a day-ahead price (not published or missing), ${note.first} to ${note.last}, are not priced.`;
    case "points-too-coarse":
      return `${note.points} point(s) longer than an hour cannot be priced; ask for hours or quarter hours.`;
    case "production-left-out":
      return `${note.points} production point(s) left out.`;
    case "no-consumption-data":
      return "No consumption in the period: only subscriptions were counted.";
    case "data-ends-early":
      return `Consumption data ends at ${note.dataEnd}, before the period does; subscriptions cover the whole period.`;
    case "tariff-missing":
      return `No ${note.component} tariff (${note.code}) in the price history for ${note.points} point(s): not included there.`;
    case "grid-code-fallback":
      return `Grid tariff ${note.code} had no price history for ${note.points} point(s): ${note.usedCode} with the same note "${note.note}" was used.`;
    case "no-grid-tariff-in-charges":
      return "Today's charges list no grid tariff: no grid tariff is included.";
    case "subscription-from-today":
      return `Subscription ${note.name} (${note.code}) has no price history: today's price was used.`;
    case "reduced-elafgift":
      return `Reduced elafgift on ${note.kWh} kWh above ${note.thresholdKwh} kWh in the calendar year (electric heating, your input; ${note.yearToDateKwh} kWh counted before the period).`;
  }
}
