import type { TimeSeriesPoint } from "@eloverblik-kit/client";
import { danishDateOf, unitLabel } from "@eloverblik-kit/client/insights";
import { z } from "zod";
import { defineTool, READ_ONLY } from "../define-tool.js";
import { failureLines, failuresField } from "../errors.js";
import { clockChangeNote, localTime, num, percent } from "../format.js";
import { fetchSeries } from "../time-series/fetch.js";
import { latestDataText, latestDaysWithData } from "../time-series/latest-data.js";
import { summarize, type ToolSummary } from "../time-series/summary.js";
import { AGGREGATION, fromField, idsField, toField, uniqueFailures } from "./shared.js";

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 200;
/** About 20k tokens at ~4 characters per token: a result must fit comfortably in a model's context. */
export const RESULT_BUDGET_CHARS = 80_000;

const inputSchema = {
  metering_point_ids: idsField,
  from: fromField,
  to: toField("Defaults to the day after `from` (one day)."),
  aggregation: AGGREGATION.optional().describe(
    "Resolution of the points: Actual (default: the meter's own, PT15M or PT1H), Quarter, Hour, Day, Month or Year. Month and Year also make the summary per month or year; its counts are always in the meter's own points.",
  ),
  include_points: z
    .boolean()
    .optional()
    .describe("Also return the individual points, one page at a time. Default false: a summary only."),
  page: z.number().int().min(1).optional().describe("Page of points to return, from 1 (with include_points)"),
  page_size: z
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .optional()
    .describe(`Points per page, default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}`),
};

const extremeSchema = z
  .object({ quantity: z.number(), start: z.string(), localStart: z.string(), resolution: z.string() })
  .nullable();

export const seriesSummarySchema = z.object({
  meteringPointId: z.string(),
  businessType: z.string().describe("A04 consumption, A01 production, A64 profiled consumption"),
  kind: z.string(),
  unit: z.string(),
  resolutions: z.array(z.object({ resolution: z.string(), points: z.number() })),
  total: z.number(),
  points: z.number().describe("In the meter's own resolution, as every count here"),
  expectedPoints: z.number().describe("Points plus those that holes between them stand for"),
  estimatedPoints: z.number().describe("Quality A03"),
  estimatedShare: z.number(),
  missingPoints: z.number().describe("Quality A02, no quantity, or holes"),
  missingShare: z.number(),
  incompletePoints: z.number().describe("Quality A05, counted in the total"),
  firstStart: z.string().nullable(),
  lastEnd: z.string().nullable(),
  min: extremeSchema,
  max: extremeSchema,
  peakHour: z
    .object({ start: z.string(), localStart: z.string(), quantity: z.number() })
    .nullable()
    .describe("The clock hour with the highest total (hourly or finer data)"),
  breakdown: z.enum(["day", "month", "year"]),
  periods: z.array(
    z.object({
      period: z.string().describe("Danish day, month or year"),
      hours: z.number().describe("23 or 25 on a day with a clock change"),
      total: z.number(),
      points: z.number(),
      expectedPoints: z.number(),
      estimated: z.number(),
      missing: z.number(),
    }),
  ),
  notes: z.array(z.string()),
});

const pointRowSchema = z.object({
  start: z.string().describe("UTC instant"),
  quantity: z.number().nullable(),
  quality: z.string().describe("A04 measured, A03 estimated, A02 missing, A05 incomplete"),
  resolution: z.string(),
});

const outputSchema = {
  from: z.string(),
  to: z.string().describe("Exclusive"),
  days: z.number(),
  aggregation: AGGREGATION,
  summaries: z.array(seriesSummarySchema),
  failures: failuresField,
  points: z
    .object({
      page: z.number(),
      pageSize: z.number(),
      totalPoints: z.number(),
      totalPages: z.number(),
      nextPage: z.number().nullable(),
      series: z.array(z.object({ meteringPointId: z.string(), rows: z.array(pointRowSchema) })),
    })
    .optional(),
  notes: z.array(z.string()),
};

