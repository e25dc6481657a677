import { type ElectricityCost, getElectricityCost } from "@eloverblik-kit/client/energi-data-service";
import { costNoteText, costPointsToCsv, priceRuleText } from "@eloverblik-kit/client/insights";
import { z } from "zod";
import { defineTool, READ_ONLY } from "../define-tool.js";
import { failureLines, failuresField } from "../errors.js";
import { num } from "../format.js";
import { EXPORT_TTL_MS, exportsOf } from "../resources/exports.js";
import { defaultTo } from "../time-series/fetch.js";
import { checkIds, fromField, idsField, settle, toField } from "./shared.js";

const inputSchema = {
  metering_point_ids: idsField,
  from: fromField,
  to: toField("Defaults to today, i.e. up to and including yesterday."),
  price_area: z
    .enum(["DK1", "DK2"])
    .optional()
    .describe(
      "DK1 (west: Jutland, Funen) or DK2 (east: Zealand, Bornholm); default: inferred from the postcode",
    ),
  electric_heating: z
    .boolean()
    .optional()
    .describe(
      "Only if the user says the home is electrically heated: reduced elafgift above 4,000 kWh a year",
    ),
  supplier_markup_dkk_per_kwh: z
    .number()
    .min(-10)
    .max(10)
    .optional()
    .describe("The user's supplier markup on the spot price, DKK/kWh excl. VAT (not in any public data)"),
  supplier_subscription_dkk_per_month: z
    .number()
    .min(0)
    .max(10_000)
    .optional()
    .describe("The supplier's subscription, DKK/month excl. VAT"),
  detail: z
    .enum(["summary", "days"])
    .optional()
    .describe(
      "summary (default): totals per component; days: also one row per Danish day. The hourly detail is always a CSV resource.",
    ),
};

const components = {
  kWh: z.number(),
  spotDkk: z.number(),
  gridTariffDkk: z.number(),
  transmissionTariffDkk: z.number(),
  systemTariffDkk: z.number(),
  elafgiftDkk: z.number(),
  supplierMarkupDkk: z.number(),
  subscriptionsDkk: z.number(),
  exclVatDkk: z.number(),
  vatDkk: z.number(),
  totalDkk: z.number().describe("DKK including VAT"),
};

const outputSchema = {
  from: z.string(),
  to: z.string(),
  costs: z.array(
    z.object({
      meteringPointId: z.string(),
      priceArea: z.string(),
      priceAreaInferred: z.boolean(),
      ...components,
      pricedPoints: z.number(),
      averageEnergyPriceDkkPerKwh: z.number().nullable(),
      priceRules: z.array(z.string()),
      gridCodes: z.array(z.object({ code: z.string(), note: z.string(), costDkk: z.number() })),
      subscriptions: z.array(z.object({ name: z.string(), costDkk: z.number() })),
      days: z.array(z.object({ date: z.string(), ...components })).optional(),
      hourlyDetailUri: z.string().optional(),
      notes: z.array(z.string()),
    }),
  ),
  failures: failuresField,
};

function costText(c: ElectricityCost, uri: string | undefined): string[] {
  const lines = [
    `${c.meteringPointId} (${c.priceArea.area}${c.priceArea.source === "postcode" ? ", inferred" : ""}): ${num(c.totalDkk, 2)} DKK incl. VAT for ${num(c.kWh)} kWh` +
      (c.averageEnergyPriceDkkPerKwh === null
        ? ""
        : ` (energy ${num(c.averageEnergyPriceDkkPerKwh, 4)} DKK/kWh incl. VAT)`),
    `  spot ${num(c.spotDkk, 2)} + grid tariff ${num(c.gridTariffDkk, 2)} + Energinet ${num(c.transmissionTariffDkk + c.systemTariffDkk, 2)} + elafgift ${num(c.elafgiftDkk, 2)} + supplier markup ${num(c.supplierMarkupDkk, 2)} + subscriptions ${num(c.subscriptionsDkk, 2)} = ${num(c.exclVatDkk, 2)} excl. VAT, VAT ${num(c.vatDkk, 2)}`,
    ...c.rules.price.map((r) => `  rule: ${priceRuleText(r)}`),
    ...c.notes.map((n) => `  note: ${costNoteText(n)}`),
  ];
  if (uri) lines.push(`  hourly detail: ${uri} (CSV, readable for ${EXPORT_TTL_MS / 60_000} minutes)`);
  return lines;
}

