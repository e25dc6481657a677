import {
  type Charge,
  type NormalizedChargesResult,
  type Tariff,
  todayInDenmark,
} from "@eloverblik-kit/client";
import { z } from "zod";
import { currentTariffs } from "../charges/estimate.js";
import { monthlyAmount } from "../charges/monthly.js";
import { hourlyTariffs, hourlyTariffText } from "../charges/today-table.js";
import { defineTool, READ_ONLY } from "../define-tool.js";
import { failureLines, failuresField } from "../errors.js";
import { localDate, num } from "../format.js";
import { checkIds, idsField, settle } from "./shared.js";

const inputSchema = { metering_point_ids: idsField };

const chargeSchema = z.object({
  name: z.string(),
  owner: z.string().describe("GLN of the company that sets the charge"),
  priceId: z.string().nullable(),
  periodType: z.string().nullable().describe("P1M per month, P1D per day"),
  price: z.number().nullable().describe("DKK excluding VAT"),
  quantity: z.number().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  inForceToday: z.boolean(),
});

const tariffSchema = z.object({
  name: z.string(),
  owner: z.string(),
  priceId: z.string().nullable(),
  periodType: z.string().nullable().describe("P1D one price all day, PT1H 24 hourly prices, PT15M 96"),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  inForceToday: z.boolean(),
  prices: z
    .array(z.object({ position: z.number(), price: z.number() }))
    .describe("DKK per kWh excluding VAT; position 1 = 00:00 Danish time"),
});

const outputSchema = {
  date: z.string().describe("Today in Denmark"),
  results: z.array(
    z.object({
      meteringPointId: z.string(),
      subscriptions: z.array(chargeSchema),
      fees: z.array(chargeSchema),
      tariffs: z.array(tariffSchema),
      monthlySubscriptionsDkk: z
        .number()
        .describe("Subscriptions in force today, per month (daily ones × 30.44), DKK excl. VAT"),
      todayByHour: z
        .array(
          z.object({
            hour: z.string(),
            start: z.string(),
            total: z.number(),
            min: z.number().optional(),
            max: z.number().optional(),
          }),
        )
        .describe("Sum of the tariffs in force, per hour of today, DKK per kWh excluding VAT"),
      warnings: z.array(z.string()),
    }),
  ),
  failures: failuresField,
};

function inForce(c: { validFrom: string | null; validTo: string | null }, nowMs: number): boolean {
  return (
    (c.validFrom === null || Date.parse(c.validFrom) <= nowMs) &&
    (c.validTo === null || nowMs < Date.parse(c.validTo))
  );
}

function chargeRow(c: Charge, nowMs: number) {
  return {
    name: c.name,
    owner: c.owner,
    priceId: c.priceId,
    periodType: c.periodType,
    price: c.price,
    quantity: c.quantity,
    validFrom: c.validFrom,
    validTo: c.validTo,
    inForceToday: inForce(c, nowMs),
  };
}

function tariffRow(t: Tariff, nowMs: number) {
  return {
    name: t.name,
    owner: t.owner,
    priceId: t.priceId,
    periodType: t.periodType,
    validFrom: t.validFrom,
    validTo: t.validTo,
    inForceToday: inForce(t, nowMs),
    prices: t.prices,
  };
}

function tariffLine(t: ReturnType<typeof tariffRow>): string {
  const values = t.prices.map((p) => p.price);
  const range =
    values.length === 0
      ? "no prices"
      : Math.min(...values) === Math.max(...values)
        ? `${num(values[0], 5)} DKK/kWh`
        : `${num(Math.min(...values), 5)}–${num(Math.max(...values), 5)} DKK/kWh`;
  const when = t.inForceToday ? "" : ` (from ${localDate(t.validFrom)})`;
  return `  tariff ${t.name} [${t.periodType ?? "?"}]: ${range}${when}`;
}

export const getChargesTool = defineTool({
  name: "get_charges",
  apis: ["customer", "thirdparty"],
  title: "Charges and tariffs",
  description:
    "Current and announced grid charges for up to 10 metering points: subscriptions (per month), fees and tariffs (per kWh, flat or by hour/quarter of the day), normalised, in DKK excluding VAT, plus today's total tariff for each hour as a table. Eloverblik gives no price history. The Third Party API has no fees.",
  inputSchema,
  outputSchema,
  annotations: READ_ONLY,
  async run(args, ctx, call) {
    const ids = checkIds(args.metering_point_ids);
    const nowMs = ctx.now();
    const today = todayInDenmark(nowMs);
    const results = await ctx.client().getCharges(ids, call.options);
    const settled = settle(results, ctx, (charges: NormalizedChargesResult, id) => {
      const current = { tariffs: currentTariffs(charges, nowMs) };
      const monthly = charges.subscriptions
        .filter((s) => inForce(s, nowMs))
        .reduce((sum, s) => sum + monthlyAmount(s), 0);
      return {
        meteringPointId: charges.meteringPointId || id,
        subscriptions: charges.subscriptions.map((c) => chargeRow(c, nowMs)),
        fees: charges.fees.map((c) => chargeRow(c, nowMs)),
        tariffs: charges.tariffs.map((t) => tariffRow(t, nowMs)),
        monthlySubscriptionsDkk: Math.round(monthly * 100) / 100,
        todayByHour: hourlyTariffs(current, today),
        warnings: charges.warnings,
      };
    });
    const lines: string[] = [`Charges in DKK excluding VAT, today ${today} (Danish time):`];
    for (const r of settled.results) {
      lines.push(`${r.meteringPointId}: subscriptions ${num(r.monthlySubscriptionsDkk, 2)} DKK/month`);
      for (const s of r.subscriptions) {
        lines.push(
          `  subscription ${s.name}: ${num(s.price, 2)} × ${s.quantity ?? 1} [${s.periodType ?? "?"}]${s.inForceToday ? "" : ` (from ${localDate(s.validFrom)})`}`,
        );
      }
      for (const f of r.fees) lines.push(`  fee ${f.name}: ${num(f.price, 2)}`);
      for (const t of r.tariffs) lines.push(tariffLine(t));
      lines.push(`  total tariff today, DKK/kWh: ${hourlyTariffText(r.todayByHour)}`);
      for (const w of r.warnings.slice(0, 3)) lines.push(`  note: ${w}`);
    }
    lines.push(...failureLines(settled.failures));
    return {
      structured: { date: today, ...settled },
      text: lines.join("\n"),
      isError: settled.results.length === 0 && settled.failures.length > 0,
    };
  },
});
