import type { Ports } from "@eloverblik-kit/client/core";
import { sleepWithAbort } from "n8n-workflow";

// The clock and timers of every client this package makes. One identity per process, so that the
// client's shared limiter (keyed by these functions and the base URL) paces every node, trigger
// and credential of this n8n process as one: Energinet counts calls per IP address.
export const now: Ports["now"] = () => Date.now();
export const random: Ports["random"] = () => Math.random();
export const sleep: Ports["sleep"] = (ms, signal) => sleepWithAbort(Math.max(0, ms), signal);

/** An n8n full response (`returnFullResponse: true`) as a fetch Response for the client. */
export function toResponse(full: {
  body?: unknown;
  headers?: Record<string, unknown>;
  statusCode?: number;
}): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(full.headers ?? {})) {
    if (value === undefined || value === null) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : String(value));
  }
  const status = full.statusCode ?? 200;
  const body =
    full.body === undefined || full.body === null
      ? ""
      : typeof full.body === "string"
        ? full.body
        : Buffer.isBuffer(full.body)
          ? full.body.toString("utf8")
          : JSON.stringify(full.body);
  const bodyless = status === 204 || status === 205 || status === 304;
  return new Response(bodyless ? null : body, { status, headers });
}

/**
 * What a client Request carries, as n8n request options. Authorization is dropped unless kept: for
 * data calls n8n's credential adds its own; the exchange sends the refresh token the client set.
 */
export async function requestParts(
  request: Request,
  keepAuthorization = false,
): Promise<{
  url: string;
  method: "GET" | "POST" | "DELETE" | "PUT" | "PATCH" | "HEAD";
  headers: Record<string, string>;
  body?: string;
}> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    if (keepAuthorization || name.toLowerCase() !== "authorization") headers[name] = value;
  });
  const method = request.method.toUpperCase() as "GET" | "POST" | "DELETE" | "HEAD";
  const body = method === "GET" || method === "HEAD" ? undefined : await request.text();
  return { url: request.url, method, headers, ...(body ? { body } : {}) };
}
