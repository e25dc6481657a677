import {
  addLocalDays,
  EloverblikError,
  isValidLocalDate,
  type NormalizedChargesResult,
  todayInDenmark,
} from "@eloverblik-kit/client";
import { type ChargesOverview, chargesOverview } from "@eloverblik-kit/client/insights";
import { z } from "zod";
import { tariffTableText } from "../charges/today-table.js";
import { defineTool, READ_ONLY } from "../define-tool.js";
import { failureLines, failuresField } from "../errors.js";
import { clockChangeNote, localDate, num } from "../format.js";
import { checkIds, dateField, idsField, settle } from "./shared.js";

const inputSchema = {
  metering_point_ids: idsField,
  date: dateField("date")
    .optional()
    .describe(
      "Day of the hourly tariff table, Danish local date YYYY-MM-DD: today (default), tomorrow or later (announced tariffs count from their start)",
    ),
};

const chargeFields = {
  name: z.string(),
  owner: z.string().describe("GLN of the company that sets the charge"),
  priceId: z.string().nullable(),
  periodType: z.string().nullable().describe("P1M per month, P1D per day"),
  price: z.number().nullable().describe("DKK excluding VAT"),
  quantity: z.number().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  inForceToday: z.boolean(),
};

const tariffSchema = z.object({
  name: z.string(),
  owner: z.string(),
  priceId: z.string().nullable(),
  periodType: z.string().nullable().describe("P1D one price all day, PT1H 24 hourly prices, PT15M 96"),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  inForceToday: z.boolean(),
  minPrice: z.number().nullable(),
  maxPrice: z.number().nullable(),
  prices: z
    .array(z.object({ position: z.number(), price: z.number() }))
    .describe("DKK per kWh excluding VAT; position 1 = 00:00 Danish time"),
});

const outputSchema = {
  today: z.string().describe("Today in Denmark: what is in force"),
  date: z.string().describe("The day of byHour"),
  results: z.array(
    z.object({
      meteringPointId: z.string(),
      subscriptions: z.array(z.object({ ...chargeFields, monthlyDkk: z.number() })),
      fees: z.array(z.object(chargeFields)),
      tariffs: z.array(tariffSchema),
      monthlySubscriptionsDkk: z
        .number()
        .describe("Subscriptions in force today, per month (daily ones × 30.44), DKK excl. VAT"),
      hours: z.number().describe("Hours of `date`: 23 or 25 on a day with a clock change"),
      byHour: z
        .array(
          z.object({
            clock: z.string().describe("Danish time; the repeated October hour carries its offset"),
            start: z.string(),
            total: z.number(),
            min: z.number().optional(),
            max: z.number().optional(),
          }),
        )
        .describe("Sum of the tariffs in force per hour of `date`, DKK/kWh excl. VAT"),
      warnings: z.array(z.string()),
    }),
  ),
  failures: failuresField,
};

type Result = z.infer<z.ZodObject<typeof outputSchema>>["results"][number];

/** What the tool shows of the client's overview: the same figures, under the tool's names. */
function resultOf(o: ChargesOverview, id: string): Result {
  const charge = (c: ChargesOverview["fees"][number]) => ({
    name: c.name,
    owner: c.owner,
    priceId: c.priceId,
    periodType: c.periodType,
    price: c.price,
    quantity: c.quantity,
    validFrom: c.validFrom,
    validTo: c.validTo,
    inForceToday: c.inForce,
  });
  const warnings = [...o.warnings];
  for (const s of o.table.skipped) warnings.push(`Tariff "${s.name}" could not be priced: ${s.reason}.`);
  return {
    meteringPointId: o.meteringPointId || id,
    subscriptions: o.subscriptions.map((c) => ({ ...charge(c), monthlyDkk: c.monthlyDkk })),
    fees: o.fees.map(charge),
    tariffs: o.tariffs.map((t) => ({
      name: t.name,
      owner: t.owner,
      priceId: t.priceId,
      periodType: t.periodType,
      validFrom: t.validFrom,
      validTo: t.validTo,
      inForceToday: t.inForce,
      minPrice: t.minPrice,
      maxPrice: t.maxPrice,
      prices: t.prices,
    })),
    monthlySubscriptionsDkk: o.monthlySubscriptionsDkk,
    hours: o.table.hours,
    byHour: o.table.rows.map(({ end: _end, ...row }) => row),
    warnings,
  };
}

