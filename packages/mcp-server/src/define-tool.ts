import type { ApiKind, CallOptions } from "@eloverblik-kit/client";
import type { ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";
import type { ServerContext } from "./context.js";

/** What a tool hands back: structured data, a short text for the model, and whether it failed. */
export interface ToolOutput<S> {
  structured: S;
  text: string;
  /** True when nothing useful came back (e.g. every metering point failed). */
  isError?: boolean;
  /** Content blocks after the text: a `resource_link` to what the tool made, or the resource itself. */
  content?: ToolContent[];
}

/** The extra content blocks a tool may return (MCP `resource_link` and embedded `resource`). */
export type ToolContent =
  | { type: "resource_link"; uri: string; name: string; title?: string; mimeType?: string; size?: number }
  | { type: "resource"; resource: { uri: string; mimeType?: string; text: string } };

/** The user's answer to a confirmation the host showed them. */
export type Confirmation = "confirmed" | "declined";

/**
 * One tool call as the MCP request carries it. A tool passes `options` to every client operation
 * it makes: a cancelled call then stops its requests (queued ones included), and a caller that
 * sent a `progressToken` hears of every finished request.
 */
export interface ToolCall {
  /** The call's AbortSignal (aborted when the caller cancels) and, when asked for, its progress listener. */
  readonly options: CallOptions & { signal: AbortSignal };
  /**
   * Asks the user through the host (MCP elicitation). Undefined when the host cannot ask, so a
   * tool that needs confirmation falls back to its description ("ask the user first").
   */
  readonly confirm?: ((message: string) => Promise<Confirmation>) | undefined;
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
  /** Unknown arguments are refused: the shape is made strict when the tool is registered. */
  inputSchema: I;
  outputSchema: O;
  annotations: Omit<ToolAnnotations, "title">;
  run(
    args: z.objectOutputType<I, z.ZodTypeAny>,
    ctx: ServerContext,
    call: ToolCall,
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

/** Whether a tool changes the account (hidden by --read-only, never coalesced). */
export function isWriteTool(tool: Pick<ToolDefinition, "annotations">): boolean {
  return tool.annotations.readOnlyHint !== true;
}

/** A call that cannot be cancelled and reports nothing: for direct use of `run` in tests and scripts. */
export function detachedCall(): ToolCall {
  return { options: { signal: new AbortController().signal } };
}
