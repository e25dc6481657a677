import { z } from "zod";
import { defineTool } from "../define-tool.js";
import { idField } from "./shared.js";

const inputSchema = { metering_point_id: idField };

const outputSchema = {
  meteringPointId: z.string(),
  deleted: z.boolean().describe("Eloverblik's answer; false when the user declined"),
  declined: z.boolean().optional().describe("The user declined when asked; nothing changed"),
};

export const deleteRelationTool = defineTool({
  name: "delete_relation",
  apis: ["customer"],
  title: "Unlink a metering point",
  description:
    "Removes the link between a metering point and the token owner's Eloverblik account: its data can no longer be read until it is linked again (with the web access code or by CPR/CVR). The server asks the user to confirm where the host supports it; otherwise ask the user first.",
  inputSchema,
  outputSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  async run(args, ctx, call) {
    const id = args.metering_point_id;
    const client = ctx.client();
    if (call.confirm) {
      const answer = await call.confirm(
        `Unlink metering point ${id} from your Eloverblik account? Its data can no longer be read until it is linked again (with the web access code from the bill, or by CPR/CVR).`,
      );
      if (answer === "declined") {
        return {
          structured: { meteringPointId: id, deleted: false, declined: true },
          text: `The user did not confirm: metering point ${id} stays linked and nothing changed.`,
        };
      }
    }
    const deleted = await client.deleteRelation(id, call.options);
    return {
      structured: { meteringPointId: id, deleted },
      text: deleted
        ? `Metering point ${id} is no longer linked to the account.`
        : `Eloverblik answered false: the link to ${id} was not removed.`,
      isError: !deleted,
    };
  },
});
