import { ENERGINET_GLN } from "../energi-data-service/constants.js";
import { invalidInput } from "../errors/eloverblik-error.js";
import {
  addLocalDays,
  copenhagenOffsetMinutes,
  isValidLocalDate,
  localDateStartUtc,
} from "../time/danish-time.js";
import { monthlyAmount } from "./charge-amounts.js";
import {
  hourPrice,
  type IndexedRow,
  indexRows,
  instantMs,
  type PriceIndex,
  priceIndexes,
  RowTimeline,
  rowAt,
  rowKey,
} from "./cost-rows.js";
import type {
  CostComponents,
  CostDay,
  CostNote,
  CostPoint,
  ElectricityCost,
  ElectricityCostInput,
  PriceRule,
} from "./cost-types.js";
import { roundTo } from "./round-to.js";

const HOUR_MS = 3_600_000;
const QUARTER_MS = 900_000;
/** Reduced elafgift applies to an electrically heated home's consumption above this, per calendar year. */
export const REDUCED_ELAFGIFT_THRESHOLD_KWH = 4_000;
/** Energinet's fixed system subscription per consumption metering point since 2024 (DKK a year excl. VAT). */
export const ENERGINET_SUBSCRIPTION_DKK_PER_YEAR = 180;
const ENERGINET_SUBSCRIPTION_FROM = "2024-01-01";

// The sums of the whole period and of each day live in Float64Arrays, SLOTS numbers per sum (the
// loop adds doubles in place: no object whose field types could change under the optimiser).
const KWH = 0;
const SPOT = 1;
const GRID = 2;
const TRANSMISSION = 3;
const SYSTEM = 4;
const ELAFGIFT = 5;
const MARKUP = 6;
const SUBSCRIPTIONS = 7;
const UNPRICED = 8;
const SLOTS = 9;

const add = (sums: Float64Array, at: number, value: number): void => {
  sums[at] = (sums[at] as number) + value;
};

function addDay(
  sums: Float64Array,
  at: number,
  kWh: number,
  spot: number,
  grid: number,
  transmission: number,
  system: number,
  elafgift: number,
  markup: number,
): void {
  add(sums, at + KWH, kWh);
  add(sums, at + SPOT, spot);
  add(sums, at + GRID, grid);
  add(sums, at + TRANSMISSION, transmission);
  add(sums, at + SYSTEM, system);
  add(sums, at + ELAFGIFT, elafgift);
  add(sums, at + MARKUP, markup);
}

function finish(s: Float64Array, at: number, vatRate: number): CostComponents & { kWh: number } {
  const excl =
    (s[at + SPOT] as number) +
    (s[at + GRID] as number) +
    (s[at + TRANSMISSION] as number) +
    (s[at + SYSTEM] as number) +
    (s[at + ELAFGIFT] as number) +
    (s[at + MARKUP] as number) +
    (s[at + SUBSCRIPTIONS] as number);
  return {
    kWh: roundTo(s[at + KWH] as number, 3),
    spotDkk: roundTo(s[at + SPOT] as number, 2),
    gridTariffDkk: roundTo(s[at + GRID] as number, 2),
    transmissionTariffDkk: roundTo(s[at + TRANSMISSION] as number, 2),
    systemTariffDkk: roundTo(s[at + SYSTEM] as number, 2),
    elafgiftDkk: roundTo(s[at + ELAFGIFT] as number, 2),
    supplierMarkupDkk: roundTo(s[at + MARKUP] as number, 2),
    subscriptionsDkk: roundTo(s[at + SUBSCRIPTIONS] as number, 2),
    exclVatDkk: roundTo(excl, 2),
    vatDkk: roundTo(excl * vatRate, 2),
    totalDkk: roundTo(excl * (1 + vatRate), 2),
  };
}

const daysInMonth = (date: string): number =>
  new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).getUTCDate();
const daysInYear = (date: string): number => {
  const y = Number(date.slice(0, 4));
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 366 : 365;
};

