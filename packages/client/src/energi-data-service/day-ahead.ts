import { describeValue, invalidInput } from "../errors/eloverblik-error.js";
import { addLocalMonths, isValidLocalDate, localDateOf, localDateStartUtc } from "../time/danish-time.js";
import type { EdsShared } from "./create-energi-data-service.js";
import type { DayAheadPrice, DayAheadPrices, EdsRecord } from "./types.js";

/** The first delivery day of `DayAheadPrices` (15 minutes); `Elspotprices` (hours) ends the day before. */
export const DAY_AHEAD_SWITCH = "2025-10-01";

export interface DayAheadOptions {
  /** Danish local dates, `to` exclusive. */
  from: string;
  to: string;
  /** Default ["DK1", "DK2"]. */
  areas?: readonly string[];
}

const AREA = /^[A-Z]{2}\d?$/;
const HOUR_MS = 3_600_000;
const QUARTER_MS = 900_000;

interface Source {
  dataset: "Elspotprices" | "DayAheadPrices";
  time: string;
  dkk: string;
  eur: string;
  stepMs: number;
}

const SOURCES: Record<Source["dataset"], Source> = {
  Elspotprices: {
    dataset: "Elspotprices",
    time: "HourUTC",
    dkk: "SpotPriceDKK",
    eur: "SpotPriceEUR",
    stepMs: HOUR_MS,
  },
  DayAheadPrices: {
    dataset: "DayAheadPrices",
    time: "TimeUTC",
    dkk: "DayAheadPriceDKK",
    eur: "DayAheadPriceEUR",
    stepMs: QUARTER_MS,
  },
};

/** [startMs, dkk, eur] per row: what a cached month holds. */
type CachedRow = [number, number | null, number | null];

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
/** EDS timestamps carry no zone; `*UTC` columns are UTC. */
const utcMs = (v: unknown): number =>
  typeof v === "string" ? Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(v) ? v : `${v}Z`) : Number.NaN;

function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = `${from.slice(0, 7)}-01`; m < to; m = addLocalMonths(m, 1)) out.push(m);
  return out;
}

export function checkPeriod(from: unknown, to: unknown): void {
  if (typeof from !== "string" || !isValidLocalDate(from))
    throw invalidInput(`from must be a date YYYY-MM-DD; got ${describeValue(from)}.`);
  if (typeof to !== "string" || !isValidLocalDate(to))
    throw invalidInput(`to must be a date YYYY-MM-DD; got ${describeValue(to)}.`);
  if (from >= to) throw invalidInput(`from (${from}) must be before to (${to}); to is exclusive.`);
  if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 6)
    throw invalidInput(`A period of at most six years; got ${from} to ${to}.`);
}

/**
 * Day-ahead prices for a period as one series: `Elspotprices` (hourly) for delivery days until
 * 2025-09-30, `DayAheadPrices` (quarter-hourly) from 2025-10-01, joined on UTC. Months are cached
 * once complete (every row present and priced): a second call over them sends nothing.
 */
