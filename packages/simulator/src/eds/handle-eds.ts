import type { SimRequest, SimResponse } from "../core/types.js";
import type { SimulatorModel } from "../model/model.js";
import { offsetMs } from "../time/copenhagen.js";
import { DATASETS, type DatasetSpec, datasetRecords, type EdsRecord } from "./datasets.js";

const HOUR_MS = 3_600_000;

/** Energi Data Service's paths on the same server: `/dataset/{name}[/download]` and `/meta/dataset/{name}`. */
export const EDS_PATH = /^\/(?:dataset|meta\/dataset)\/[^/]+(?:\/download)?\/?$/i;

class BadRequest extends Error {}

const text = (status: number, body: string, headers: Record<string, string> = {}): SimResponse => ({
  kind: "response",
  status,
  headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  body,
});

const jsonAnswer = (status: number, value: unknown, headers: Record<string, string> = {}): SimResponse => ({
  kind: "response",
  status,
  headers: { "content-type": "application/json; charset=utf-8", ...headers },
  body: JSON.stringify(value),
});

/** The instant of a Danish wall-clock time given as if it were UTC (the earlier one on a repeated hour). */
function wallToInstant(wallMs: number): number {
  const guess = wallMs - offsetMs(wallMs - HOUR_MS);
  return wallMs - offsetMs(guess);
}

const DYNAMIC =
  /^(now|startofday|startofmonth|startofyear)(?:([+-])P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?)?$/i;
const FIXED = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}))?)?)?$/;

/** `start`/`end`: fixed `yyyy[-MM[-dd[THH:mm]]]` or dynamic `now|StartOfDay|…[±ISO duration]`, local unless UTC. */
export function parseTime(name: string, value: string, utc: boolean, nowMs: number): number {
  const toWall = (ms: number) => (utc ? ms : ms + offsetMs(ms));
  const fromWall = (wall: number) => (utc ? wall : wallToInstant(wall));
  const fixed = FIXED.exec(value);
  if (fixed) {
    const [, y, mo = "01", d = "01", h = "00", mi = "00"] = fixed;
    const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
    const check = new Date(wall);
    if (
      check.getUTCMonth() !== Number(mo) - 1 ||
      check.getUTCDate() !== Number(d) ||
      Number(h) > 23 ||
      Number(mi) > 59
    ) {
      throw new BadRequest(`Invalid ${name} ${value}`);
    }
    return fromWall(wall);
  }
  const dynamic = DYNAMIC.exec(value);
  if (!dynamic) throw new BadRequest(`Invalid ${name} ${value}`);
  const [, base = "", sign, years, months, days, hours, minutes] = dynamic;
  const wallNow = new Date(toWall(nowMs));
  let y = wallNow.getUTCFullYear();
  let mo = wallNow.getUTCMonth();
  let d = wallNow.getUTCDate();
  let h = wallNow.getUTCHours();
  let mi = wallNow.getUTCMinutes();
  const kind = base.toLowerCase();
  if (kind !== "now") [h, mi] = [0, 0];
  if (kind === "startofmonth" || kind === "startofyear") d = 1;
  if (kind === "startofyear") mo = 0;
  const s = sign === "-" ? -1 : 1;
  y += s * Number(years ?? 0);
  mo += s * Number(months ?? 0);
  d += s * Number(days ?? 0);
  h += s * Number(hours ?? 0);
  mi += s * Number(minutes ?? 0);
  const wall = Date.UTC(y, mo, d, h, mi) + (kind === "now" ? wallNow.getUTCSeconds() * 1000 : 0);
  return fromWall(wall);
}

function column(spec: DatasetSpec, name: string): string {
  const found = spec.columns.find((c) => c.toLowerCase() === name.trim().toLowerCase());
  if (found === undefined) throw new BadRequest(`Invalid column ${name.trim()}`);
  return found;
}

