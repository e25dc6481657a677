import { isEloverblikError } from "@eloverblik-kit/client";
import { z } from "zod";
import { defineTool } from "../define-tool.js";
import { idField } from "./shared.js";

/** Energinet's code for "this relation already exists": the goal is reached, so it is no failure. */
export const RELATION_ALREADY_EXISTS = 20002;

const inputSchema = {
  metering_point_id: idField,
  web_access_code: z
    .string()
    .regex(/^[A-Za-z0-9]{8}$/, "The web access code is exactly 8 letters or digits, as printed on the bill")
    .describe("The 8-character web access code (webadgangskode) from the electricity bill"),
};

const outputSchema = {
  meteringPointId: z.string(),
  linked: z.boolean(),
  alreadyLinked: z.boolean(),
  message: z.string(),
};

export const addRelationByWebAccessCodeTool = defineTool({
  name: "add_relation_by_web_access_code",
  apis: ["customer"],
  title: "Link a metering point (web access code)",
  description:
    "Links a metering point to the token owner's Eloverblik account using the 8-character web access code from the electricity bill, so that its data can be read. Changes the account; linking an already linked metering point changes nothing.",
  inputSchema,
  outputSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async run(args, ctx, call) {
    try {
      const answer = await ctx
        .client()
        .addRelationByWebAccessCode(args.metering_point_id, args.web_access_code, call.options);
      const message = answer || "Linked.";
      return {
        structured: { meteringPointId: args.metering_point_id, linked: true, alreadyLinked: false, message },
        text: `Metering point ${args.metering_point_id} is now linked to the account. ${answer}`.trim(),
      };
    } catch (error) {
      if (isEloverblikError(error) && error.apiCode === RELATION_ALREADY_EXISTS) {
        return {
          structured: {
            meteringPointId: args.metering_point_id,
            linked: true,
            alreadyLinked: true,
            message: "The metering point was already linked.",
          },
          text: `Metering point ${args.metering_point_id} was already linked to the account; nothing changed.`,
        };
      }
      throw error;
    }
  },
});