export async function dayAheadPrices(
  eds: EdsShared,
  options: DayAheadOptions & { signal?: AbortSignal },
): Promise<DayAheadPrices> {
  const { from, to } = options ?? ({} as DayAheadOptions);
  checkPeriod(from, to);
  const areas = [...(options.areas ?? ["DK1", "DK2"])];
  if (areas.length === 0 || areas.length > 10 || !areas.every((a) => typeof a === "string" && AREA.test(a))) {
    throw invalidInput(`areas must be price areas such as ["DK1"]; got ${describeValue(options.areas)}.`);
  }
  const fromMs = localDateStartUtc(from);
  const toMs = localDateStartUtc(to);
  const segments: Array<[Source, string, string]> = [];
  if (from < DAY_AHEAD_SWITCH)
    segments.push([SOURCES.Elspotprices, from, to < DAY_AHEAD_SWITCH ? to : DAY_AHEAD_SWITCH]);
  if (to > DAY_AHEAD_SWITCH)
    segments.push([SOURCES.DayAheadPrices, from > DAY_AHEAD_SWITCH ? from : DAY_AHEAD_SWITCH, to]);
  let requests = 0;
  let cachedMonths = 0;
  const rowsByKey = new Map<string, CachedRow[]>();
  await Promise.all(
    segments.map(async ([source, segFrom, segTo]) => {
      const months = monthsOf(segFrom, segTo);
      const missing = new Set<string>();
      for (const area of areas) {
        for (const month of months) {
          const key = `eds1:${source.dataset}:${area}:${month.slice(0, 7)}`;
          const hit = (await eds.cache.get(key)) as CachedRow[] | undefined;
          eds.emit({ type: "cache", dataset: source.dataset, key, hit: Array.isArray(hit) });
          if (Array.isArray(hit)) {
            rowsByKey.set(key, hit);
            cachedMonths++;
          } else missing.add(month);
        }
      }
      if (missing.size === 0) return;
      const sorted = [...missing].sort();
      const start = sorted[0] as string;
      const end = addLocalMonths(sorted[sorted.length - 1] as string, 1);
      const answer = await eds.dataset(
        source.dataset,
        {
          start: start < segFrom && source.dataset === "DayAheadPrices" ? segFrom : start,
          end: end > DAY_AHEAD_SWITCH && source.dataset === "Elspotprices" ? DAY_AHEAD_SWITCH : end,
          filter: { PriceArea: areas },
          columns: [source.time, "PriceArea", source.dkk, source.eur],
          sort: `${source.time} asc`,
        },
        { signal: options.signal },
      );
      requests += answer.requests;
      const fetched = new Map<string, CachedRow[]>();
      for (const record of answer.records as EdsRecord[]) {
        const startMs = utcMs(record[source.time]);
        if (Number.isNaN(startMs)) continue;
        const area = String(record.PriceArea);
        const month = monthKey(startMs);
        const key = `eds1:${source.dataset}:${area}:${month}`;
        let list = fetched.get(key);
        if (list === undefined) {
          list = [];
          fetched.set(key, list);
        }
        list.push([startMs, num(record[source.dkk]), num(record[source.eur])]);
      }
      for (const area of areas) {
        for (const month of sorted) {
          const key = `eds1:${source.dataset}:${area}:${month.slice(0, 7)}`;
          const list = fetched.get(key) ?? [];
          rowsByKey.set(key, list);
          const expected =
            (localDateStartUtc(addLocalMonths(month, 1)) - localDateStartUtc(month)) / source.stepMs;
          if (list.length === expected && list.every((r) => r[1] !== null)) await eds.cache.set(key, list);
        }
      }
    }),
  );
  const points: DayAheadPrice[] = [];
  for (const [source] of segments) {
    for (const [key, rows] of rowsByKey) {
      if (!key.startsWith(`eds1:${source.dataset}:`)) continue;
      const area = key.split(":")[2] as string;
      for (const [startMs, dkk, eur] of rows) {
        if (startMs < fromMs || startMs >= toMs) continue;
        points.push({
          start: new Date(startMs).toISOString(),
          end: new Date(startMs + source.stepMs).toISOString(),
          startMs,
          area,
          resolution: source.stepMs === HOUR_MS ? "PT1H" : "PT15M",
          dkkPerMwh: dkk,
          eurPerMwh: eur,
          dataset: source.dataset,
        });
      }
    }
  }
  points.sort((a, b) =>
    a.start < b.start ? -1 : a.start > b.start ? 1 : a.area < b.area ? -1 : a.area > b.area ? 1 : 0,
  );
  return { from, to, areas, points, requests, cachedMonths };
}

/** The Danish month (YYYY-MM) an instant falls in. */
const monthKey = (ms: number): string => localDateOf(ms).slice(0, 7);
