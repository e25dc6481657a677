import { addLocalMonths, todayInDenmark } from "@eloverblik-kit/client";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { ServerContext } from "../context.js";
import { dateField, idField } from "../tools/shared.js";

const argsSchema = {
  metering_point_id: idField
    .optional()
    .describe("The metering point to review (18 digits); leave out to choose one first"),
  from: dateField("from").optional().describe("First day, YYYY-MM-DD (default: twelve months back)"),
  to: dateField("to").optional().describe("Day after the last day, YYYY-MM-DD (default: today)"),
};

/** The review steps, written for the assistant that receives the prompt. */
export function consumptionReviewText(
  api: ServerContext["api"],
  args: { metering_point_id?: string | undefined; from?: string | undefined; to?: string | undefined },
  today: string,
): string {
  const to = args.to || today;
  const from = args.from || addLocalMonths(to, -12);
  const find =
    api === "customer"
      ? "call list_metering_points and pick the consumption metering point (typeOfMP E17); ask me if there are several"
      : "call list_authorizations, then list_authorized_metering_points, and ask me which metering point to review";
  const target = args.metering_point_id
    ? `metering point ${args.metering_point_id}`
    : `my consumption metering point (to find it, ${find})`;
  return [
    `Please review the electricity consumption of ${target} from ${from} to ${to} (Danish local days, \`to\` exclusive) using the Eloverblik tools. Work step by step:`,
    "1. Call api_status. If the token is missing or expired, stop and tell me how to create a new one (eloverblik.dk → Datadeling → Opret token).",
    "2. Call get_metering_point_details for the metering point: note its type, its resolution (PT15M or PT1H), the settlement method and whether it has child metering points such as solar production (E18 or D-codes).",
    `3. Call get_time_series with from ${from} and to ${to} (summary only, no points). Report the total, the month-by-month figures, the peak hour and the share of estimated and missing data. Say plainly if data is missing or estimated.`,
    `4. Call get_consumption_profile for the last three months of the period to see when in the day and week the electricity is used; point out the base load (the lowest hours) and the evening peak.`,
    "5. Call get_charges to see today's grid tariffs by hour, and estimate_grid_charges for the period. Always say that the estimate uses today's charges, excludes VAT and excludes the electricity price itself.",
    "6. Sum up in a few short paragraphs: how much, when, how it changed over the months, what stands out (e.g. a high base load, large peaks in expensive hours), and two or three concrete suggestions, such as moving flexible use out of the most expensive hours.",
    "Only ask for raw points (include_points) if a specific detail needs them. If a tool reports failures, mention them and carry on with what did arrive.",
  ].join("\n");
}

export function registerConsumptionReviewPrompt(server: McpServer, ctx: ServerContext): void {
  server.registerPrompt(
    "consumption_review",
    {
      title: "Consumption review",
      description:
        "Walks the assistant through a review of one metering point's consumption: data quality, totals, daily rhythm, grid charges and suggestions.",
      argsSchema,
    },
    (args) => ({
      messages: [
        {
          role: "user",
          content: { type: "text", text: consumptionReviewText(ctx.api, args, todayInDenmark(ctx.now())) },
        },
      ],
    }),
  );
}