type PointRow = z.infer<typeof pointRowSchema>;

function periodText(p: ToolSummary["periods"][number], breakdown: ToolSummary["breakdown"]): string {
  const hours = breakdown === "day" && p.hours !== 24 ? ` (${p.hours} h)` : "";
  return `${p.period}${hours} ${num(p.total)}`;
}

function summaryText(s: ToolSummary, from: string, to: string): string[] {
  const unit = unitLabel(s.unit);
  const res = s.resolutions.map((r) => r.resolution).join("→") || "no data";
  const lines = [`${s.meteringPointId} — ${s.kind}, ${unit}, ${res}, ${from} to ${to} (to exclusive):`];
  lines.push(
    `  total ${num(s.total)} ${unit} over ${s.points} points; estimated ${s.estimatedPoints} (${percent(s.estimatedShare)}), missing ${s.missingPoints} (${percent(s.missingShare)})`,
  );
  if (s.min && s.max) {
    lines.push(
      `  min ${num(s.min.quantity)} (${localTime(s.min.start)}), max ${num(s.max.quantity)} (${localTime(s.max.start)})${s.peakHour ? `, peak hour ${localTime(s.peakHour.start)} ${num(s.peakHour.quantity)} ${unit}` : ""}`,
    );
  }
  if (s.periods.length > 0) {
    lines.push(`  per ${s.breakdown}: ${s.periods.map((p) => periodText(p, s.breakdown)).join(" · ")}`);
  }
  for (const note of s.notes) lines.push(`  note: ${note}`);
  return lines;
}

type PointSeries = { meteringPointId: string; rows: PointRow[] };

/** The rows as lines of Danish time; a day with a clock change is announced before its first row. */
function pointsText(series: readonly PointSeries[]): string[] {
  const lines: string[] = [];
  for (const s of series) {
    let resolution = "";
    let day = "";
    for (const r of s.rows) {
      if (r.resolution !== resolution) {
        lines.push(`[${s.meteringPointId} ${r.resolution}] Danish time, quantity, quality`);
        resolution = r.resolution;
      }
      const date = danishDateOf(r.start) ?? "";
      if (date !== day) {
        day = date;
        const note = clockChangeNote(date);
        if (note) lines.push(`(${note})`);
      }
      lines.push(`${localTime(r.start)} ${r.quantity === null ? "null" : r.quantity} ${r.quality}`);
    }
  }
  return lines;
}

/** One page across all metering points, in the order asked, grouped back by metering point. */
function pageOf(points: readonly TimeSeriesPoint[], page: number, pageSize: number): PointSeries[] {
  const series: PointSeries[] = [];
  for (const p of points.slice((page - 1) * pageSize, page * pageSize)) {
    let last = series[series.length - 1];
    if (!last || last.meteringPointId !== p.meteringPointId) {
      last = { meteringPointId: p.meteringPointId, rows: [] };
      series.push(last);
    }
    last.rows.push({ start: p.start, quantity: p.quantity, quality: p.quality, resolution: p.resolution });
  }
  return series;
}

