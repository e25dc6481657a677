import type { Aggregation, ItemResult, TimeSeriesData, TimeSeriesPoint } from "@eloverblik-kit/client";
import {
  chargesOverview,
  formatAddress,
  meteringPointTypeLabel,
  pointRecord,
  summarizeTimeSeries,
  unitLabel,
  writePointsCsv,
} from "@eloverblik-kit/client/insights";
import { terminalChart } from "../chart.js";
import { EXIT, type ExitCode, UsageError } from "../exit-codes.js";
import { meteringPointIds, type PeriodOptions, parseAggregation, resolvePeriod } from "../inputs.js";
import { type Column, render } from "../output.js";
import { reportFailures } from "../problems.js";
import type { Runtime } from "../runtime.js";

function okData<T>(results: readonly ItemResult<T>[]): T[] {
  return results.flatMap((r) => (r.ok ? [r.data] : []));
}

export async function detailsCommand(rt: Runtime, ids: string[]): Promise<ExitCode> {
  const wanted = meteringPointIds(ids);
  const client = await rt.client();
  const progress = rt.progress("details");
  let results: Awaited<ReturnType<typeof client.getDetails>>;
  try {
    results = await client.getDetails(wanted, { signal: rt.signal, onProgress: progress.listener });
  } finally {
    progress.stop();
  }
  const data = okData(results);
  const rows = data.map((d) => {
    const r = d as Record<string, unknown>;
    return {
      meteringPointId: d.meteringPointId ?? null,
      type: meteringPointTypeLabel(d.typeOfMP) ?? d.typeOfMP ?? null,
      settlementMethod: d.settlementMethod ?? null,
      resolution: d.meterReadingOccurrence ?? null,
      address: formatAddress(d) ?? null,
      balanceSupplierName: r.balanceSupplierName ?? null,
      gridOperatorName: r.gridOperatorName ?? null,
      estimatedAnnualVolume: r.estimatedAnnualVolume ?? null,
      physicalStatusOfMP: r.physicalStatusOfMP ?? null,
    };
  });
  await render(rt.io, rt.format, {
    json: data,
    rows: rt.format === "ndjson" ? (data as unknown as Record<string, unknown>[]) : rows,
    columns: [
      { key: "meteringPointId", header: "metering point" },
      { key: "type", header: "type" },
      { key: "resolution", header: "resolution" },
      { key: "address", header: "address" },
      { key: "balanceSupplierName", header: "supplier" },
      { key: "gridOperatorName", header: "grid operator" },
      { key: "estimatedAnnualVolume", header: "kWh/year", align: "right" },
    ],
  });
  return reportFailures(rt.io, rt.errorFormat, results);
}

export interface TimeSeriesCommandOptions extends PeriodOptions {
  aggregation?: string;
  chart?: string | boolean;
  decimalComma?: boolean;
}

/** Points of a period table: one per point for short series, else totals per day or month. */
const POINT_ROWS_MAX = 100;

function chartKind(value: string | boolean | undefined): "hour" | "day" | "auto" | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return "auto";
  const v = value.trim().toLowerCase();
  if (v === "hour" || v === "day" || v === "auto") return v;
  throw new UsageError(`--chart must be hour, day or auto; got ${JSON.stringify(value.slice(0, 40))}.`);
}

