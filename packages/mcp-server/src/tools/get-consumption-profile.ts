import { EloverblikError } from "@eloverblik-kit/client";
import { unitLabel } from "@eloverblik-kit/client/insights";
import { z } from "zod";
import { defineTool, READ_ONLY } from "../define-tool.js";
import { type Failure, failureLines, failureOf, failuresField } from "../errors.js";
import { num } from "../format.js";
import { defaultTo, fetchSeries } from "../time-series/fetch.js";
import { latestDataText, latestDaysWithData } from "../time-series/latest-data.js";
import { profilesOf, type ToolProfile } from "../time-series/profile.js";
import { fromField, idsField, toField } from "./shared.js";

const inputSchema = {
  metering_point_ids: idsField,
  from: fromField,
  to: toField("Defaults to today, i.e. up to and including yesterday."),
};

const hours = z
  .array(z.number().nullable())
  .describe("24 values, index 0 = 00:00–01:00 Danish time; null for an hour without complete data");

const outputSchema = {
  from: z.string(),
  to: z.string(),
  profiles: z.array(
    z.object({
      meteringPointId: z.string(),
      businessType: z.string(),
      unit: z.string(),
      averageByHour: hours,
      weekdayAverageByHour: hours.describe("Monday–Friday"),
      weekendAverageByHour: hours.describe("Saturday–Sunday"),
      averageByWeekday: z.array(
        z.object({ weekday: z.string(), averageDailyTotal: z.number().nullable(), days: z.number() }),
      ),
      averageDailyTotal: z.number().nullable(),
      peakHourOfDay: z.number().nullable(),
      lowestHourOfDay: z.number().nullable(),
      hoursUsed: z.number(),
      daysUsed: z.number(),
      notes: z.array(z.string()),
    }),
  ),
  failures: failuresField,
};

function hoursText(values: readonly (number | null)[]): string {
  return values.map((v, h) => `${h < 10 ? `0${h}` : h}h ${num(v, 3)}`).join(" · ");
}

function profileText(p: ToolProfile): string[] {
  const unit = unitLabel(p.unit);
  const lines = [
    `${p.meteringPointId} (${p.businessType || "?"}): ${p.daysUsed} complete days, ${p.hoursUsed} complete hours; average ${num(p.averageDailyTotal)} ${unit}/day`,
  ];
  if (p.peakHourOfDay !== null) {
    lines.push(
      `  highest hour of day ${p.peakHourOfDay}:00 (${num(p.averageByHour[p.peakHourOfDay])} ${unit}), lowest ${p.lowestHourOfDay}:00 (${num(p.averageByHour[p.lowestHourOfDay ?? 0])} ${unit})`,
    );
    lines.push(`  average by hour (${unit}): ${hoursText(p.averageByHour)}`);
  }
  lines.push(
    `  average per day by weekday (${unit}): ${p.averageByWeekday.map((w) => `${w.weekday.slice(0, 3)} ${num(w.averageDailyTotal)}`).join(" · ")}`,
  );
  for (const note of p.notes) lines.push(`  note: ${note}`);
  return lines;
}

export const getConsumptionProfileTool = defineTool({
  name: "get_consumption_profile",
  apis: ["customer", "thirdparty"],
  title: "Consumption profile",
  description:
    "When electricity is used: average consumption per hour of the day (Danish local time), separately for weekdays and weekends, and the average daily total per weekday, over a period of Danish local days. Only complete hours and days count. Needs hourly or quarter-hourly data; a few weeks to a year works best.",
  inputSchema,
  outputSchema,
  annotations: READ_ONLY,
  async run(args, ctx, call) {
    const to = args.to ?? defaultTo(ctx);
    const { range, series, failures } = await fetchSeries(ctx, {
      ids: args.metering_point_ids,
      from: args.from,
      to,
      aggregation: "Actual",
      options: call.options,
    });
    const extraFailures: Failure[] = [];
    const profiles: ToolProfile[] = [];
    const notAvailable = (id: string, message: string, hint: string) =>
      extraFailures.push(
        // No suggestions: NOT_AVAILABLE's default one (use get_charges) is about charge links.
        failureOf(
          id,
          new EloverblikError({ code: "NOT_AVAILABLE", message, hint, suggestions: [] }),
          ctx.secrets,
        ),
      );
    const empty = series
      .filter((s) => !s.partial && s.data.points.length === 0)
      .map((s) => s.meteringPointId);
    const latest = await latestDaysWithData(ctx, empty, range.from, call.options);
    for (const s of series) {
      if (s.data.points.length === 0) {
        const where = latestDataText(range.from, latest.get(s.meteringPointId));
        notAvailable(
          s.meteringPointId,
          `No data for metering point ${s.meteringPointId} from ${range.from} to ${range.to}.${where ? ` ${where}` : ""}`,
          "Choose an earlier period; Eloverblik usually lags 1–3 days.",
        );
        continue;
      }
      for (const result of profilesOf(s.data)) {
        if ("coarse" in result) {
          notAvailable(
            s.meteringPointId,
            `Metering point ${s.meteringPointId} only has ${result.coarse} data in this period; an hour-of-day profile needs hourly or quarter-hourly data.`,
            "Use get_time_series for daily or monthly totals instead.",
          );
          continue;
        }
        if (s.partial) result.profile.notes.unshift("Partial: some periods failed (see failures).");
        profiles.push(result.profile);
      }
    }
    const allFailures = [...failures, ...extraFailures];
    const lines = [
      `Consumption profile ${range.from} to ${range.to} (to exclusive), Danish local time:`,
      ...profiles.flatMap(profileText),
      ...failureLines(allFailures),
    ];
    return {
      structured: { from: range.from, to: range.to, profiles, failures: allFailures },
      text: lines.join("\n"),
      isError: profiles.length === 0 && allFailures.length > 0,
    };
  },
});
