import { z } from "zod";
import { defineTool, READ_ONLY } from "../define-tool.js";
import { meteringPointLine, meteringPointRow, meteringPointRowSchema } from "./metering-point-summary.js";

const MAX_PAGE_SIZE = 200;

const inputSchema = {
  scope: z
    .enum(["authorizationId", "customerCVR", "customerKey"])
    .describe("What `identifier` is: an authorization id, a customer's CVR number or a customer key"),
  identifier: z
    .string()
    .min(1)
    .describe("The authorization id, CVR (8 digits) or customer key from list_authorizations"),
  ids_only: z
    .boolean()
    .optional()
    .describe("Only the ids (a cheaper call that also works for customers with very many metering points)"),
  page: z.number().int().min(1).optional().describe("Page, from 1"),
  page_size: z
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .optional()
    .describe(`Metering points per page, default and at most ${MAX_PAGE_SIZE}`),
};

const outputSchema = {
  scope: z.string(),
  identifier: z.string(),
  meteringPointIds: z.array(z.string()).optional(),
  meteringPoints: z.array(meteringPointRowSchema).optional(),
  total: z.number(),
  page: z.number(),
  totalPages: z.number(),
  nextPage: z.number().nullable(),
};

export const listAuthorizedMeteringPointsTool = defineTool({
  name: "list_authorized_metering_points",
  apis: ["thirdparty"],
  title: "List authorized metering points",
  description:
    "Lists the metering points a third party may read under an authorization, a customer CVR or a customer key, with type, address and access period (or only the ids with ids_only: true). Paged for large customers.",
  inputSchema,
  outputSchema,
  annotations: READ_ONLY,
  async run(args, ctx, call) {
    const pageSize = Math.min(args.page_size ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
    const page = args.page ?? 1;
    const client = ctx.client();
    const paginate = <T>(all: readonly T[]) => {
      const totalPages = Math.max(1, Math.ceil(all.length / pageSize));
      return {
        slice: all.slice((page - 1) * pageSize, page * pageSize),
        total: all.length,
        totalPages,
        nextPage: page < totalPages ? page + 1 : null,
      };
    };
    const base = { scope: args.scope, identifier: args.identifier };
    const pageNote = (p: { total: number; totalPages: number; nextPage: number | null }) =>
      p.nextPage === null
        ? `${p.total} metering point(s), page ${page} of ${p.totalPages}.`
        : `${p.total} metering point(s), page ${page} of ${p.totalPages}; call again with page: ${p.nextPage} for more.`;
    if (args.ids_only) {
      const p = paginate(
        await client.listAuthorizedMeteringPointIds(args.scope, args.identifier, call.options),
      );
      return {
        structured: {
          ...base,
          meteringPointIds: p.slice,
          total: p.total,
          page,
          totalPages: p.totalPages,
          nextPage: p.nextPage,
        },
        text: [pageNote(p), ...p.slice].join("\n"),
      };
    }
    const p = paginate(
      (await client.listAuthorizedMeteringPoints(args.scope, args.identifier, call.options)).map(
        meteringPointRow,
      ),
    );
    return {
      structured: {
        ...base,
        meteringPoints: p.slice,
        total: p.total,
        page,
        totalPages: p.totalPages,
        nextPage: p.nextPage,
      },
      text: [pageNote(p), ...p.slice.map(meteringPointLine)].join("\n"),
    };
  },
});
