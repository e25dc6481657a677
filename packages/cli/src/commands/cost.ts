import type { ElectricityCost } from "@eloverblik-kit/client/energi-data-service";
import { getElectricityCost } from "@eloverblik-kit/client/energi-data-service";
import { costNoteText, costPointsToCsv, danishDay, priceRuleText } from "@eloverblik-kit/client/insights";
import { terminalChart } from "../chart.js";
import { EXIT, type ExitCode, UsageError } from "../exit-codes.js";
import { meteringPointIds, type PeriodOptions, resolvePeriod } from "../inputs.js";
import { render } from "../output.js";
import { reportFailures } from "../problems.js";
import type { Runtime } from "../runtime.js";
import { reportIds } from "./report.js";

export interface CostOptions extends PeriodOptions {
  priceArea?: string;
  electricHeating?: boolean;
  yearToDate?: string;
  markup?: string;
  supplierSubscription?: string;
  hourly?: boolean;
  chart?: boolean;
}

function money(value: string | undefined, option: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().replace(",", ".");
  if (!/^-?\d{1,6}(\.\d{1,6})?$/.test(v) || Math.abs(Number(v)) > max) {
    throw new UsageError(
      `${option} must be a number of DKK (excl. VAT) such as 0.05; got ${JSON.stringify(value.slice(0, 40))}.`,
    );
  }
  return Number(v);
}

function priceArea(value: string | undefined): "DK1" | "DK2" | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toUpperCase();
  if (v !== "DK1" && v !== "DK2")
    throw new UsageError(`--price-area must be DK1 or DK2; got ${JSON.stringify(value.slice(0, 20))}.`);
  return v;
}

const fixed = (v: number) => v.toFixed(2);

/** What electricity cost per Danish day (and in all) for each metering point, with a chart. */
export async function costCommand(rt: Runtime, ids: string[], o: CostOptions): Promise<ExitCode> {
  const period = resolvePeriod(o, Date.now(), "last-30-days");
  const area = priceArea(o.priceArea);
  const markup = money(o.markup, "--markup", 10);
  const subscription = money(o.supplierSubscription, "--supplier-subscription", 10_000);
  const yearToDate = money(o.yearToDate, "--year-to-date", 1_000_000);
  if (yearToDate !== undefined && !o.electricHeating)
    throw new UsageError("--year-to-date counts towards reduced elafgift: it needs --electric-heating.");
  const wanted = ids.length > 0 ? meteringPointIds(ids) : await reportIds(rt);
  if (wanted.length === 0) {
    rt.io.err("eloverblik: no metering points: give ids, or link one with `eloverblik relation add`.");
    return EXIT.ok;
  }
  const [client, eds] = [await rt.client(), await rt.eds()];
  const supplier =
    markup === undefined && subscription === undefined
      ? undefined
      : {
          ...(markup === undefined ? {} : { markupDkkPerKwh: markup }),
          ...(subscription === undefined ? {} : { subscriptionDkkPerMonth: subscription }),
        };
  const progress = rt.progress("cost");
  let results: Awaited<ReturnType<typeof getElectricityCost>>;
  try {
    results = await getElectricityCost(client, eds, wanted, {
      ...period,
      includePoints: o.hourly === true,
      ...(area ? { priceArea: area } : {}),
      ...(o.electricHeating ? { electricHeating: true } : {}),
      ...(yearToDate === undefined ? {} : { yearToDateKwh: yearToDate }),
      ...(supplier ? { supplier } : {}),
      signal: rt.signal,
    });
  } finally {
    progress.stop();
  }
  const costs = results.flatMap((r) => (r.ok ? [r.data] : []));
  if (o.hourly && rt.format === "csv") {
    for (const c of costs) rt.io.out(costPointsToCsv(c.points ?? []).trimEnd());
    return reportFailures(rt.io, rt.errorFormat, results);
  }
  const rows = costs.flatMap((c) =>
    c.days.map((d) => ({
      meteringPointId: c.meteringPointId,
      date: d.date,
      dst: danishDay(d.date).change?.kind ?? null,
      kWh: d.kWh,
      spot: fixed(d.spotDkk),
      grid: fixed(d.gridTariffDkk),
      energinet: fixed(d.transmissionTariffDkk + d.systemTariffDkk),
      elafgift: fixed(d.elafgiftDkk),
      markup: fixed(d.supplierMarkupDkk),
      subscriptions: fixed(d.subscriptionsDkk),
      vat: fixed(d.vatDkk),
      total: fixed(d.totalDkk),
      unpriced: d.unpricedPoints,
    })),
  );
  const color = rt.io.stdoutIsTTY && !rt.env.NO_COLOR;
  const after = costs.flatMap((c) => [
    "",
    summaryLine(c),
    ...c.rules.price.map((r) => `  rule: ${priceRuleText(r)}`),
    ...c.notes.map((n) => `  note: ${costNoteText(n)}`),
    ...(o.chart === false
      ? []
      : terminalChart(
          c.days.map((d) => d.totalDkk),
          {
            title: `${c.meteringPointId}: DKK incl. VAT per day`,
            firstLabel: c.days[0]?.date ?? "",
            lastLabel: c.days.at(-1)?.date ?? "",
            columns: rt.io.columns,
            color,
          },
        )),
  ]);
  await render(rt.io, rt.format, {
    json: { from: period.from, to: period.to, costs },
    rows,
    columns: [
      { key: "meteringPointId", header: "metering point" },
      { key: "date", header: "date" },
      { key: "kWh", header: "kWh", align: "right" },
      { key: "spot", header: "spot", align: "right" },
      { key: "grid", header: "grid", align: "right" },
      { key: "energinet", header: "energinet", align: "right" },
      { key: "elafgift", header: "elafgift", align: "right" },
      { key: "markup", header: "markup", align: "right" },
      { key: "subscriptions", header: "subscr.", align: "right" },
      { key: "vat", header: "VAT", align: "right" },
      { key: "total", header: "total", align: "right" },
      { key: "unpriced", header: "unpriced", align: "right" },
      { key: "dst", header: "clock change" },
    ],
    before: [
      `Electricity cost ${period.from} to ${period.to} (Danish days, to exclusive), DKK (components excl. VAT, total incl. VAT)${rt.simulator ? ", simulator data" : ""}:`,
    ],
    after,
  });
  return reportFailures(rt.io, rt.errorFormat, results);
}

function summaryLine(c: ElectricityCost): string {
  const area = `${c.priceArea.area}${c.priceArea.source === "postcode" ? " (inferred)" : ""}`;
  return `${c.meteringPointId}, ${area}: ${fixed(c.totalDkk)} DKK incl. VAT for ${c.kWh} kWh = spot ${fixed(c.spotDkk)} + grid ${fixed(c.gridTariffDkk)} + Energinet ${fixed(c.transmissionTariffDkk + c.systemTariffDkk)} + elafgift ${fixed(c.elafgiftDkk)} + markup ${fixed(c.supplierMarkupDkk)} + subscriptions ${fixed(c.subscriptionsDkk)} + VAT ${fixed(c.vatDkk)}`;
}