export const getTimeSeriesTool = defineTool({
  name: "get_time_series",
  apis: ["customer", "thirdparty"],
  title: "Consumption / production time series",
  description:
    "Metered energy for up to 10 metering points over Danish local days. By default one compact summary per metering point: total, unit, per-day (up to 31 days), per-month or per-year figures, min/max, the peak hour, estimated and missing shares, resolution(s). include_points: true adds the raw points, paged. Prefer the summary; ask for points only when individual values are needed.",
  inputSchema,
  outputSchema,
  annotations: READ_ONLY,
  async run(args, ctx, call) {
    const aggregation = args.aggregation ?? "Actual";
    const request = {
      ids: args.metering_point_ids,
      from: args.from,
      to: args.to,
      options: call.options,
    };
    // Summaries count the meter's own points: a monthly point is estimated (A03) as a whole when
    // one quarter hour of it was. Points of another aggregation are fetched only to be shown.
    const native = await fetchSeries(ctx, { ...request, aggregation: "Actual" });
    const shown =
      args.include_points && aggregation !== "Actual"
        ? await fetchSeries(ctx, { ...request, aggregation })
        : native;
    const { range, series } = native;
    const failures =
      shown === native ? native.failures : uniqueFailures([...native.failures, ...shown.failures]);
    const empty = series
      .filter((s) => !s.partial && s.data.points.length === 0)
      .map((s) => s.meteringPointId);
    const latest = await latestDaysWithData(ctx, empty, range.from, call.options);
    const notes: string[] = [];
    const build = (breakdown: "auto" | "month" | "year") =>
      series.flatMap((s) => {
        const summaries = summarize(s.data, breakdown);
        for (const summary of summaries) {
          if (s.partial) {
            summary.notes.unshift(
              "Partial: some periods failed (see failures); figures cover the rest only.",
            );
          }
          const where = latestDataText(range.from, latest.get(s.meteringPointId));
          if (where) summary.notes.push(where);
        }
        return summaries;
      });
    let summaries = build(aggregation === "Month" ? "month" : aggregation === "Year" ? "year" : "auto");

    let points: z.infer<typeof outputSchema.points> | undefined;
    if (args.include_points) {
      const requested = args.page_size ?? DEFAULT_PAGE_SIZE;
      const pageSize = Math.min(requested, MAX_PAGE_SIZE);
      if (requested > MAX_PAGE_SIZE) notes.push(`page_size is capped at ${MAX_PAGE_SIZE}.`);
      const all = shown.series.flatMap((s) => s.data.points);
      const totalPages = Math.max(1, Math.ceil(all.length / pageSize));
      const page = args.page ?? 1;
      const pageSeries = pageOf(all, page, pageSize);
      const count = pageSeries.reduce((n, ps) => n + ps.rows.length, 0);
      const nextPage = page < totalPages ? page + 1 : null;
      points = { page, pageSize, totalPoints: all.length, totalPages, nextPage, series: pageSeries };
      // One note per page, so that the model never reads two that disagree.
      notes.push(
        page > totalPages
          ? `Page ${page} is beyond the end: there ${totalPages === 1 ? "is 1 page" : `are ${totalPages} pages`} of ${all.length} points at page_size ${pageSize}, so this page is empty. Ask for page 1 to ${totalPages}.`
          : nextPage === null
            ? `Points page ${page} of ${totalPages} (${count} of ${all.length} points): the last page.`
            : `Points page ${page} of ${totalPages} (${count} of ${all.length} points). For the next page call get_time_series again with the same arguments and page: ${nextPage}.`,
      );
    }

    const render = () => {
      const lines = [
        ...summaries.flatMap((s) => summaryText(s, range.from, range.to)),
        ...failureLines(failures),
      ];
      lines.push(...notes);
      if (points) lines.push(...pointsText(points.series));
      return lines.join("\n");
    };
    const size = () =>
      JSON.stringify({
        summaries,
        points,
        failures,
        notes,
      }).length + render().length;

    // Keep the answer within the budget: first coarser figures, then none.
    if (size() > RESULT_BUDGET_CHARS && summaries.some((s) => s.breakdown === "day")) {
      summaries = build("month");
      notes.push("Per-day figures were replaced by per-month figures to keep the answer small.");
    }
    if (size() > RESULT_BUDGET_CHARS) {
      for (const s of summaries) s.periods = [];
      // With points, the page is what fills the answer; fewer metering points would not help.
      notes.push(
        points
          ? "Per-period figures were left out to keep the answer small; for them, ask for a smaller page_size or a narrower period."
          : "Per-period figures were left out to keep the answer small; for them, ask for a narrower period or fewer metering points.",
      );
    }

    return {
      structured: {
        from: range.from,
        to: range.to,
        days: range.days,
        aggregation,
        summaries,
        failures,
        ...(points ? { points } : {}),
        notes,
      },
      text: render(),
      isError: series.length === 0 && failures.length > 0,
    };
  },
});