function tariffLine(t: Result["tariffs"][number]): string {
  const range =
    t.minPrice === null || t.maxPrice === null
      ? "no prices"
      : t.minPrice === t.maxPrice
        ? `${num(t.minPrice, 5)} DKK/kWh`
        : `${num(t.minPrice, 5)}–${num(t.maxPrice, 5)} DKK/kWh`;
  const when = t.inForceToday ? "" : ` (from ${localDate(t.validFrom)})`;
  return `  tariff ${t.name} [${t.periodType ?? "?"}]: ${range}${when}`;
}

/** The day asked for, checked: any real date from today on (Eloverblik serves no past prices). */
function tableDate(date: string | undefined, today: string): string {
  if (date === undefined) return today;
  if (!isValidLocalDate(date)) {
    throw new EloverblikError({
      code: "INVALID_INPUT",
      message: `\`date\` (${date}) is not a real date; write a Danish local date as YYYY-MM-DD.`,
    });
  }
  if (date < today) {
    throw new EloverblikError({
      code: "INVALID_INPUT",
      message: `\`date\` (${date}) is before today (${today}): Eloverblik serves today's and announced charges only, no price history.`,
      hint: `Ask for today or a later day; to price past consumption at today's tariffs use estimate_grid_charges.`,
    });
  }
  return date;
}

function dayName(date: string, today: string): string {
  if (date === today) return "today";
  if (date === addLocalDays(today, 1)) return `tomorrow (${date})`;
  return `on ${date}`;
}

export const getChargesTool = defineTool({
  name: "get_charges",
  apis: ["customer", "thirdparty"],
  title: "Charges and tariffs",
  description:
    "Current and announced grid charges for up to 10 metering points: subscriptions (per month), fees and tariffs (per kWh, flat or by hour/quarter of the day), normalised, in DKK excluding VAT, plus the total tariff for each hour of one day as a table: today, or `date` (e.g. tomorrow). Eloverblik gives no price history. The Third Party API has no fees.",
  inputSchema,
  outputSchema,
  annotations: READ_ONLY,
  async run(args, ctx, call) {
    const ids = checkIds(args.metering_point_ids);
    const nowMs = ctx.now();
    const today = todayInDenmark(nowMs);
    const date = tableDate(args.date, today);
    const results = await ctx.client().getCharges(ids, call.options);
    const settled = settle(results, ctx, (charges: NormalizedChargesResult, id) => {
      const overview = chargesOverview(charges, { nowMs, date, offset: "ambiguous" });
      return { result: resultOf(overview, id), runs: tariffTableText(overview.table.rows) };
    });
    const lines: string[] = [`Charges in DKK excluding VAT, today ${today} (Danish time):`];
    const clockChange = clockChangeNote(date);
    for (const { result: r, runs } of settled.results) {
      lines.push(`${r.meteringPointId}: subscriptions ${num(r.monthlySubscriptionsDkk, 2)} DKK/month`);
      for (const s of r.subscriptions) {
        lines.push(
          `  subscription ${s.name}: ${num(s.price, 2)} × ${s.quantity ?? 1} [${s.periodType ?? "?"}]${s.inForceToday ? "" : ` (from ${localDate(s.validFrom)})`}`,
        );
      }
      for (const f of r.fees) lines.push(`  fee ${f.name}: ${num(f.price, 2)}`);
      for (const t of r.tariffs) lines.push(tariffLine(t));
      lines.push(`  total tariff ${dayName(date, today)}, DKK/kWh: ${runs}`);
      if (clockChange) lines.push(`  note: ${clockChange}`);
      for (const w of r.warnings.slice(0, 3)) lines.push(`  note: ${w}`);
    }
    lines.push(...failureLines(settled.failures));
    return {
      structured: { today, date, results: settled.results.map((x) => x.result), failures: settled.failures },
      text: lines.join("\n"),
      isError: settled.results.length === 0 && settled.failures.length > 0,
    };
  },
});