/** Chart lines of one series: its points (per hour or finer) or its daily totals. */
export function seriesChart(
  rt: Runtime,
  data: TimeSeriesData,
  kind: "hour" | "day" | "auto",
  color: boolean,
): string[] {
  const points = data.points;
  if (points.length === 0) return [`${data.meteringPointId}: no data to chart.`];
  const unit = unitLabel(points[0]?.unit ?? "KWH");
  const room = rt.io.columns - 14;
  const perDay = kind === "day" || (kind === "auto" && points.length > room);
  if (perDay) {
    const [summary] = summarizeTimeSeries(data, { breakdown: "day" });
    const periods = summary?.periods ?? [];
    return terminalChart(
      periods.map((p) => (p.points === 0 ? null : p.total)),
      {
        title: `${data.meteringPointId}: ${unit} per day`,
        firstLabel: periods[0]?.period ?? "",
        lastLabel: periods.at(-1)?.period ?? "",
        columns: rt.io.columns,
        color,
      },
    );
  }
  const first = pointRecord(points[0] as TimeSeriesPoint);
  const last = pointRecord(points.at(-1) as TimeSeriesPoint);
  return terminalChart(
    points.map((p) => p.quantity),
    {
      title: `${data.meteringPointId}: ${unit} per ${points[0]?.resolution === "PT15M" ? "quarter hour" : "point"} (Danish time)`,
      firstLabel: first.localStart,
      lastLabel: last.localStart,
      columns: rt.io.columns,
      color,
    },
  );
}

const POINT_COLUMNS: Column[] = [
  { key: "meteringPointId", header: "metering point" },
  { key: "localStart", header: "start (Danish time)" },
  { key: "quantity", header: "quantity", align: "right" },
  { key: "unit", header: "unit" },
  { key: "qualityLabel", header: "quality" },
];
const PERIOD_COLUMNS: Column[] = [
  { key: "meteringPointId", header: "metering point" },
  { key: "period", header: "period" },
  { key: "hours", header: "hours", align: "right" },
  { key: "total", header: "total", align: "right" },
  { key: "unit", header: "unit" },
  { key: "estimated", header: "estimated", align: "right" },
  { key: "missing", header: "missing", align: "right" },
];

export function percent(share: number): string {
  return share === 0 ? "0" : `${(share * 100).toFixed(1)} %`;
}

export async function timeSeriesCommand(
  rt: Runtime,
  ids: string[],
  o: TimeSeriesCommandOptions,
): Promise<ExitCode> {
  const wanted = meteringPointIds(ids);
  const period = resolvePeriod(o, Date.now());
  const aggregation: Aggregation = parseAggregation(o.aggregation);
  const chart = chartKind(o.chart);
  const client = await rt.client();
  const progress = rt.progress("time series");
  let results: ItemResult<TimeSeriesData>[];
  try {
    results = await client.getTimeSeries(wanted, {
      ...period,
      aggregation,
      signal: rt.signal,
      onProgress: progress.listener,
    });
  } finally {
    progress.stop();
  }
  // What arrived of a failed id (other periods) is shown too; the failure names what is missing.
  const series = results.flatMap((r) => (r.ok ? [r.data] : r.partial ? [r.partial as TimeSeriesData] : []));
  const allPoints = series.flatMap((s) => s.points);
  const tableOfPoints = allPoints.length <= POINT_ROWS_MAX;
  const periodRows = tableOfPoints
    ? []
    : series.flatMap((s) =>
        summarizeTimeSeries(s).flatMap((summary) =>
          summary.periods.map((p) => ({
            meteringPointId: summary.meteringPointId,
            period: p.period,
            hours: p.hours,
            total: p.total,
            unit: unitLabel(summary.unit),
            estimated: percent(p.estimatedShare),
            missing: percent(p.missingShare),
          })),
        ),
      );
  const color = rt.io.stdoutIsTTY && !rt.env.NO_COLOR;
  const after = chart ? series.flatMap((s) => ["", ...seriesChart(rt, s, chart, color)]) : [];
  await render(rt.io, rt.format, {
    json: series.map((s) => ({
      meteringPointId: s.meteringPointId,
      from: s.from,
      to: s.to,
      aggregation: s.aggregation,
      points: s.points.map(pointRecord),
      gaps: s.gaps,
      warnings: s.warnings,
    })),
    rows: tableOfPoints || rt.format !== "table" ? allPoints.map(pointRecord) : periodRows,
    columns: tableOfPoints ? POINT_COLUMNS : PERIOD_COLUMNS,
    csv: (sink) => writePointsCsv(allPoints, sink, o.decimalComma ? { decimal: "," } : {}),
    after,
    ...(tableOfPoints
      ? {}
      : {
          before: [
            `${allPoints.length} points from ${period.from} to ${period.to} (to exclusive), totals per period; --format csv or ndjson gives every point.`,
          ],
        }),
  });
  for (const s of series) {
    for (const w of s.warnings) rt.io.err(`eloverblik: ${s.meteringPointId}: ${w}`);
    if (s.points.length === 0) {
      rt.io.err(
        `eloverblik: ${s.meteringPointId}: no data from ${s.from} to ${s.to} (DataHub usually lags 1–3 days).`,
      );
    }
  }
  if (chart && rt.format !== "table") rt.io.err("eloverblik: --chart is drawn only with --format table.");
  return reportFailures(rt.io, rt.errorFormat, results);
}

