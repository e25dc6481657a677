import {
  type Aggregation,
  addLocalDays,
  type ColumnarSeries,
  EloverblikError,
  type ResolvedDateRange,
  resolveDateRange,
  splitDateRange,
  type TimeSeriesPoint,
} from "@eloverblik-kit/client";
import {
  CSV_COLUMNS,
  type CsvColumn,
  columnarPoints,
  danishDay,
  writePointsCsv,
} from "@eloverblik-kit/client/insights";
import { z } from "zod";
import type { ServerContext } from "../context.js";
import { defineTool, READ_ONLY, type ToolCall } from "../define-tool.js";
import { type Failure, failureLines, failuresField } from "../errors.js";
import { clockChangeNote, num } from "../format.js";
import { EXPORT_TTL_MS, exportsOf, MAX_EXPORT_CHARS } from "../resources/exports.js";
import { defaultTo } from "../time-series/fetch.js";
import { latestDataText, latestDaysWithData } from "../time-series/latest-data.js";
import { aggregationField, checkIds, failureFor, fromField, idsField, toField } from "./shared.js";

/** Up to this size (about 2k tokens) the CSV is also written into the text of the answer. */
export const EMBED_MAX_CHARS = 8_000;

const inputSchema = {
  metering_point_ids: idsField,
  from: fromField,
  to: toField("Defaults to today, i.e. up to and including yesterday."),
  aggregation: aggregationField,
  decimal: z
    .enum([".", ","])
    .optional()
    .describe('"," writes 0,734 with ";" between fields, for spreadsheets set to Danish; default "."'),
  format: z
    .enum(["points", "eloverblik"])
    .optional()
    .describe(
      "points (default): UTC and Danish local start/end (with offset), quantity, unit, quality code, resolution, business type. eloverblik: Eloverblik's own export (Customer API only; Danish headers, local times without offset, decimal comma)",
    ),
};

const outputSchema = {
  uri: z.string().describe("Read it with resources/read"),
  name: z.string(),
  mimeType: z.literal("text/csv"),
  expiresAt: z.string(),
  from: z.string(),
  to: z.string().describe("Exclusive"),
  aggregation: z.string(),
  format: z.enum(["points", "eloverblik"]),
  rows: z.number().describe("Without the header"),
  characters: z.number(),
  columns: z.array(z.string()),
  embedded: z.boolean().describe("Also in the text"),
  meteringPoints: z.array(
    z.object({
      meteringPointId: z.string(),
      rows: z.number(),
      firstStart: z.string().nullable(),
      lastEnd: z.string().nullable(),
    }),
  ),
  clockChanges: z.array(z.object({ date: z.string(), hours: z.number() })).describe("23- and 25-hour days"),
  failures: failuresField,
  notes: z.array(z.string()),
};

type Tally = z.infer<typeof outputSchema.meteringPoints>[number];

/** Collects the CSV and refuses to grow beyond what one export may hold. */
class BoundedText {
  private readonly chunks: string[] = [];
  chars = 0;

  write(chunk: string): boolean {
    this.chars += chunk.length;
    if (this.chars > MAX_EXPORT_CHARS) throw tooLarge();
    this.chunks.push(chunk);
    return true;
  }

  text(): string {
    return this.chunks.join("");
  }
}

function tooLarge(): EloverblikError {
  return new EloverblikError({
    code: "INVALID_INPUT",
    message: `The CSV would be larger than ${MAX_EXPORT_CHARS / 1024 / 1024} MB, the most one export holds.`,
    hint: "Export fewer metering points at a time, a shorter period, or a coarser aggregation (Hour instead of quarter hours).",
    suggestions: [{ kind: "narrow-request" }],
  });
}

/** Rows per metering point, counted as they are written. */
function tallied(series: readonly ColumnarSeries[], tallies: Map<string, Tally>) {
  return (function* rows(): Generator<TimeSeriesPoint> {
    for (const s of series) {
      for (const p of columnarPoints(s)) {
        const t = tallies.get(p.meteringPointId);
        if (t) {
          t.rows++;
          t.firstStart ??= p.start;
          if (t.lastEnd === null || p.end > t.lastEnd) t.lastEnd = p.end;
        }
        yield p;
      }
    }
  })();
}

interface Written {
  text: string;
  rows: number;
  columns: string[];
  failures: Failure[];
  notes: string[];
}

