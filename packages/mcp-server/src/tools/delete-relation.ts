import { z } from "zod";
import { defineTool } from "../define-tool.js";
import { idField } from "./shared.js";

const inputSchema = { metering_point_id: idField };

const outputSchema = {
  meteringPointId: z.string(),
  deleted: z.boolean().describe("Eloverblik's answer"),
};

export const deleteRelationTool = defineTool({
  name: "delete_relation",
  apis: ["customer"],
  title: "Unlink a metering point",
  description:
    "Removes the link between a metering point and the token owner's Eloverblik account: its data can no longer be read until it is linked again (with the web access code or by CPR/CVR). Ask the user to confirm first.",
  inputSchema,
  outputSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  async run(args, ctx) {
    const deleted = await ctx.client().deleteRelation(args.metering_point_id);
    return {
      structured: { meteringPointId: args.metering_point_id, deleted },
      text: deleted
        ? `Metering point ${args.metering_point_id} is no longer linked to the account.`
        : `Eloverblik answered false: the link to ${args.metering_point_id} was not removed.`,
      isError: !deleted,
    };
  },
});