/** `{"Column":["a","b"]}` (scalars accepted): OR within a column, AND across columns. */
function parseFilter(spec: DatasetSpec, raw: string | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (raw === null || raw === "") return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new BadRequest(`Invalid filter ${raw.slice(0, 80)}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new BadRequest(`Invalid filter ${raw.slice(0, 80)}`);
  }
  for (const [key, value] of Object.entries(parsed)) {
    const values = (Array.isArray(value) ? value : [value]).map((v) => String(v));
    out.set(column(spec, key), values);
  }
  return out;
}

function parseSort(spec: DatasetSpec, raw: string | null): Array<{ column: string; desc: boolean }> {
  if (raw === null || raw.trim() === "") return [{ column: spec.timeColumn, desc: true }];
  return raw.split(",").map((part) => {
    const [name = "", direction = "asc"] = part.trim().split(/\s+/);
    const dir = direction.toLowerCase();
    if (dir !== "asc" && dir !== "desc") throw new BadRequest(`Invalid sort ${part.trim()}`);
    return { column: column(spec, name), desc: dir === "desc" };
  });
}

function wholeNumber(name: string, raw: string | null): number | undefined {
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw)) throw new BadRequest(`Invalid ${name} ${raw}`);
  return Number(raw);
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : 1;
}

function csvOf(columns: readonly string[], records: EdsRecord[]): string {
  const cell = (v: string | number | null) =>
    v === null ? "" : typeof v === "number" ? String(v).replace(".", ",") : v.includes(";") ? `"${v}"` : v;
  return [columns.join(";"), ...records.map((r) => columns.map((c) => cell(r[c] ?? null)).join(";"))].join(
    "\r\n",
  );
}

/** The per-dataset limit: at most N requests per dataset per window and client (Retry-After when over). */
function rateLimited(
  model: SimulatorModel,
  spec: DatasetSpec,
  clientAddress: string,
  nowMs: number,
): SimResponse | undefined {
  const limits = model.edsLimits;
  if (limits === null) return undefined;
  const key = `${clientAddress}|${spec.name}`;
  const starts = (model.edsWindows.get(key) ?? []).filter((t) => t > nowMs - limits.windowMs);
  if (starts.length >= limits.perDatasetPerWindow) {
    const seconds = Math.max(1, Math.ceil(((starts[0] as number) + limits.windowMs - nowMs) / 1000));
    model.edsWindows.set(key, starts);
    return jsonAnswer(
      429,
      { statusCode: 429, message: `Rate limit is exceeded. Try again in ${seconds} seconds.` },
      { "retry-after": String(seconds) },
    );
  }
  starts.push(nowMs);
  model.edsWindows.set(key, starts);
  return undefined;
}

/** Answers one Energi Data Service request. */
export function handleEds(
  model: SimulatorModel,
  request: SimRequest,
  path: string,
  query: URLSearchParams,
): SimResponse {
  const nowMs = model.clock();
  const parts = path.replace(/\/$/, "").split("/").filter(Boolean);
  const meta = parts[0]?.toLowerCase() === "meta";
  const name = decodeURIComponent(meta ? (parts[2] ?? "") : (parts[1] ?? ""));
  const download = !meta && parts[2]?.toLowerCase() === "download";
  const spec = DATASETS[name.toLowerCase()];
  const log = (status: number) =>
    model.logRequest({
      at: nowMs,
      method: request.method.toUpperCase(),
      path,
      status,
      clientAddress: request.clientAddress,
      operation: `eds:${spec?.name ?? name}`,
    });
  const answer = (response: SimResponse): SimResponse => {
    log(response.kind === "response" ? response.status : 0);
    return response;
  };
  if (request.method.toUpperCase() !== "GET") return answer(text(405, "Method not allowed"));
  if (spec === undefined) {
    // The live API: an unknown dataset is a plain-text 404, an unknown /meta name a bodiless 204.
    return answer(
      meta
        ? { kind: "response", status: 204, headers: {}, body: "" }
        : text(404, `dataset not found ${name}`),
    );
  }
  const limited = rateLimited(model, spec, request.clientAddress, nowMs);
  if (limited) return answer(limited);
  if (meta) {
    return answer(
      jsonAnswer(200, { datasetName: spec.name, columns: spec.columns.map((c) => ({ name: c })) }),
    );
  }
  try {
    const utc = (query.get("timezone") ?? "").toLowerCase() === "utc";
    const startRaw = query.get("start");
    const endRaw = query.get("end");
    const fromMs = startRaw === null ? Number.NEGATIVE_INFINITY : parseTime("start", startRaw, utc, nowMs);
    const toMs = endRaw === null ? Number.POSITIVE_INFINITY : parseTime("end", endRaw, utc, nowMs);
    const filter = parseFilter(spec, query.get("filter"));
    const columnsRaw = query.get("columns");
    const columns =
      columnsRaw === null || columnsRaw === ""
        ? spec.columns
        : columnsRaw.split(",").map((c) => column(spec, c));
    const sortRaw = query.get("sort");
    const sort = parseSort(spec, sortRaw);
    const offset = wholeNumber("offset", query.get("offset")) ?? 0;
    const limitParam = wholeNumber("limit", query.get("limit"));
    // The classic trap: with neither start nor limit only 100 rows come back.
    const limit = limitParam ?? (startRaw === null ? 100 : 0);
    let records = datasetRecords(model, spec, fromMs, toMs, filter.get("PriceArea"), nowMs).filter((r) =>
      [...filter].every(([col, values]) => values.includes(String(r[col]))),
    );
    records.sort((a, b) => {
      for (const key of sort) {
        const c = compare(a[key.column] ?? null, b[key.column] ?? null);
        if (c !== 0) return key.desc ? -c : c;
      }
      return 0;
    });
    const total = records.length;
    records = records.slice(offset, limit === 0 ? undefined : offset + limit);
    const projected = records.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null])));
    if (download) {
      const format = (query.get("format") ?? "csv").toLowerCase();
      if (format === "json") return answer(jsonAnswer(200, projected));
      if (format !== "csv") throw new BadRequest(`Invalid format ${format}`);
      return answer({
        kind: "response",
        status: 200,
        headers: { "content-type": "text/csv; charset=utf-8" },
        body: csvOf(columns, projected),
      });
    }
    const envelope: Record<string, unknown> = { total, filters: query.get("filter") ?? "" };
    if (limitParam !== undefined) envelope.limit = limitParam;
    if (sortRaw !== null) envelope.sort = sortRaw;
    envelope.dataset = spec.name;
    envelope.records = projected;
    return answer(jsonAnswer(200, envelope));
  } catch (error) {
    if (error instanceof BadRequest) return answer(text(400, error.message));
    throw error;
  }
}
