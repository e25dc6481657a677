// get_consumption_profile's profiles: the client's `profileTimeSeries` with notes for an assistant.
import type { TimeSeriesData } from "@eloverblik-kit/client";
import { type LoadProfile, profileTimeSeries } from "@eloverblik-kit/client/insights";

export interface ToolProfile extends Omit<LoadProfile, "coarseResolution"> {
  notes: string[];
}

/** Fewer complete days than this and the weekday averages rest on one or two days each. */
const FEW_DAYS = 14;

function notesOf(p: LoadProfile): string[] {
  const notes: string[] = [];
  if (p.coarseResolution !== null) {
    notes.push(`Points coarser than an hour (${p.coarseResolution}) were left out.`);
  }
  if (p.hoursUsed === 0) notes.push("No complete hour in the period: nothing to average.");
  else if (p.daysUsed === 0) notes.push("No complete day in the period: weekday averages are empty.");
  if (p.daysUsed > 0 && p.daysUsed < FEW_DAYS) {
    notes.push(`Only ${p.daysUsed} complete day(s): weekday averages rest on one or two days each.`);
  }
  return notes;
}

/**
 * One profile per business type, or the resolution that made it impossible: data coarser than an
 * hour only (a daily or monthly meter) has no hour of day to average.
 */
export function profilesOf(
  data: Pick<TimeSeriesData, "meteringPointId" | "points">,
): Array<{ profile: ToolProfile } | { coarse: string }> {
  return profileTimeSeries(data).map(({ coarseResolution, ...profile }) =>
    profile.hoursUsed === 0 && coarseResolution !== null
      ? { coarse: coarseResolution }
      : { profile: { ...profile, notes: notesOf({ ...profile, coarseResolution }) } },
  );
}
