import { invalidInput } from "../errors/eloverblik-error.js";
import { AGGREGATIONS, type Aggregation } from "../types.js";

/** Accepts the API's spelling in any case ("hour" → "Hour"); refuses anything else before a request. */
export function validateAggregation(value: unknown): Aggregation {
  if (typeof value === "string") {
    const match = AGGREGATIONS.find((a) => a.toLowerCase() === value.trim().toLowerCase());
    if (match) return match;
  }
  throw invalidInput(`aggregation must be one of ${AGGREGATIONS.join(", ")}; got ${JSON.stringify(value)}.`);
}