/** The client's columnar series (split and batched by the client), written by its CSV writer. */
async function pointsCsv(
  ctx: ServerContext,
  call: ToolCall,
  ids: readonly string[],
  range: ResolvedDateRange,
  aggregation: Aggregation,
  decimal: "." | ",",
  tallies: Map<string, Tally>,
): Promise<Written> {
  const results = await ctx.client().getTimeSeriesColumnar(ids, {
    from: range.from,
    to: range.to,
    aggregation,
    ...call.options,
  });
  const series: ColumnarSeries[] = [];
  const failures: Failure[] = [];
  const notes: string[] = [];
  for (const r of results) {
    if (r.ok) series.push(...r.data.columns.series);
    else {
      for (const e of r.errors ?? [r.error]) failures.push(failureFor(ctx, r.id, e));
      if (r.partial) {
        series.push(...r.partial.columns.series);
        notes.push(`Partial: some periods of ${r.id} failed (see failures); its rows cover the rest only.`);
      }
    }
  }
  const sink = new BoundedText();
  const { rows } = await writePointsCsv(tallied(series, tallies), sink, {
    decimal,
    signal: call.options.signal,
  });
  const columns = Object.values(CSV_COLUMNS as Record<CsvColumn, string>);
  return { text: sink.text(), rows, columns, failures, notes };
}

/**
 * Eloverblik's own export (Customer API): one request per period of at most 730 days for all the
 * ids (at most 10, one batch), joined under the first header.
 */