export async function chargesCommand(rt: Runtime, ids: string[], o: { date?: string }): Promise<ExitCode> {
  const wanted = meteringPointIds(ids);
  if (o.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.date)) {
    throw new UsageError(
      `--date must be a Danish date YYYY-MM-DD; got ${JSON.stringify(o.date.slice(0, 40))}.`,
    );
  }
  const client = await rt.client();
  const progress = rt.progress("charges");
  let results: Awaited<ReturnType<typeof client.getCharges>>;
  try {
    results = await client.getCharges(wanted, { signal: rt.signal, onProgress: progress.listener });
  } finally {
    progress.stop();
  }
  const nowMs = Date.now();
  const overviews = okData(results).map((c) =>
    chargesOverview(c, { nowMs, ...(o.date ? { date: o.date } : {}) }),
  );
  const rows = overviews.flatMap((ov) => [
    ...ov.subscriptions.map((s) => ({
      meteringPointId: ov.meteringPointId,
      kind: "subscription",
      name: s.name,
      owner: s.owner,
      price: s.monthlyDkk,
      per: "DKK/month",
      inForce: s.inForce,
      validFrom: s.validFrom,
      validTo: s.validTo,
    })),
    ...ov.fees.map((f) => ({
      meteringPointId: ov.meteringPointId,
      kind: "fee",
      name: f.name,
      owner: f.owner,
      price: f.price,
      per: "DKK",
      inForce: f.inForce,
      validFrom: f.validFrom,
      validTo: f.validTo,
    })),
    ...ov.tariffs.map((t) => ({
      meteringPointId: ov.meteringPointId,
      kind: "tariff",
      name: t.name,
      owner: t.owner,
      price: t.minPrice === t.maxPrice ? t.minPrice : `${t.minPrice}–${t.maxPrice}`,
      per: "DKK/kWh",
      inForce: t.inForce,
      validFrom: t.validFrom,
      validTo: t.validTo,
    })),
  ]);
  const after = overviews.flatMap((ov) => [
    "",
    `${ov.meteringPointId}: total tariff per hour on ${ov.date} (DKK/kWh excl. VAT), subscriptions ${ov.monthlySubscriptionsDkk} DKK/month`,
    ov.table.rows.map((r) => `${r.clock.slice(0, 5)} ${r.total.toFixed(4)}`).join("  "),
  ]);
  await render(rt.io, rt.format, {
    json: overviews,
    rows,
    columns: [
      { key: "meteringPointId", header: "metering point" },
      { key: "kind", header: "kind" },
      { key: "name", header: "name" },
      { key: "owner", header: "owner" },
      { key: "price", header: "price", align: "right" },
      { key: "per", header: "per" },
      { key: "inForce", header: "in force" },
      { key: "validFrom", header: "valid from" },
    ],
    after,
  });
  return reportFailures(rt.io, rt.errorFormat, results);
}