function finiteOrZero(value: unknown, name: string): number {
  if (value === undefined) return 0;
  if (typeof value !== "number" || !Number.isFinite(value))
    throw invalidInput(`${name} must be a finite number; got ${String(value)}.`);
  return value;
}

/**
 * Every tariff of the period by the hour, read once from the price list: hour h is the UTC hour
 * that starts h hours after local midnight of `from` (tariffs change only at whole hours, local
 * midnight included, so a quarter-hour point takes its hour's values). DKK per kWh by the Danish
 * local hour of the instant; NaN where no row is in force.
 */
interface HourTables {
  hours: number;
  /** Where the hour's day starts in the day sums (day index × SLOTS). */
  dayOf: Int32Array;
  /** The Danish calendar year of the hour (the reduced elafgift's threshold is per year). */
  yearOf: Int32Array;
  transmission: Float64Array;
  system: Float64Array;
  elafgift: Float64Array;
  reducedElafgift: Float64Array;
  /** Grid codes × hours: code k's price of hour h at k × hours + h. */
  grid: Float64Array;
  /** Grid codes × hours: the number of the row found through the note (see `GridCode`), or -1. */
  gridFallback: Int32Array;
}

/** A grid tariff code of today's charges, with its history and the rows found through its note. */
interface GridCode {
  owner: string;
  code: string;
  note: string;
  rows: RowTimeline;
  fallback: RowTimeline;
  /** The note's rows in use for this code, numbered from `firstFallback` across all codes. */
  fallbackRows: Map<IndexedRow, number>;
}

/** Fills `table[offset + h]` with the timeline's price of hour h, NaN where no row is in force. */
function fill(
  table: Float64Array,
  offset: number,
  timeline: RowTimeline,
  firstMs: number,
  localHour: Uint8Array,
): void {
  for (const { from, to, row } of timeline.runs(firstMs, localHour.length)) {
    if (row === undefined) table.fill(Number.NaN, offset + from, offset + to);
    else if (!Number.isNaN(row.flat)) table.fill(row.flat, offset + from, offset + to);
    else for (let h = from; h < to; h++) table[offset + h] = hourPrice(row, localHour[h] as number);
  }
}

/** `dayStarts`: the UTC start of each date of the period, then the period's end. */
function hourTables(
  dates: readonly string[],
  dayStarts: Float64Array,
  grid: readonly GridCode[],
  energinet: { transmission: RowTimeline; system: RowTimeline; tax: RowTimeline; reducedTax: RowTimeline },
): HourTables {
  const firstMs = dayStarts[0] as number;
  const hours = Math.round(((dayStarts[dates.length] as number) - firstMs) / HOUR_MS);
  const localHour = new Uint8Array(hours);
  const t: HourTables = {
    hours,
    dayOf: new Int32Array(hours),
    yearOf: new Int32Array(hours),
    transmission: new Float64Array(hours),
    system: new Float64Array(hours),
    elafgift: new Float64Array(hours),
    reducedElafgift: new Float64Array(hours),
    grid: new Float64Array(grid.length * hours),
    gridFallback: new Int32Array(grid.length * hours).fill(-1),
  };
  let h = 0;
  for (let i = 0; i < dates.length; i++) {
    const start = dayStarts[i] as number;
    const end = dayStarts[i + 1] as number;
    const clockChange = end - start !== 24 * HOUR_MS;
    const year = Number((dates[i] as string).slice(0, 4));
    for (let ms = start; ms < end && h < hours; ms += HOUR_MS, h++) {
      localHour[h] = clockChange
        ? Math.floor((ms + copenhagenOffsetMinutes(ms) * 60_000) / HOUR_MS) % 24
        : Math.floor((ms - start) / HOUR_MS);
      t.dayOf[h] = i * SLOTS;
      t.yearOf[h] = year;
    }
  }
  fill(t.transmission, 0, energinet.transmission, firstMs, localHour);
  fill(t.system, 0, energinet.system, firstMs, localHour);
  fill(t.elafgift, 0, energinet.tax, firstMs, localHour);
  fill(t.reducedElafgift, 0, energinet.reducedTax, firstMs, localHour);
  grid.forEach((g, k) => {
    const offset = k * hours;
    fill(t.grid, offset, g.rows, firstMs, localHour);
    // Hours without a row of the code's own: a row with the same note, if one is in force.
    for (const { from, to, row } of g.fallback.runs(firstMs, hours)) {
      if (row === undefined) continue;
      const number = g.fallbackRows.get(row) ?? -1;
      for (let h = from; h < to; h++) {
        if (!Number.isNaN(t.grid[offset + h] as number)) continue;
        t.grid[offset + h] = hourPrice(row, localHour[h] as number);
        t.gridFallback[offset + h] = number;
      }
    }
  });
  return t;
}

