import { z } from "zod";
import { defineTool } from "../define-tool.js";
import { type Failure, failureLines, failuresField } from "../errors.js";
import { RELATION_ALREADY_EXISTS } from "./add-relation-by-web-access-code.js";
import { checkIds, failureFor, idsField } from "./shared.js";

const inputSchema = { metering_point_ids: idsField };

const outputSchema = {
  results: z.array(
    z.object({
      meteringPointId: z.string(),
      linked: z.boolean(),
      alreadyLinked: z.boolean(),
      message: z.string(),
    }),
  ),
  failures: failuresField,
};

export const addRelationsByCprTool = defineTool({
  name: "add_relations_by_cpr",
  apis: ["customer"],
  title: "Link metering points (CPR/CVR)",
  description:
    "Links metering points that DataHub has registered to the token owner's CPR or CVR number (find them with list_metering_points include_all: true, where hasRelation is false). For private persons DataHub needs CPR consent and the name must match. Changes the account; already linked metering points are reported as such.",
  inputSchema,
  outputSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(args, ctx, call) {
    const ids = checkIds(args.metering_point_ids);
    const answers = await ctx.client().addRelations(ids, call.options);
    const results: z.infer<typeof outputSchema.results> = [];
    const failures: Failure[] = [];
    for (const r of answers) {
      if (r.ok) {
        results.push({
          meteringPointId: r.id,
          linked: true,
          alreadyLinked: false,
          message: r.data || "Linked.",
        });
      } else if (r.error.apiCode === RELATION_ALREADY_EXISTS) {
        results.push({
          meteringPointId: r.id,
          linked: true,
          alreadyLinked: true,
          message: "Already linked.",
        });
      } else failures.push(failureFor(ctx, r.id, r.error));
    }
    const lines = [
      ...results.map((r) => `- ${r.meteringPointId}: ${r.alreadyLinked ? "already linked" : "linked"}`),
      ...failureLines(failures),
    ];
    return {
      structured: { results, failures },
      text: lines.join("\n"),
      isError: results.length === 0 && failures.length > 0,
    };
  },
});
