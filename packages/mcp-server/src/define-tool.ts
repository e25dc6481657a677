import type { ApiKind } from "@eloverblik-kit/client";
import type { ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";
import type { ServerContext } from "./context.js";

/** What a tool hands back: structured data, a short text for the model, and whether it failed. */
export interface ToolOutput<S> {
  structured: S;
  text: string;
  /** True when nothing useful came back (e.g. every metering point failed). */
  isError?: boolean;
}

export interface ToolDefinition<
  I extends z.ZodRawShape = z.ZodRawShape,
  O extends z.ZodRawShape = z.ZodRawShape,
> {
  name: string;
  /** The APIs whose servers offer this tool. */
  apis: readonly ApiKind[];
  title: string;
  description: string;
  inputSchema: I;
  outputSchema: O;
  annotations: Omit<ToolAnnotations, "title">;
  run(
    args: z.objectOutputType<I, z.ZodTypeAny>,
    ctx: ServerContext,
  ): Promise<ToolOutput<z.objectOutputType<O, z.ZodTypeAny>>>;
}

/** Identity function that lets TypeScript infer the argument and result types from the schemas. */
export function defineTool<I extends z.ZodRawShape, O extends z.ZodRawShape>(
  definition: ToolDefinition<I, O>,
): ToolDefinition<I, O> {
  return definition;
}

export const READ_ONLY: Omit<ToolAnnotations, "title"> = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};