/** What the setup of `electricityCost` hands to the loop over the points. */
interface Pricing {
  fromMs: number;
  toMs: number;
  hourly: PriceIndex;
  quarterly: PriceIndex;
  tables: HourTables;
  gridCodes: number;
  /** The period's sums (SLOTS numbers) and each day's, added to in place. */
  totals: Float64Array;
  daySums: Float64Array;
  /** Per grid code: DKK, and priced points without a row; per row found through a note: points. */
  gridCost: Float64Array;
  gridMissing: Float64Array;
  fallbackPoints: Float64Array;
  markup: number;
  vatRate: number;
  yearToDateKwh: number;
  firstYear: number;
  electricHeating: boolean;
  includePoints: boolean;
}

/** What the loop over the points counted, besides the sums. */
interface PointsTally {
  sameResolution: boolean;
  meanOfQuarters: boolean;
  hourForQuarters: boolean;
  points: CostPoint[] | undefined;
  withoutQuantity: number;
  production: number;
  coarse: number;
  unpriced: string[];
  dataEndMs: number | undefined;
  reducedKwh: number;
  pricedPoints: number;
  pricedKwh: number;
  missing: { transmission: number; system: number; elafgift: number };
}

const nullIfNaN = (value: number): number | null => (Number.isNaN(value) ? null : value);

/** One priced point for `includePoints` (per kWh; NaN tariffs are missing ones). */
function costPoint(
  p: { start: string; end: string },
  q: number,
  spotPerKwh: number,
  gridPerKwh: number,
  transmission: number,
  system: number,
  fullElafgift: number,
  elafgiftDkk: number,
  markup: number,
  vatRate: number,
): CostPoint {
  const trans = Number.isNaN(transmission) ? 0 : transmission;
  const sys = Number.isNaN(system) ? 0 : system;
  // The same sum, in the same order, as the period's and the day's.
  const excl = spotPerKwh * q + gridPerKwh * q + trans * q + sys * q + elafgiftDkk + markup * q;
  return {
    start: p.start,
    end: p.end,
    kWh: q,
    spotDkkPerKwh: roundTo(spotPerKwh, 6),
    gridTariffDkkPerKwh: roundTo(gridPerKwh, 6),
    transmissionTariffDkkPerKwh: nullIfNaN(transmission),
    systemTariffDkkPerKwh: nullIfNaN(system),
    elafgiftDkkPerKwh: Number.isNaN(fullElafgift)
      ? null
      : q === 0
        ? fullElafgift
        : roundTo(elafgiftDkk / q, 6),
    supplierMarkupDkkPerKwh: markup,
    exclVatDkk: roundTo(excl, 6),
    totalDkk: roundTo(excl * (1 + vatRate), 6),
  };
}

/**
 * The loop over every point, on its own and on numbers only (every tariff comes from the hour
 * tables): the optimiser compiles it once and keeps it, whatever the setup and the building of the
 * result around it do.
 */
