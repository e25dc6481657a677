import { z } from "zod";
import { defineTool, READ_ONLY } from "../define-tool.js";
import { meteringPointLine, meteringPointRow, meteringPointRowSchema } from "./metering-point-summary.js";

const inputSchema = {
  include_all: z
    .boolean()
    .optional()
    .describe(
      "Also list metering points registered to your CPR/CVR that are not linked to your Eloverblik account yet (hasRelation: false)",
    ),
};

const outputSchema = {
  meteringPoints: z.array(meteringPointRowSchema),
  count: z.number(),
};

export const listMeteringPointsTool = defineTool({
  name: "list_metering_points",
  apis: ["customer"],
  title: "List metering points",
  description:
    "Lists the metering points (electricity meters, GSRN ids) linked to the token owner's Eloverblik account, with type, native resolution, address, supplier and child metering points (e.g. the production meters of a solar installation). Start here to find the ids the other tools need.",
  inputSchema,
  outputSchema,
  annotations: READ_ONLY,
  async run(args, ctx, call) {
    const points = await ctx
      .client()
      .listMeteringPoints({ includeAll: args.include_all ?? false, ...call.options });
    const rows = points.map(meteringPointRow);
    const lines = [`${rows.length} metering point(s):`, ...rows.map(meteringPointLine)];
    if (rows.length === 0) {
      lines.push(
        "No metering points are linked. Link one with add_relation_by_web_access_code, or call this tool with include_all: true to see those registered to your CPR/CVR.",
      );
    }
    return { structured: { meteringPoints: rows, count: rows.length }, text: lines.join("\n") };
  },
});
