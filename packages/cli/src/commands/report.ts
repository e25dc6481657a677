import { writeFile } from "node:fs/promises";
import type { ItemResult, TimeSeriesData } from "@eloverblik-kit/client";
import { type ElectricityCost, getElectricityCost } from "@eloverblik-kit/client/energi-data-service";
import {
  danishDay,
  type SeriesSummary,
  summarizeTimeSeries,
  unitLabel,
} from "@eloverblik-kit/client/insights";
import { EXIT, type ExitCode } from "../exit-codes.js";
import { type PeriodOptions, resolvePeriod } from "../inputs.js";
import { render } from "../output.js";
import { reportFailures } from "../problems.js";
import { reportHtml } from "../report-html.js";
import type { Runtime } from "../runtime.js";
import { seriesChart } from "./data.js";

export interface ReportOptions extends PeriodOptions {
  html?: string;
}

/** The metering points a report covers: linked ones (Customer API) or authorized ones (Third Party). */
export async function reportIds(rt: Runtime): Promise<string[]> {
  const client = await rt.client();
  if (client.api === "customer") {
    const points = await client.listMeteringPoints({ signal: rt.signal });
    return points.filter((p) => p.hasRelation !== false && p.meteringPointId).map((p) => p.meteringPointId!);
  }
  const ids = new Set<string>();
  for (const a of await client.listAuthorizations({ signal: rt.signal })) {
    if (!a.id) continue;
    for (const id of await client.listAuthorizedMeteringPointIds("authorizationId", a.id, {
      signal: rt.signal,
    })) {
      ids.add(id);
    }
  }
  return [...ids];
}

export interface ReportSeries {
  data: TimeSeriesData;
  summary: SeriesSummary | undefined;
}

/** Lists the metering points, fetches the period hourly and prints a daily table and a chart each. */
export async function reportCommand(rt: Runtime, o: ReportOptions): Promise<ExitCode> {
  const period = resolvePeriod(o, Date.now(), "last-30-days");
  const ids = await reportIds(rt);
  if (ids.length === 0) {
    rt.io.err(
      (await rt.api()) === "customer"
        ? "eloverblik: no linked metering points: link one with `eloverblik relation add`."
        : "eloverblik: no authorized metering points yet: customers grant access on eloverblik.dk.",
    );
    return EXIT.ok;
  }
  const client = await rt.client();
  const progress = rt.progress("report");
  let results: ItemResult<TimeSeriesData>[];
  try {
    results = await client.getTimeSeries(ids, {
      ...period,
      aggregation: "Hour",
      signal: rt.signal,
      onProgress: progress.listener,
    });
  } finally {
    progress.stop();
  }
  const series: ReportSeries[] = results.flatMap((r) => {
    const data = r.ok ? r.data : (r.partial as TimeSeriesData | undefined);
    if (!data) return [];
    return [{ data, summary: summarizeTimeSeries(data, { breakdown: "day" })[0] }];
  });
  const rows = series.flatMap(({ data, summary }) =>
    (summary?.periods ?? []).map((p) => {
      const day = danishDay(p.period);
      return {
        meteringPointId: data.meteringPointId,
        date: p.period,
        hours: p.hours,
        dst: day.change ? day.change.kind : null,
        total: p.total,
        unit: unitLabel(summary?.unit ?? "KWH"),
        points: p.points,
        estimatedPoints: p.estimatedPoints,
        missingPoints: p.missingPoints,
      };
    }),
  );
  const color = rt.io.stdoutIsTTY && !rt.env.NO_COLOR;
  const before = [
    `Report ${period.from} to ${period.to} (Danish days, to exclusive), hourly, ${ids.length} metering point(s)${rt.simulator ? ", simulator data" : ""}:`,
  ];
  const after = series.flatMap(({ data, summary }) => [
    "",
    summary
      ? `${data.meteringPointId}: ${summary.total} ${unitLabel(summary.unit)} in ${summary.points} hours${summary.peakHour ? `, peak hour ${summary.peakHour.localStart} (${summary.peakHour.quantity})` : ""}${summary.missingPoints ? `, ${summary.missingPoints} missing` : ""}${summary.estimatedPoints ? `, ${summary.estimatedPoints} estimated` : ""}`
      : `${data.meteringPointId}: no data`,
    ...seriesChart(rt, data, "day", color),
  ]);
  await render(rt.io, rt.format, {
    json: {
      from: period.from,
      to: period.to,
      aggregation: "Hour",
      meteringPointIds: ids,
      series: series.map((s) => s.summary ?? { meteringPointId: s.data.meteringPointId, points: 0 }),
    },
    rows,
    columns: [
      { key: "meteringPointId", header: "metering point" },
      { key: "date", header: "date" },
      { key: "hours", header: "h", align: "right" },
      { key: "total", header: "total", align: "right" },
      { key: "unit", header: "unit" },
      { key: "estimatedPoints", header: "estimated", align: "right" },
      { key: "missingPoints", header: "missing", align: "right" },
      { key: "dst", header: "clock change" },
    ],
    before,
    after,
  });
  if (o.html) {
    const failures = results.flatMap((r) => (r.ok ? [] : [{ id: r.id, message: r.error.message }]));
    const cost = await costPerDay(rt, series, period);
    await writeFile(
      o.html,
      reportHtml({ period, series, failures, simulator: rt.simulator, generatedAtMs: Date.now(), cost }),
    );
    rt.io.err(`eloverblik: wrote ${o.html}`);
  }
  return reportFailures(rt.io, rt.errorFormat, results);
}

/**
 * What the report's consumption cost per day (spot price, tariffs, taxes, VAT), for the page. The
 * report stands without it: when prices cannot be had, the page says why instead.
 */
async function costPerDay(
  rt: Runtime,
  series: readonly ReportSeries[],
  period: { from: string; to: string },
): Promise<{ costs: ElectricityCost[]; problem?: string }> {
  // Consumption only: a production metering point (A01) has nothing to pay for.
  const ids = series
    .filter((s) => s.data.points.length > 0 && s.summary?.businessType !== "A01")
    .map((s) => s.data.meteringPointId);
  if (ids.length === 0) return { costs: [] };
  try {
    const results = await getElectricityCost(await rt.client(), await rt.eds(), ids, {
      ...period,
      signal: rt.signal,
    });
    const costs = results.flatMap((r) => (r.ok ? [r.data] : []));
    const failed = results.flatMap((r) => (r.ok ? [] : [`${r.id}: ${r.error.message}`]));
    return failed.length > 0 ? { costs, problem: failed.join(" ") } : { costs };
  } catch (error) {
    return { costs: [], problem: error instanceof Error ? error.message : String(error) };
  }
}