function pricePoints(pricing: Pricing, consumption: ElectricityCostInput["points"]): PointsTally {
  // Which price rules applied (flags: set per point, read once).
  let sameResolution = false;
  let meanOfQuarters = false;
  let hourForQuarters = false;
  const points: CostPoint[] | undefined = pricing.includePoints ? [] : undefined;
  let withoutQuantity = 0;
  let production = 0;
  let coarse = 0;
  const unpriced: string[] = [];
  let dataEndMs: number | undefined;
  let reducedKwh = 0;
  let pricedPoints = 0;
  let pricedKwh = 0;
  let yearOfRunning = pricing.firstYear;
  let running = pricing.yearToDateKwh;
  let missingTransmission = 0;
  let missingSystem = 0;
  let missingElafgift = 0;
  const { fromMs, toMs, hourly, quarterly, tables, gridCodes, totals, daySums } = pricing;
  const { gridCost, gridMissing, fallbackPoints, markup, vatRate, electricHeating } = pricing;
  const { hours, dayOf, yearOf, transmission, system, elafgift: fullTax, reducedElafgift } = tables;
  const { grid, gridFallback } = tables;
  const hourMs = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;
  // The current day's sums in locals, written to daySums when the day changes (points come in time
  // order; a day met again later is added to, not replaced).
  let day = -1;
  let dayKwh = 0;
  let daySpot = 0;
  let dayGrid = 0;
  let dayTransmission = 0;
  let daySystem = 0;
  let dayElafgift = 0;
  let dayMarkup = 0;
  let dayUnpriced = 0;

  for (const p of consumption) {
    if (p.businessType === "A01") {
      production++;
      continue;
    }
    const startMs = instantMs(p.start);
    if (!(startMs >= fromMs && startMs < toMs)) continue;
    const duration =
      p.resolution === "PT1H" ? HOUR_MS : p.resolution === "PT15M" ? QUARTER_MS : Date.parse(p.end) - startMs;
    const endMs = startMs + duration;
    if (dataEndMs === undefined || endMs > dataEndMs) dataEndMs = endMs;
    const h = Math.floor((startMs - fromMs) / HOUR_MS);
    if (dayOf[h] !== day) {
      if (day >= 0) {
        addDay(daySums, day, dayKwh, daySpot, dayGrid, dayTransmission, daySystem, dayElafgift, dayMarkup);
        add(daySums, day + UNPRICED, dayUnpriced);
      }
      day = dayOf[h] as number;
      dayKwh = daySpot = dayGrid = dayTransmission = daySystem = dayElafgift = dayMarkup = dayUnpriced = 0;
    }
    const year = yearOf[h] as number;
    if (year !== yearOfRunning) {
      yearOfRunning = year;
      running = 0;
    }
    const q = p.quantity;
    if (q === null || p.quality === "A02") {
      withoutQuantity++;
      dayUnpriced++;
      points?.push(emptyPoint(p.start, p.end, null, markup));
      continue;
    }
    // The day-ahead price for the point, by the rule its resolution needs.
    let spot = Number.NaN;
    if (duration === HOUR_MS) {
      const hour = hourly.get(startMs);
      if (hour !== undefined) {
        spot = hour;
        sameResolution = true;
      } else {
        const a = quarterly.get(startMs);
        const b = quarterly.get(startMs + QUARTER_MS);
        const c = quarterly.get(startMs + 2 * QUARTER_MS);
        const d = quarterly.get(startMs + 3 * QUARTER_MS);
        if (a !== undefined && b !== undefined && c !== undefined && d !== undefined) {
          spot = (a + b + c + d) / 4; // NaN when any quarter is unpublished
          meanOfQuarters = true;
        }
      }
    } else if (duration === QUARTER_MS) {
      const quarter = quarterly.get(startMs);
      if (quarter !== undefined) {
        spot = quarter;
        sameResolution = true;
      } else {
        const hour = hourly.get(hourMs(startMs));
        if (hour !== undefined) {
          spot = hour;
          hourForQuarters = true;
        }
      }
    } else {
      coarse++;
      dayUnpriced++;
      continue;
    }
    if (Number.isNaN(spot)) {
      unpriced.push(p.start);
      dayUnpriced++;
      dayKwh += q;
      points?.push(emptyPoint(p.start, p.end, q, markup));
      continue;
    }
    const spotPerKwh = spot / 1000;
    let gridPerKwh = 0;
    for (let k = 0, at = h; k < gridCodes; k++, at += hours) {
      const price = grid[at] as number;
      if (Number.isNaN(price)) {
        gridMissing[k] = (gridMissing[k] as number) + 1;
        continue;
      }
      gridPerKwh += price;
      gridCost[k] = (gridCost[k] as number) + price * q;
      const f = gridFallback[at] as number;
      if (f >= 0) fallbackPoints[f] = (fallbackPoints[f] as number) + 1;
    }
    const trans = transmission[h] as number;
    const sys = system[h] as number;
    const full = fullTax[h] as number;
    if (Number.isNaN(trans)) missingTransmission++;
    if (Number.isNaN(sys)) missingSystem++;
    const transPerKwh = Number.isNaN(trans) ? 0 : trans;
    const sysPerKwh = Number.isNaN(sys) ? 0 : sys;
    let elafgift = 0;
    if (Number.isNaN(full)) missingElafgift++;
    else if (electricHeating) {
      // The part of the point above the year's 4,000 kWh at the reduced rate (none without its row).
      const reduced = reducedElafgift[h] as number;
      const below = Math.max(0, Math.min(q, REDUCED_ELAFGIFT_THRESHOLD_KWH - running));
      const above = Number.isNaN(reduced) ? 0 : q - below;
      elafgift = (q - above) * full + (Number.isNaN(reduced) ? 0 : above * reduced);
      reducedKwh += above;
    } else elafgift = q * full;
    running += q;
    pricedPoints++;
    pricedKwh += q;
    const spotDkk = spotPerKwh * q;
    const gridDkk = gridPerKwh * q;
    const transDkk = transPerKwh * q;
    const sysDkk = sysPerKwh * q;
    const markupDkk = markup * q;
    dayKwh += q;
    daySpot += spotDkk;
    dayGrid += gridDkk;
    dayTransmission += transDkk;
    daySystem += sysDkk;
    dayElafgift += elafgift;
    dayMarkup += markupDkk;
    if (points) {
      points.push(costPoint(p, q, spotPerKwh, gridPerKwh, trans, sys, full, elafgift, markup, vatRate));
    }
  }

  if (day >= 0) {
    addDay(daySums, day, dayKwh, daySpot, dayGrid, dayTransmission, daySystem, dayElafgift, dayMarkup);
    add(daySums, day + UNPRICED, dayUnpriced);
  }
  // The period's sums from the days' (subscriptions are added to both later).
  for (let at = 0; at < daySums.length; at += SLOTS) {
    for (const slot of [KWH, SPOT, GRID, TRANSMISSION, SYSTEM, ELAFGIFT, MARKUP]) {
      add(totals, slot, daySums[at + slot] as number);
    }
  }

  return {
    sameResolution,
    meanOfQuarters,
    hourForQuarters,
    points,
    withoutQuantity,
    production,
    coarse,
    unpriced,
    dataEndMs,
    reducedKwh,
    pricedPoints,
    pricedKwh,
    missing: { transmission: missingTransmission, system: missingSystem, elafgift: missingElafgift },
  };
}

