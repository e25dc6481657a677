import { z } from "zod";
import { defineTool, READ_ONLY } from "../define-tool.js";
import { localDate } from "../format.js";
import { compact } from "./shared.js";

const inputSchema = {};

const outputSchema = {
  authorizations: z
    .array(
      z
        .object({
          id: z.string().optional().describe("Use as identifier with scope authorizationId"),
          customerName: z.string().optional(),
          customerCVR: z.string().optional(),
          customerKey: z.string().optional(),
          validFrom: z.string().optional(),
          validTo: z.string().optional(),
          includeFutureMeteringPoints: z.boolean().optional(),
        })
        .passthrough(),
    )
    .describe("Active authorizations (fuldmagter) given to this third party"),
  count: z.number(),
};

const dateOf = (value: unknown) => localDate(typeof value === "string" ? value : undefined, "…");

export const listAuthorizationsTool = defineTool({
  name: "list_authorizations",
  apis: ["thirdparty"],
  title: "List authorizations",
  description:
    "Lists the active authorizations customers have given this third party: customer name, CVR or customer key, validity and the authorization id. Use an id, CVR or key with list_authorized_metering_points.",
  inputSchema,
  outputSchema,
  annotations: READ_ONLY,
  async run(_args, ctx, call) {
    const authorizations = (await ctx.client().listAuthorizations(call.options)).map((a) => compact(a));
    const lines = [`${authorizations.length} active authorization(s):`];
    for (const a of authorizations) {
      const who = [
        a.customerName,
        a.customerCVR ? `CVR ${a.customerCVR}` : a.customerKey ? `key ${a.customerKey}` : "",
      ]
        .filter(Boolean)
        .join(", ");
      lines.push(
        `- ${String(a.id ?? "?")}: ${who || "unnamed customer"}; valid ${dateOf(a.validFrom)} to ${dateOf(a.validTo)} (Danish dates)`,
      );
    }
    return { structured: { authorizations, count: authorizations.length }, text: lines.join("\n") };
  },
});