export const getElectricityCostTool = defineTool({
  name: "get_electricity_cost",
  apis: ["customer", "thirdparty"],
  title: "What electricity really cost",
  description:
    "What the electricity of a period really cost, hour by hour: metered consumption × (the day-ahead spot price of the price area + the grid tariffs valid at that hour, from Energi Data Service's price history + Energinet's tariffs + elafgift + an optional supplier markup), VAT 25 %, plus subscriptions. Totals per component (and per day with detail=days); the hourly detail as a CSV resource. Supplier terms are the user's input.",
  inputSchema,
  outputSchema,
  annotations: { ...READ_ONLY, openWorldHint: true },
  async run(args, ctx, call) {
    const ids = checkIds(args.metering_point_ids);
    const to = args.to ?? defaultTo(ctx);
    const supplier =
      args.supplier_markup_dkk_per_kwh === undefined && args.supplier_subscription_dkk_per_month === undefined
        ? undefined
        : {
            ...(args.supplier_markup_dkk_per_kwh === undefined
              ? {}
              : { markupDkkPerKwh: args.supplier_markup_dkk_per_kwh }),
            ...(args.supplier_subscription_dkk_per_month === undefined
              ? {}
              : { subscriptionDkkPerMonth: args.supplier_subscription_dkk_per_month }),
          };
    const results = await getElectricityCost(ctx.client(), ctx.eds(), ids, {
      from: args.from,
      to,
      includePoints: true,
      ...(args.price_area ? { priceArea: args.price_area } : {}),
      ...(args.electric_heating === undefined ? {} : { electricHeating: args.electric_heating }),
      ...(supplier ? { supplier } : {}),
      ...(call.options.signal ? { signal: call.options.signal } : {}),
    });
    const links: Array<{
      type: "resource_link";
      uri: string;
      name: string;
      title: string;
      mimeType: string;
      size: number;
    }> = [];
    const texts: string[] = [];
    const { results: costs, failures } = settle(results, ctx, (c) => {
      const csv = costPointsToCsv(c.points ?? []);
      const name = `electricity-cost-${c.meteringPointId}-${c.from}-${c.to}.csv`;
      const stored = exportsOf(ctx).put(
        csv,
        { name, title: `Electricity cost by hour ${c.from} to ${c.to}, ${c.meteringPointId}` },
        ctx.now(),
      );
      links.push({
        type: "resource_link",
        uri: stored.uri,
        name,
        title: `Hourly cost ${c.meteringPointId}`,
        mimeType: "text/csv",
        size: csv.length,
      });
      texts.push(...costText(c, stored.uri));
      const pick = (x: typeof c | (typeof c.days)[number]) => ({
        kWh: x.kWh,
        spotDkk: x.spotDkk,
        gridTariffDkk: x.gridTariffDkk,
        transmissionTariffDkk: x.transmissionTariffDkk,
        systemTariffDkk: x.systemTariffDkk,
        elafgiftDkk: x.elafgiftDkk,
        supplierMarkupDkk: x.supplierMarkupDkk,
        subscriptionsDkk: x.subscriptionsDkk,
        exclVatDkk: x.exclVatDkk,
        vatDkk: x.vatDkk,
        totalDkk: x.totalDkk,
      });
      return {
        meteringPointId: c.meteringPointId,
        priceArea: c.priceArea.area,
        priceAreaInferred: c.priceArea.source === "postcode",
        ...pick(c),
        pricedPoints: c.pricedPoints,
        averageEnergyPriceDkkPerKwh: c.averageEnergyPriceDkkPerKwh,
        priceRules: c.rules.price,
        gridCodes: c.gridCodes.map((g) => ({ code: g.code, note: g.note, costDkk: g.costDkk })),
        subscriptions: c.subscriptions.map((s) => ({ name: s.name, costDkk: s.costDkk })),
        ...(args.detail === "days" ? { days: c.days.map((d) => ({ date: d.date, ...pick(d) })) } : {}),
        hourlyDetailUri: stored.uri,
        notes: c.notes.map(costNoteText),
      };
    });
    return {
      structured: { from: args.from, to, costs, failures },
      text: [
        `Electricity cost ${args.from} to ${to} (to exclusive), DKK.`,
        ...texts,
        ...failureLines(failures),
      ].join("\n"),
      content: links,
      isError: costs.length === 0 && failures.length > 0,
    };
  },
});
