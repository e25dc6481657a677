import { toJsonSchemaCompat } from "@modelcontextprotocol/sdk/server/zod-json-schema-compat.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { ToolDefinition } from "./define-tool.js";

// biome-ignore lint/suspicious/noExplicitAny: each tool has its own argument and result types
type AnyTool = ToolDefinition<any, any>;

const strict = new WeakMap<AnyTool, z.ZodObject<z.ZodRawShape, "strict">>();

/**
 * The tool's arguments as one strict object: the SDK validates calls with it, so an unknown
 * argument is refused (as the advertised `additionalProperties: false` says) instead of dropped.
 */
export function strictInputSchema(tool: AnyTool): z.ZodObject<z.ZodRawShape, "strict"> {
  let schema = strict.get(tool);
  if (!schema) {
    schema = z.object(tool.inputSchema).strict();
    strict.set(tool, schema);
  }
  return schema;
}

type Json = unknown;

/**
 * The converter's output without what no model or host needs: the `$schema` line on every
 * schema, and `additionalProperties: false` on every object of an output schema (results are
 * checked by their zod schemas, which tolerate extra keys anyway). Input schemas keep theirs:
 * unknown arguments are refused.
 */
function compact(schema: Json, output: boolean): Json {
  if (Array.isArray(schema)) return schema.map((s) => compact(s, output));
  if (schema === null || typeof schema !== "object") return schema;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "$schema") continue;
    if (output && key === "additionalProperties" && value === false) continue;
    out[key] = compact(value, output);
  }
  return out;
}

const lists = new Map<string, Tool[]>();

/**
 * The `tools/list` answer for these tools, converted once per process: every MCP session of the
 * HTTP transport lists the same tools, and the SDK would convert every schema on every call.
 */
export function toolList(tools: readonly AnyTool[]): Tool[] {
  const key = tools.map((t) => t.name).join(",");
  let list = lists.get(key);
  if (!list) {
    list = tools.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: compact(
        toJsonSchemaCompat(strictInputSchema(tool), { strictUnions: true, pipeStrategy: "input" }),
        false,
      ) as Tool["inputSchema"],
      outputSchema: compact(
        toJsonSchemaCompat(z.object(tool.outputSchema), { strictUnions: true, pipeStrategy: "output" }),
        true,
      ) as Tool["outputSchema"],
      annotations: tool.annotations,
    }));
    lists.set(key, list);
  }
  return list;
}
