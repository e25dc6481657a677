import { formatAddress, meteringPointTypeLabel } from "@eloverblik-kit/client/insights";
import { z } from "zod";
import { defineTool, READ_ONLY } from "../define-tool.js";
import { failureLines, failuresField } from "../errors.js";
import { checkIds, compact, idsField, passthroughRecord, settle } from "./shared.js";

const inputSchema = { metering_point_ids: idsField };

const outputSchema = {
  results: z
    .array(passthroughRecord)
    .describe("Master data per metering point as Eloverblik names it, empty fields left out"),
  failures: failuresField,
};

function str(record: Record<string, unknown>, key: string): string | undefined {
  const v = record[key];
  return typeof v === "string" && v !== "" ? v : undefined;
}

function detailLine(d: Record<string, unknown>): string {
  const bits: string[] = [];
  const type = str(d, "typeOfMP");
  if (type) bits.push(`${meteringPointTypeLabel(type)} (${type})`);
  const occurrence = str(d, "meterReadingOccurrence");
  if (occurrence) bits.push(`reads ${occurrence}`);
  const settlement = str(d, "settlementMethod");
  if (settlement) bits.push(`settlement ${settlement}`);
  const status = str(d, "physicalStatusOfMP");
  if (status) bits.push(`status ${status}`);
  const grid = str(d, "gridOperatorName") ?? str(d, "gridOperatorID");
  if (grid) bits.push(`grid ${grid}`);
  const supplier = str(d, "balanceSupplierName");
  if (supplier) bits.push(`supplier ${supplier}`);
  const address = formatAddress(d);
  if (address) bits.push(address);
  const net = str(d, "netSettlementGroup");
  if (net && net !== "0") bits.push(`net settlement group ${net}`);
  const parent = str(d, "parentMeteringPointId");
  if (parent) bits.push(`child of ${parent}`);
  return `- ${str(d, "meteringPointId") ?? "?"}: ${bits.join("; ")}`;
}

export const getMeteringPointDetailsTool = defineTool({
  name: "get_metering_point_details",
  apis: ["customer", "thirdparty"],
  title: "Metering point details",
  description:
    "Master data for up to 10 metering points: type (E17 consumption, E18 production), native resolution (meterReadingOccurrence PT15M/PT1H), settlement method, grid company, supplier, address, net settlement group, parent and child metering points.",
  inputSchema,
  outputSchema,
  annotations: READ_ONLY,
  async run(args, ctx, call) {
    const ids = checkIds(args.metering_point_ids);
    const results = await ctx.client().getDetails(ids, call.options);
    const { results: details, failures } = settle(results, ctx, (data, id) => {
      const record = compact(data as object);
      if (!record.meteringPointId) record.meteringPointId = id;
      return record;
    });
    const lines = [...details.map(detailLine), ...failureLines(failures)];
    return {
      structured: { results: details, failures },
      text: lines.join("\n"),
      isError: details.length === 0 && failures.length > 0,
    };
  },
});