/**
 * What electricity really cost, point by point: each consumption point × (the day-ahead price of its
 * price area + the grid company's tariffs valid at that instant, discount codes included + Energinet's
 * transmission and system tariffs + elafgift + the user's supplier markup), VAT on top, plus
 * subscriptions by the day (the grid company's from its price history, Energinet's 180 DKK a year
 * from 2024, the supplier's if given). Tariffs are read by the Danish local hour of each UTC instant.
 * Pure: pass the points, the prices and the price list; nothing is fetched and no clock is read.
 */
export function electricityCost(input: ElectricityCostInput): ElectricityCost {
  const { from, to, charges, priceArea } = input;
  if (!isValidLocalDate(from) || !isValidLocalDate(to) || from >= to) {
    throw invalidInput(
      `from and to must be dates YYYY-MM-DD with from before to; got ${String(from)} and ${String(to)}.`,
    );
  }
  const vatRate = input.vatRate ?? 0.25;
  if (!(Number.isFinite(vatRate) && vatRate >= 0 && vatRate < 1))
    throw invalidInput(`vatRate must be between 0 and 1; got ${String(vatRate)}.`);
  const markup = finiteOrZero(input.supplier?.markupDkkPerKwh, "supplier.markupDkkPerKwh");
  const supplierMonthly = finiteOrZero(
    input.supplier?.subscriptionDkkPerMonth,
    "supplier.subscriptionDkkPerMonth",
  );
  const ytd = finiteOrZero(input.yearToDateKwh, "yearToDateKwh");
  const fromMs = localDateStartUtc(from);
  const toMs = localDateStartUtc(to);
  const index = indexRows(input.pricelist);
  const notes: CostNote[] = [];
  if (priceArea.source === "postcode")
    notes.push({ kind: "price-area-inferred", area: priceArea.area, postcode: priceArea.postcode ?? "" });
  notes.push(
    input.supplier === undefined
      ? { kind: "no-supplier-terms" }
      : {
          kind: "supplier-terms-from-user",
          markupDkkPerKwh: markup,
          subscriptionDkkPerMonth: supplierMonthly,
        },
  );

  // Day-ahead prices of the area by start instant.
  const { hourly, quarterly } = priceIndexes(input.prices, priceArea.area, fromMs, toMs);

  // The grid company's codes from today's charges; their history from the price list.
  const gridTariffs = new Map<string, { owner: string; code: string; note: string }>();
  for (const t of charges.tariffs) {
    if (t.owner === ENERGINET_GLN || t.priceId === null) continue;
    gridTariffs.set(`${t.owner}|${t.priceId}`, { owner: t.owner, code: t.priceId, note: t.name });
  }
  if (gridTariffs.size === 0) notes.push({ kind: "no-grid-tariff-in-charges" });
  const gridCodeSet = new Set([...gridTariffs.values()].map((g) => `${g.owner}|${g.code}`));
  const grid: GridCode[] = [];
  /** Every row found through a note, by its number. */
  const fallbackRows: Array<{ grid: number; row: IndexedRow }> = [];
  for (const g of gridTariffs.values()) {
    const fallback: IndexedRow[] = [];
    const numbers = new Map<IndexedRow, number>();
    for (const [key, rows] of index) {
      const [owner, type, code] = key.split("|");
      if (owner !== g.owner || type !== "D03" || gridCodeSet.has(`${owner}|${code}`)) continue;
      for (const r of rows) {
        if (r.note !== g.note || r.allZero) continue;
        fallback.push(r);
        numbers.set(r, fallbackRows.length);
        fallbackRows.push({ grid: grid.length, row: r });
      }
    }
    grid.push({
      ...g,
      rows: new RowTimeline(index.get(rowKey(g.owner, "D03", g.code))),
      fallback: new RowTimeline(fallback),
      fallbackRows: numbers,
    });
  }
  const energinet = (code: string) => new RowTimeline(index.get(rowKey(ENERGINET_GLN, "D03", code)));
  const transmission = energinet("40000");
  const system = energinet("41000");
  const tax = energinet("EA-001");
  const reducedTax = energinet("EA-002");

  const dates: string[] = [];
  for (let d = from; d < to; d = addLocalDays(d, 1)) dates.push(d);
  const dayStarts = new Float64Array(dates.length + 1);
  dates.forEach((date, i) => {
    dayStarts[i] = localDateStartUtc(date);
  });
  dayStarts[dates.length] = toMs;
  const tables = hourTables(dates, dayStarts, grid, { transmission, system, tax, reducedTax });
  const totals = new Float64Array(SLOTS);
  const daySums = new Float64Array(dates.length * SLOTS);
  const gridCost = new Float64Array(grid.length);
  const gridMissing = new Float64Array(grid.length);
  const fallbackPoints = new Float64Array(fallbackRows.length);
  const tally = pricePoints(
    {
      fromMs,
      toMs,
      hourly,
      quarterly,
      tables,
      gridCodes: grid.length,
      totals,
      daySums,
      gridCost,
      gridMissing,
      fallbackPoints,
      markup,
      vatRate,
      yearToDateKwh: ytd,
      firstYear: Number(from.slice(0, 4)),
      electricHeating: input.electricHeating === true,
      includePoints: input.includePoints === true,
    },
    input.points,
  );

  // Subscriptions, day by day: the grid company's from its price history, Energinet's fixed one.
  const subscriptions: SubscriptionCost[] = [];
  for (const s of charges.subscriptions) {
    if (s.priceId === null) continue;
    subscriptions.push(new SubscriptionCost(s, index.get(rowKey(s.owner, "D01", s.priceId))));
  }
  let energinetSubscription = 0;
  // Energinet's subscription is per consumption metering point: one with Energinet's consumption
  // tariffs (a production point has only the feed-in tariff).
  const consumptionPoint = charges.tariffs.some(
    (t) =>
      t.owner === ENERGINET_GLN && (t.priceId === "40000" || t.priceId === "41000" || t.priceId === "EA-001"),
  );
  const monthDays = new Map<string, number>();
  const lengthOf = (date: string) => {
    const key = date.slice(0, 7);
    let n = monthDays.get(key);
    if (n === undefined) {
      n = daysInMonth(date);
      monthDays.set(key, n);
    }
    return n;
  };
  for (let i = 0; i < dates.length; i++) {
    const date = dates[i] as string;
    const at = i * SLOTS + SUBSCRIPTIONS;
    const atMs = dayStarts[i] as number;
    for (const s of subscriptions) {
      const row = rowAt(s.rows, atMs);
      let perDay: number;
      if (row !== undefined) {
        const amount = (row.prices[0] as number) * (s.charge.quantity ?? 1);
        perDay = row.resolution === "P1D" ? amount : amount / lengthOf(date);
      } else {
        s.fromToday = true;
        perDay = monthlyAmount(s.charge) / lengthOf(date);
      }
      s.costDkk += perDay;
      add(daySums, at, perDay);
    }
    if (consumptionPoint && date >= ENERGINET_SUBSCRIPTION_FROM) {
      const perDay = ENERGINET_SUBSCRIPTION_DKK_PER_YEAR / daysInYear(date);
      energinetSubscription += perDay;
      add(daySums, at, perDay);
    }
    if (supplierMonthly !== 0) add(daySums, at, supplierMonthly / lengthOf(date));
    add(totals, SUBSCRIPTIONS, daySums[at] as number);
  }

  if (tally.dataEndMs === undefined) notes.push({ kind: "no-consumption-data" });
  else if (tally.dataEndMs < toMs)
    notes.push({ kind: "data-ends-early", dataEnd: new Date(tally.dataEndMs).toISOString() });
  if (tally.production > 0) notes.push({ kind: "production-left-out", points: tally.production });
  if (tally.withoutQuantity > 0)
    notes.push({ kind: "points-without-quantity", points: tally.withoutQuantity });
  if (tally.coarse > 0) notes.push({ kind: "points-too-coarse", points: tally.coarse });
  if (tally.unpriced.length > 0) {
    notes.push({
      kind: "points-without-price",
      points: tally.unpriced.length,
      first: tally.unpriced[0] as string,
      last: tally.unpriced[tally.unpriced.length - 1] as string,
    });
  }
  grid.forEach((g, k) => {
    const missingPoints = gridMissing[k] as number;
    if (missingPoints > 0)
      notes.push({ kind: "tariff-missing", component: "grid", code: g.code, points: missingPoints });
    const byCode = new Map<string, number>();
    fallbackRows.forEach(({ grid: owner, row }, f) => {
      const n = fallbackPoints[f] as number;
      if (owner === k && n > 0) byCode.set(row.code, (byCode.get(row.code) ?? 0) + n);
    });
    for (const [usedCode, n] of byCode)
      notes.push({ kind: "grid-code-fallback", code: g.code, note: g.note, usedCode, points: n });
  });
  for (const [component, code] of [
    ["transmission", "40000"],
    ["system", "41000"],
    ["elafgift", "EA-001"],
  ] as const) {
    if (tally.missing[component] > 0)
      notes.push({ kind: "tariff-missing", component, code, points: tally.missing[component] });
  }
  for (const s of subscriptions) {
    if (s.fromToday)
      notes.push({ kind: "subscription-from-today", code: s.charge.priceId as string, name: s.charge.name });
  }
  if (input.electricHeating) {
    notes.push({
      kind: "reduced-elafgift",
      kWh: roundTo(tally.reducedKwh, 3),
      thresholdKwh: REDUCED_ELAFGIFT_THRESHOLD_KWH,
      yearToDateKwh: ytd,
    });
  }

  const energyExcl =
    (totals[SPOT] as number) +
    (totals[GRID] as number) +
    (totals[TRANSMISSION] as number) +
    (totals[SYSTEM] as number) +
    (totals[ELAFGIFT] as number) +
    (totals[MARKUP] as number);
  const result: ElectricityCost = {
    meteringPointId: input.meteringPointId ?? charges.meteringPointId,
    from,
    to,
    priceArea,
    ...finish(totals, 0, vatRate),
    pricedPoints: tally.pricedPoints,
    averageEnergyPriceDkkPerKwh:
      tally.pricedKwh > 0 ? roundTo((energyExcl * (1 + vatRate)) / tally.pricedKwh, 4) : null,
    vatRate,
    rules: {
      price: [
        ...(tally.meanOfQuarters ? (["mean-of-quarters"] as const) : []),
        ...(tally.hourForQuarters ? (["hour-price-for-quarters"] as const) : []),
        ...(tally.sameResolution ? (["same-resolution"] as const) : []),
      ] as PriceRule[],
      tariffHour: "danish-local-hour",
    },
    days: dates.map(
      (date, i): CostDay => ({
        date,
        ...finish(daySums, i * SLOTS, vatRate),
        unpricedPoints: daySums[i * SLOTS + UNPRICED] as number,
      }),
    ),
    gridCodes: grid.map((g, k) => ({
      owner: g.owner,
      code: g.code,
      note: g.note,
      costDkk: roundTo(gridCost[k] as number, 2),
    })),
    subscriptions: [
      ...subscriptions.map((s) => ({
        owner: s.charge.owner,
        code: s.charge.priceId as string,
        name: s.charge.name,
        costDkk: roundTo(s.costDkk, 2),
      })),
      ...(energinetSubscription > 0
        ? [
            {
              owner: ENERGINET_GLN,
              code: "system-subscription",
              name: "Energinet's system subscription (180 DKK a year)",
              costDkk: roundTo(energinetSubscription, 2),
            },
          ]
        : []),
      ...(supplierMonthly !== 0
        ? [
            {
              owner: "supplier",
              code: "supplier-subscription",
              name: "Supplier subscription (your input)",
              costDkk: roundTo(supplierMonthly * monthsOf(dates), 2),
            },
          ]
        : []),
    ],
    notes,
  };
  if (tally.points) result.points = tally.points;
  return result;
}

/** The supplier's subscription per day summed back to months (partial months by their days). */
function monthsOf(dates: readonly string[]): number {
  let months = 0;
  for (const date of dates) months += 1 / daysInMonth(date);
  return months;
}

/** One subscription of today's charges, with its history and what it added up to. */
class SubscriptionCost {
  costDkk = 0;
  /** Some day had no price-list row: today's amount was used. */
  fromToday = false;

  constructor(
    readonly charge: ElectricityCostInput["charges"]["subscriptions"][number],
    readonly rows: readonly IndexedRow[] | undefined,
  ) {}
}

function emptyPoint(start: string, end: string, kWh: number | null, markup: number): CostPoint {
  return {
    start,
    end,
    kWh,
    spotDkkPerKwh: null,
    gridTariffDkkPerKwh: null,
    transmissionTariffDkkPerKwh: null,
    systemTariffDkkPerKwh: null,
    elafgiftDkkPerKwh: null,
    supplierMarkupDkkPerKwh: markup,
    exclVatDkk: null,
    totalDkk: null,
  };
}
