import { type McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Resource } from "@modelcontextprotocol/sdk/types.js";
import type { ServerContext } from "../context.js";
import { errorText } from "../errors.js";
import { scrub } from "../secrets.js";
import { meteringPointRow } from "../tools/metering-point-summary.js";
import { compact } from "../tools/shared.js";

export const METERING_POINT_URI = "eloverblik://metering-point/{id}";
const MAX_AUTHORIZATIONS_LISTED = 5;

function uriOf(id: string): string {
  return `eloverblik://metering-point/${id}`;
}

/** Metering points the token can see, as resources; an empty list when that cannot be asked. */
async function listResources(ctx: ServerContext): Promise<Resource[]> {
  try {
    const client = ctx.client();
    if (ctx.api === "customer") {
      const points = await client.listMeteringPoints();
      return points.map((p) => {
        const row = meteringPointRow(p);
        return {
          uri: uriOf(row.meteringPointId),
          name: row.meteringPointId,
          title: [row.type, row.address].filter(Boolean).join(" – ") || row.meteringPointId,
          mimeType: "application/json",
        };
      });
    }
    const authorizations = (await client.listAuthorizations()).slice(0, MAX_AUTHORIZATIONS_LISTED);
    const resources: Resource[] = [];
    for (const a of authorizations) {
      if (!a.id) continue;
      const ids = await client.listAuthorizedMeteringPointIds("authorizationId", a.id);
      for (const id of ids) {
        resources.push({
          uri: uriOf(id),
          name: id,
          title: `${id}${a.customerName ? ` – ${a.customerName}` : ""}`,
          mimeType: "application/json",
        });
      }
    }
    return resources;
  } catch (error) {
    ctx.log(`eloverblik-mcp: could not list metering point resources. ${errorText(error, ctx.secrets)}`);
    return [];
  }
}

/**
 * `eloverblik://metering-point/{id}`: a metering point's master data as JSON. Also registers the
 * CSV exports' resource (`eloverblik://exports/{id}.csv`), since server.ts registers the
 * resources through this one call.
 */
export function registerMeteringPointResource(server: McpServer, ctx: ServerContext): void {
  server.registerResource(
    "metering-point",
    new ResourceTemplate(METERING_POINT_URI, {
      list: async () => ({ resources: await listResources(ctx) }),
      complete: {
        id: async (value) => {
          const resources = await listResources(ctx);
          return resources.map((r) => r.name).filter((id) => id.startsWith(value));
        },
      },
    }),
    {
      title: "Metering point",
      description:
        "Master data of one metering point (GSRN id): type, resolution, address, grid company, supplier.",
      mimeType: "application/json",
    },
    async (uri, variables) => {
      const raw = variables.id;
      const id = Array.isArray(raw) ? raw[0] : raw;
      try {
        const [result] = await ctx.client().getDetails([String(id ?? "")]);
        if (!result) throw new Error(`No answer for metering point ${String(id)}.`);
        if (!result.ok) throw result.error;
        const details = compact(result.data as object);
        return {
          contents: [
            {
              uri: uri.href,
              mimeType: "application/json",
              text: JSON.stringify(scrub(details, ctx.secrets), null, 2),
            },
          ],
        };
      } catch (error) {
        throw new Error(errorText(error, ctx.secrets));
      }
    },
  );
}
