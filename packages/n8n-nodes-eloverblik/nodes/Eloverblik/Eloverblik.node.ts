import { formatAddress } from "@eloverblik-kit/client/insights";
import {
  type IDataObject,
  type IExecuteFunctions,
  type ILoadOptionsFunctions,
  type INodeExecutionData,
  type INodeListSearchResult,
  type INodeType,
  type INodeTypeDescription,
  NodeConnectionTypes,
} from "n8n-workflow";
import { clientFor } from "../../shared/client";
import { apiOf } from "../../shared/constants";
import { errorJson, toNodeError } from "../../shared/errors";
import { runOperation } from "./actions";
import {
  authenticationProperty,
  authorizationProperties,
  costPeriodProperties,
  costProperties,
  credentialsByApi,
  meteringPointProperties,
  operationProperties,
  optionsProperty,
  outputProperties,
  periodProperties,
  resourceProperty,
} from "./description";

export class Eloverblik implements INodeType {
  description: INodeTypeDescription = {
    displayName: "Eloverblik",
    name: "eloverblik",
    icon: { light: "file:eloverblik.svg", dark: "file:eloverblik.dark.svg" },
    group: ["input"],
    version: 1,
    subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
    description:
      "Danish electricity data from Energinet's Eloverblik (DataHub): metering points, hourly consumption and production, charges and tariffs, CSV exports",
    defaults: { name: "Eloverblik" },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: credentialsByApi,
    properties: [
      authenticationProperty,
      resourceProperty,
      ...operationProperties,
      ...meteringPointProperties,
      ...periodProperties,
      ...costPeriodProperties,
      ...costProperties,
      ...outputProperties,
      ...authorizationProperties,
      optionsProperty,
    ],
  };

  methods = {
    listSearch: {
      async searchMeteringPoints(
        this: ILoadOptionsFunctions,
        filter?: string,
      ): Promise<INodeListSearchResult> {
        const api = apiOf(this.getNodeParameter("authentication", "customerApi"));
        const client = await clientFor(this, api);
        const rows: Array<{ id: string; label: string }> = [];
        if (api === "customer") {
          for (const mp of await client.listMeteringPoints()) {
            const id = String(mp.meteringPointId ?? "");
            if (id) rows.push({ id, label: [id, formatAddress(mp)].filter(Boolean).join(" · ") });
          }
        } else {
          for (const a of await client.listAuthorizations()) {
            const authorizationId = String((a as { id?: unknown }).id ?? "");
            if (!authorizationId) continue;
            for (const mp of await client.listAuthorizedMeteringPoints("authorizationId", authorizationId)) {
              const id = String(mp.meteringPointId ?? "");
              if (id) rows.push({ id, label: [id, formatAddress(mp)].filter(Boolean).join(" · ") });
            }
          }
        }
        const needle = (filter ?? "").trim().toLowerCase();
        return {
          results: rows
            .filter((r) => needle === "" || r.label.toLowerCase().includes(needle))
            .map((r) => ({ name: r.label, value: r.id })),
        };
      },
    },
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const items = this.getInputData();
    const out: INodeExecutionData[] = [];
    const api = apiOf(this.getNodeParameter("authentication", 0, "customerApi"));
    const options = this.getNodeParameter("options", 0, {}) as { callsPerMinute?: number };
    const asTool = this.getNode().type.endsWith("Tool");
    const client = await clientFor(this, api, options);
    for (let i = 0; i < items.length; i++) {
      const pairedItem = { item: i };
      const emit = (json: IDataObject, binary?: INodeExecutionData["binary"]) => {
        out.push(binary ? { json, binary, pairedItem } : { json, pairedItem });
      };
      // A failure of one metering point or period: an error item beside the data with
      // "continue on fail", else the node's error (the data of this item is not emitted then).
      const failures: unknown[] = [];
      const before = out.length;
      try {
        await runOperation(
          this,
          client,
          {
            api,
            resource: this.getNodeParameter("resource", i) as string,
            operation: this.getNodeParameter("operation", i) as string,
            itemIndex: i,
            asTool,
          },
          emit,
          (error) => failures.push(error),
        );
        if (failures.length > 0 && !this.continueOnFail()) {
          out.length = before;
          throw failures[0];
        }
        for (const error of failures) out.push({ json: errorJson(error), pairedItem });
      } catch (error) {
        if (this.continueOnFail()) {
          out.push({ json: errorJson(error), pairedItem });
          continue;
        }
        throw toNodeError(this.getNode(), error, i);
      }
    }
    return [out];
  }
}
