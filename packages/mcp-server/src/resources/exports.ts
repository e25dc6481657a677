import { randomUUID } from "node:crypto";
import { type McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Resource } from "@modelcontextprotocol/sdk/types.js";
import type { ServerContext } from "../context.js";

export const EXPORT_URI = "eloverblik://exports/{id}.csv";
/** How long an export can be read after it was made. */
export const EXPORT_TTL_MS = 15 * 60_000;
/** The most one export may hold (characters; a CSV is ASCII, so about bytes). */
export const MAX_EXPORT_CHARS = 32 * 1024 * 1024;
/** The most all kept exports may hold together; the oldest go first. */
export const MAX_STORE_CHARS = 64 * 1024 * 1024;
const MAX_EXPORTS = 20;

export interface StoredExport {
  id: string;
  uri: string;
  /** A file name for the user (`eloverblik-…-2025-01-01-2025-02-01.csv`). */
  name: string;
  title: string;
  mimeType: "text/csv";
  text: string;
  createdAtMs: number;
  expiresAtMs: number;
}

/**
 * The CSV exports of one server context, in memory, bounded by size (MAX_STORE_CHARS, at most
 * MAX_EXPORTS) and time (EXPORT_TTL_MS): an export is a file for the user to fetch soon, not an
 * archive. Ids are random UUIDs, so an export cannot be guessed from another.
 */
export class ExportStore {
  private readonly exports = new Map<string, StoredExport>();
  private chars = 0;

  constructor(private readonly maxChars = MAX_STORE_CHARS) {}

  /** Characters held now. */
  get size(): number {
    return this.chars;
  }

  put(text: string, meta: { name: string; title: string }, nowMs: number): StoredExport {
    this.expire(nowMs);
    const id = randomUUID();
    const entry: StoredExport = {
      id,
      uri: `eloverblik://exports/${id}.csv`,
      name: meta.name,
      title: meta.title,
      mimeType: "text/csv",
      text,
      createdAtMs: nowMs,
      expiresAtMs: nowMs + EXPORT_TTL_MS,
    };
    this.exports.set(id, entry);
    this.chars += text.length;
    while (this.exports.size > MAX_EXPORTS || (this.chars > this.maxChars && this.exports.size > 1)) {
      const oldest = this.exports.keys().next().value;
      if (oldest === undefined || oldest === id) break;
      this.delete(oldest);
    }
    return entry;
  }

  get(id: string, nowMs: number): StoredExport | undefined {
    this.expire(nowMs);
    return this.exports.get(id);
  }

  list(nowMs: number): StoredExport[] {
    this.expire(nowMs);
    return [...this.exports.values()];
  }

  private expire(nowMs: number): void {
    for (const [id, entry] of this.exports) {
      if (nowMs >= entry.expiresAtMs || nowMs < entry.createdAtMs) this.delete(id);
    }
  }

  private delete(id: string): void {
    const entry = this.exports.get(id);
    if (!entry) return;
    this.chars -= entry.text.length;
    this.exports.delete(id);
  }
}

const stores = new WeakMap<ServerContext, ExportStore>();

/** The context's exports: shared by every session of an HTTP server, like the context itself. */
export function exportsOf(ctx: ServerContext): ExportStore {
  let store = stores.get(ctx);
  if (!store) {
    store = new ExportStore();
    stores.set(ctx, store);
  }
  return store;
}

function asResource(e: StoredExport): Resource {
  return { uri: e.uri, name: e.name, title: e.title, mimeType: e.mimeType, size: e.text.length };
}

/**
 * `eloverblik://exports/{id}.csv`: the CSV files export_time_series_csv made, for 15 minutes.
 * What is read goes out through the transport guard, which scrubs every answer that is not a
 * tool's own (see outgoing.ts), so the text is kept as it was written.
 */
export function registerExportResource(server: McpServer, ctx: ServerContext): void {
  server.registerResource(
    "time-series-export",
    new ResourceTemplate(EXPORT_URI, {
      list: async () => ({ resources: exportsOf(ctx).list(ctx.now()).map(asResource) }),
    }),
    {
      title: "Time-series CSV export",
      description:
        "A CSV file made by export_time_series_csv (one row per point; kept for 15 minutes after it was made).",
      mimeType: "text/csv",
    },
    async (uri, variables) => {
      const raw = variables.id;
      const id = String(Array.isArray(raw) ? raw[0] : raw);
      const entry = exportsOf(ctx).get(id, ctx.now());
      if (!entry) {
        throw new Error(
          `No export ${uri.href}: exports are kept for ${EXPORT_TTL_MS / 60_000} minutes. Call export_time_series_csv again.`,
        );
      }
      return { contents: [{ uri: entry.uri, mimeType: entry.mimeType, text: entry.text }] };
    },
  );
}
