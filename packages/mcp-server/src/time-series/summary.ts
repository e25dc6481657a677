// get_time_series' summaries: the client's `summarizeTimeSeries` figures in the shape the tool has
// always returned, with the notes worded for an assistant. No arithmetic of its own.
import type { TimeSeriesData } from "@eloverblik-kit/client";
import {
  type Breakdown,
  roundTo,
  type SeriesSummary,
  type SummaryNote,
  summarizeTimeSeries,
} from "@eloverblik-kit/client/insights";
import { localTime } from "../format.js";

/** One Danish day, month or year of a summary. Counts are points of the native resolution. */
export interface ToolPeriod {
  period: string;
  /** 23 or 25 on a day with a clock change; 743, 744 or 745 for a month. */
  hours: number;
  total: number;
  points: number;
  /** Points plus the points that holes between them stand for. */
  expectedPoints: number;
  estimated: number;
  missing: number;
}

export interface ToolSummary
  extends Omit<SeriesSummary, "periods" | "notes" | "estimatedShare" | "missingShare"> {
  /** To 4 decimals. */
  estimatedShare: number;
  missingShare: number;
  periods: ToolPeriod[];
  notes: string[];
}

/** How many of the data's own warnings a summary repeats. */
const MAX_WARNINGS = 3;

/** A summary note in the tool's words. */
export function summaryNoteText(note: SummaryNote): string {
  switch (note.kind) {
    case "no-data":
      return "No data for this period. Eloverblik usually lags 1–3 days, and some meters only report daily or monthly.";
    case "data-starts-late":
      return `Data starts at ${localTime(note.firstStart)} (Danish time), after the start of the period.`;
    case "data-ends-early":
      return `Data ends at ${localTime(note.lastEnd)} (Danish time), before the end of the period: the newest days are usually not available yet (1–3 days lag).`;
    case "mixed-resolutions":
      return `The resolution changes within the period (${note.resolutions.join(", ")}); min and max compare points of different lengths.`;
    case "coarse-quality":
      return `The meter reports ${note.resolution} points: each counts as estimated (A03) as a whole when any part of it was.`;
    case "breakdown-coarsened":
      return `Per-${note.requested} figures are not possible with these points; they are per ${note.used}.`;
  }
}

function toolSummary(s: SeriesSummary, warnings: readonly string[]): ToolSummary {
  const { periods, notes, estimatedShare, missingShare, ...rest } = s;
  const worded = notes.map(summaryNoteText);
  worded.push(...warnings.slice(0, MAX_WARNINGS));
  if (warnings.length > MAX_WARNINGS) {
    worded.push(`${warnings.length - MAX_WARNINGS} more warning(s) from the data not shown.`);
  }
  return {
    ...rest,
    estimatedShare: roundTo(estimatedShare, 4),
    missingShare: roundTo(missingShare, 4),
    periods: periods.map((p) => ({
      period: p.period,
      hours: p.hours,
      total: p.total,
      points: p.points,
      expectedPoints: p.expectedPoints,
      estimated: p.estimatedPoints,
      missing: p.missingPoints,
    })),
    notes: worded,
  };
}

/**
 * One summary per business type of a metering point's series (usually one). Pass native points
 * (aggregation Actual): the shares are counted in them, and `breakdown` makes the months and years.
 */
export function summarize(
  data: Pick<TimeSeriesData, "meteringPointId" | "from" | "to" | "points" | "warnings">,
  breakdown: "auto" | Breakdown,
): ToolSummary[] {
  return summarizeTimeSeries(data, { breakdown }).map((s) => toolSummary(s, data.warnings));
}
