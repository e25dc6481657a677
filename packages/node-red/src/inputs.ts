import { addLocalDays, EloverblikError } from "@eloverblik-kit/client";
import { type DatePeriod, relativePeriod } from "@eloverblik-kit/client/insights";
import type { Msg, NodeDefinition } from "./red.js";

/** A value from the message when it carries one, else the node's own setting. */
export function pick(msg: Msg, key: string, definition: NodeDefinition): unknown {
  const fromMsg = msg[key];
  if (fromMsg !== undefined && fromMsg !== null && fromMsg !== "") return fromMsg;
  return definition[key];
}

export function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.toISOString();
  const s = String(value).trim();
  return s === "" ? undefined : s;
}

/**
 * Metering point ids from `msg.meteringPointIds` (an array or a string separated by commas, spaces
 * or lines; a single `msg.meteringPointId` works too) or the node's setting. The client checks the
 * ids themselves (18 digits) before any request.
 */
export function meteringPointIds(msg: Msg, definition: NodeDefinition): string[] {
  const value = msg.meteringPointIds ?? msg.meteringPointId ?? definition.meteringPointIds;
  const list = Array.isArray(value) ? value.map(String) : String(value ?? "").split(/[\s,;]+/);
  return [...new Set(list.map((id) => id.trim()).filter((id) => id !== ""))];
}

/**
 * The period from `msg.from`/`msg.to` (dates), `msg.period` (a name such as `yesterday` or
 * `last-7-days`) or the node's settings, in that order; `to` defaults to the day after `from`.
 */
export function period(msg: Msg, definition: NodeDefinition, nowMs: number): DatePeriod {
  const from = text(msg.from);
  if (from !== undefined) return { from, to: text(msg.to) ?? addLocalDays(from, 1) };
  const name = text(msg.period) ?? text(definition.period) ?? "yesterday";
  if (name !== "custom") return relativePeriod(name, nowMs);
  const fixedFrom = text(definition.from);
  if (fixedFrom === undefined) {
    throw new EloverblikError({
      code: "INVALID_INPUT",
      message: "The period is set to dates, but no From date is set (node setting From or msg.from).",
      suggestions: [{ kind: "check-input", field: "from" }],
    });
  }
  return { from: fixedFrom, to: text(definition.to) ?? addLocalDays(fixedFrom, 1) };
}

/** One of a node's options (`output`, `operation`, …), from the message or the node. */
export function choice<T extends string>(
  msg: Msg,
  definition: NodeDefinition,
  key: string,
  allowed: readonly T[],
): T {
  const value = text(pick(msg, key, definition)) ?? allowed[0];
  if ((allowed as readonly string[]).includes(value as string)) return value as T;
  throw new EloverblikError({
    code: "INVALID_INPUT",
    message: `Unknown ${key} ${JSON.stringify(String(value).slice(0, 40))}; use one of ${allowed.join(", ")}.`,
    suggestions: [{ kind: "check-input", field: key }],
  });
}