async function eloverblikCsv(
  ctx: ServerContext,
  call: ToolCall,
  ids: readonly string[],
  range: ResolvedDateRange,
  aggregation: Aggregation,
  tallies: Map<string, Tally>,
): Promise<Written> {
  if (ctx.api !== "customer") {
    throw new EloverblikError({
      code: "INVALID_INPUT",
      message:
        "format eloverblik is the Customer API's own CSV export; the Third Party API has none. Use format points.",
    });
  }
  const client = ctx.client();
  const sink = new BoundedText();
  let header: string | undefined;
  let rows = 0;
  for (const period of splitDateRange(range, 730)) {
    const csv = await client.exportTimeSeriesCsv(ids, {
      from: period.from,
      to: period.to,
      aggregation,
      ...call.options,
    });
    const lines = csv.split(/\r?\n/).filter((line) => line !== "");
    const [first, ...data] = lines;
    if (first === undefined) continue;
    if (header === undefined) {
      header = first;
      sink.write(`${first}\r\n`);
    }
    for (const line of data) {
      sink.write(`${line}\r\n`);
      rows++;
      const t = tallies.get(line.slice(0, line.indexOf(";")).replace(/"/g, ""));
      if (t) t.rows++;
    }
  }
  const notes = [
    "Eloverblik's own export: Danish headers, decimal comma, Danish local times without offset (the repeated hour of a 25-hour day reads twice; format points tells them apart).",
  ];
  return {
    text: sink.text(),
    rows,
    columns: header === undefined ? [] : header.split(";"),
    failures: [],
    notes,
  };
}

/** The days of 23 and 25 hours in a period. */
function clockChanges(range: ResolvedDateRange): Array<{ date: string; hours: number }> {
  const out: Array<{ date: string; hours: number }> = [];
  for (let date = range.from; date < range.to; date = addLocalDays(date, 1)) {
    const day = danishDay(date);
    if (day.change !== null) out.push({ date, hours: day.hours });
  }
  return out;
}

function fileName(ids: readonly string[], range: ResolvedDateRange, aggregation: string): string {
  const who = ids.length === 1 ? ids[0] : `${ids.length}-metering-points`;
  return `eloverblik-${who}-${range.from}-${range.to}-${aggregation.toLowerCase()}.csv`;
}

export const exportTimeSeriesCsvTool = defineTool({
  name: "export_time_series_csv",
  apis: ["customer", "thirdparty"],
  title: "Export time series as CSV",
  description:
    "Writes the points of up to 10 metering points over any period (split and batched for Eloverblik) as one CSV file and returns a link to it (a resource, eloverblik://exports/….csv, kept 15 minutes); small files are in the text too. Use it when the user wants the data as a file or spreadsheet, instead of paging get_time_series.",
  inputSchema,
  outputSchema,
  annotations: READ_ONLY,
  async run(args, ctx, call) {
    const ids = checkIds(args.metering_point_ids);
    const range = resolveDateRange({ from: args.from, to: args.to ?? defaultTo(ctx) }, { nowMs: ctx.now() });
    const aggregation: Aggregation = args.aggregation ?? "Actual";
    const format = args.format ?? "points";
    const tallies = new Map<string, Tally>(
      ids.map((id) => [id, { meteringPointId: id, rows: 0, firstStart: null, lastEnd: null }]),
    );
    const written =
      format === "eloverblik"
        ? await eloverblikCsv(ctx, call, ids, range, aggregation, tallies)
        : await pointsCsv(ctx, call, ids, range, aggregation, args.decimal ?? ".", tallies);
    const failed = new Set(written.failures.map((f) => f.meteringPointId));
    const meteringPoints = [...tallies.values()].filter((t) => t.rows > 0 || !failed.has(t.meteringPointId));
    const notes = [...written.notes];
    const empty = meteringPoints.filter((t) => t.rows === 0).map((t) => t.meteringPointId);
    const latest = await latestDaysWithData(ctx, empty, range.from, call.options);
    for (const id of empty) {
      const where = latestDataText(range.from, latest.get(id));
      notes.push(`No data for ${id} in the period.${where ? ` ${where}` : ""}`);
    }
    const changes = ["Actual", "Quarter", "Hour"].includes(aggregation) ? clockChanges(range) : [];
    for (const c of changes) {
      const note = clockChangeNote(c.date);
      if (note)
        notes.push(
          format === "points" ? `${note} Its rows carry the offset in start_local and end_local.` : note,
        );
    }
    if (written.rows === 0 && written.failures.length > 0) {
      return {
        structured: {
          uri: "",
          name: "",
          mimeType: "text/csv" as const,
          expiresAt: "",
          from: range.from,
          to: range.to,
          aggregation,
          format,
          rows: 0,
          characters: 0,
          columns: written.columns,
          embedded: false,
          meteringPoints,
          clockChanges: changes,
          failures: written.failures,
          notes,
        },
        text: ["Nothing to export:", ...failureLines(written.failures)].join("\n"),
        isError: true,
      };
    }
    const text = written.text;
    const name = fileName(ids, range, aggregation);
    const stored = exportsOf(ctx).put(
      text,
      { name, title: `Time series ${range.from} to ${range.to} (${aggregation}), ${ids.join(", ")}` },
      ctx.now(),
    );
    const embedded = text.length <= EMBED_MAX_CHARS;
    const lines = [
      `CSV of ${ids.length} metering point(s), ${range.from} to ${range.to} (to exclusive), ${aggregation}: ${written.rows} rows, ${num(text.length / 1024, 1)} kB.`,
      `Resource: ${stored.uri} (${name}, text/csv; read it with resources/read within ${EXPORT_TTL_MS / 60_000} minutes).`,
      `Columns: ${written.columns.join(", ")}`,
      ...meteringPoints.map(
        (t) =>
          `- ${t.meteringPointId}: ${t.rows} rows${t.firstStart && t.lastEnd ? `, ${t.firstStart} to ${t.lastEnd}` : ""}`,
      ),
      ...notes.map((n) => `note: ${n}`),
      ...failureLines(written.failures),
    ];
    if (embedded) lines.push("```csv", text.trimEnd(), "```");
    return {
      structured: {
        uri: stored.uri,
        name,
        mimeType: "text/csv" as const,
        expiresAt: new Date(stored.expiresAtMs).toISOString(),
        from: range.from,
        to: range.to,
        aggregation,
        format,
        rows: written.rows,
        characters: text.length,
        columns: written.columns,
        embedded,
        meteringPoints,
        clockChanges: changes,
        failures: written.failures,
        notes,
      },
      text: lines.join("\n"),
      // A link the host can open or read (resources/read), and the file itself when it is small.
      content: [
        {
          type: "resource_link",
          uri: stored.uri,
          name,
          title: `Time series ${range.from} to ${range.to}`,
          mimeType: "text/csv",
          size: text.length,
        },
        ...(embedded
          ? [{ type: "resource" as const, resource: { uri: stored.uri, mimeType: "text/csv", text } }]
          : []),
      ],
    };
  },
});