export async function chargeLinksCommand(rt: Runtime, ids: string[], o: PeriodOptions): Promise<ExitCode> {
  const wanted = meteringPointIds(ids);
  const period = resolvePeriod(o, Date.now(), "last-30-days");
  const client = await rt.client();
  const answer = await client.getChargeLinks(
    wanted.map((id) => ({ meteringPointId: id, from: period.from, to: period.to })),
    { signal: rt.signal },
  );
  rt.io.out(JSON.stringify(answer, null, rt.format === "ndjson" ? undefined : 2));
  return EXIT.ok;
}

export type ExportKind = "time-series" | "master-data" | "charges";

/** Energinet's own CSV exports (Customer API), written to stdout as Energinet sends them. */
export async function exportCommand(
  rt: Runtime,
  kind: string,
  ids: string[],
  o: PeriodOptions & { aggregation?: string },
): Promise<ExitCode> {
  if (kind !== "time-series" && kind !== "master-data" && kind !== "charges") {
    throw new UsageError(
      `export takes time-series, master-data or charges; got ${JSON.stringify(kind.slice(0, 40))}.`,
    );
  }
  const wanted = meteringPointIds(ids);
  if (wanted.length > 10)
    throw new UsageError("Energinet's CSV exports take at most 10 metering points per call.");
  const period = kind === "time-series" ? resolvePeriod(o, Date.now()) : undefined;
  const aggregation = kind === "time-series" ? parseAggregation(o.aggregation) : undefined;
  if ((await rt.api()) !== "customer") throw new UsageError("The CSV exports belong to the Customer API.");
  const client = await rt.client();
  const call = { signal: rt.signal };
  const csv =
    kind === "time-series"
      ? await client.exportTimeSeriesCsv(wanted, { ...period!, aggregation: aggregation!, ...call })
      : kind === "master-data"
        ? await client.exportMasterDataCsv(wanted, call)
        : await client.exportChargesCsv(wanted, call);
  rt.io.stdoutStream.write(csv.endsWith("\n") ? csv : `${csv}\n`);
  return EXIT.ok;
}

export async function relationAddCommand(
  rt: Runtime,
  ids: string[],
  o: { code?: string },
): Promise<ExitCode> {
  const wanted = meteringPointIds(ids);
  if ((await rt.api()) !== "customer") throw new UsageError("Relations belong to the Customer API.");
  if (o.code !== undefined) {
    if (wanted.length !== 1) throw new UsageError("--code links one metering point: give exactly one id.");
    const client = await rt.client();
    const answer = await client.addRelationByWebAccessCode(wanted[0]!, o.code, { signal: rt.signal });
    const rows = [{ meteringPointId: wanted[0], linked: true, answer }];
    await render(rt.io, rt.format, {
      json: rows,
      rows,
      columns: [
        { key: "meteringPointId", header: "metering point" },
        { key: "linked", header: "linked" },
      ],
    });
    return EXIT.ok;
  }
  const client = await rt.client();
  const results = await client.addRelations(wanted, { signal: rt.signal });
  const rows = results.filter((r) => r.ok).map((r) => ({ meteringPointId: r.id, linked: true }));
  await render(rt.io, rt.format, {
    json: rows,
    rows,
    columns: [
      { key: "meteringPointId", header: "metering point" },
      { key: "linked", header: "linked" },
    ],
  });
  return reportFailures(rt.io, rt.errorFormat, results);
}

export async function relationRemoveCommand(rt: Runtime, id: string): Promise<ExitCode> {
  const [wanted] = meteringPointIds([id]);
  if ((await rt.api()) !== "customer") throw new UsageError("Relations belong to the Customer API.");
  const client = await rt.client();
  const removed = await client.deleteRelation(wanted!, { signal: rt.signal });
  const rows = [{ meteringPointId: wanted, removed }];
  await render(rt.io, rt.format, {
    json: rows,
    rows,
    columns: [
      { key: "meteringPointId", header: "metering point" },
      { key: "removed", header: "removed" },
    ],
  });
  return removed ? EXIT.ok : EXIT.error;
}
