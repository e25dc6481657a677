// estimate_grid_charges' estimates: the client's `estimateGridCharges`, its notes worded for an
// assistant, the two that frame every estimate first.
import {
  estimateGridCharges,
  type GridChargeEstimate,
  type GridChargeEstimateInput,
  type GridChargeNote,
} from "@eloverblik-kit/client/insights";
import { localTime } from "../format.js";

export interface ToolEstimate extends Omit<GridChargeEstimate, "notes"> {
  notes: string[];
}

/** What every estimate says first (the text rendering shows them once, in the basis). */
export const ESTIMATE_FRAME = [
  "Estimate: today's tariffs and subscriptions applied to the whole period. Eloverblik only serves current and future prices, so past price changes are not reflected.",
  "DKK excluding VAT (moms) and excluding the electricity itself (spot price and supplier margin).",
] as const;

export function estimateNoteText(note: GridChargeNote): string {
  switch (note.kind) {
    case "no-consumption-data":
      return "No consumption data in the period: the estimate holds the subscriptions for the whole period only. Eloverblik usually lags 1–3 days; choose an earlier period for consumption.";
    case "data-ends-early":
      return `Data ends at ${localTime(note.dataEnd)} (Danish time); the estimate covers consumption up to then, subscriptions for the whole period.`;
    case "no-tariff-in-force":
      return "No tariff is in force today for this metering point.";
    case "production-left-out":
      return `${note.points} production point(s) were left out: grid tariffs price consumption.`;
    case "points-without-quantity":
      return `${note.points} point(s) without a quantity add nothing to the estimate.`;
    case "tariff-skipped":
      return `Tariff "${note.name}" could not be priced: ${note.reason}.`;
  }
}

export function estimate(input: GridChargeEstimateInput): ToolEstimate {
  const e = estimateGridCharges(input);
  return { ...e, notes: [...ESTIMATE_FRAME, ...e.notes.map(estimateNoteText)] };
}
