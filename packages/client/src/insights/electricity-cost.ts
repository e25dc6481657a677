import { ENERGINET_GLN } from "../energi-data-service/constants.js";
import { invalidInput } from "../errors/eloverblik-error.js";
import {
  addLocalDays,
  copenhagenOffsetMinutes,
  isValidLocalDate,
  localDateOf,
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

/** One grid tariff code of today's charges, with its history and what it added up to. */
class GridCode {
  costDkk = 0;
  missing = 0;
  /** The fallback row of the latest run of points priced through the note, and the run's length. */
  lastFallback: IndexedRow | null = null;
  lastFallbackCount = 0;
  /** Points priced with each row found through the note (counted per row, summed per code). */
  readonly fallbacks = new Map<IndexedRow, number>();

  constructor(
    readonly owner: string,
    readonly code: string,
    readonly note: string,
    readonly rows: RowTimeline,
    readonly fallback: RowTimeline,
  ) {}

  /** Counts the point priced with `row` (found through the note) in the current run. */
  countFallback(row: IndexedRow): void {
    if (row === this.lastFallback) {
      this.lastFallbackCount++;
      return;
    }
    this.closeRun();
    this.lastFallback = row;
    this.lastFallbackCount = 1;
  }

  closeRun(): void {
    const last = this.lastFallback;
    if (last !== null) this.fallbacks.set(last, (this.fallbacks.get(last) ?? 0) + this.lastFallbackCount);
    this.lastFallback = null;
    this.lastFallbackCount = 0;
  }
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

/** What the setup of `electricityCost` hands to the loop over the points. */
interface Pricing {
  fromMs: number;
  toMs: number;
  hourly: PriceIndex;
  quarterly: PriceIndex;
  grid: GridCode[];
  transmission: RowTimeline;
  system: RowTimeline;
  tax: RowTimeline;
  reducedTax: RowTimeline;
  dayIndex: Map<string, number>;
  /** The period's sums (SLOTS numbers) and each day's, added to in place. */
  totals: Float64Array;
  daySums: Float64Array;
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

/**
 * The loop over every point, on its own: the optimiser compiles it once and keeps it, whatever the
 * setup and the building of the result around it do (a change of object shapes there used to throw
 * away the compiled loop and price the next calls in the interpreter).
 */
function pricePoints(c: Pricing, consumption: ElectricityCostInput["points"]): PointsTally {
  // Which price rules applied (flags: set per point, read once).
  let sameResolution = false;
  let meanOfQuarters = false;
  let hourForQuarters = false;
  const points: CostPoint[] | undefined = c.includePoints ? [] : undefined;
  let withoutQuantity = 0;
  let production = 0;
  let coarse = 0;
  const unpriced: string[] = [];
  let dataEndMs: number | undefined;
  let reducedKwh = 0;
  let pricedPoints = 0;
  let pricedKwh = 0;
  let yearOfRunning = c.firstYear;
  let running = c.yearToDateKwh;
  let missingTransmission = 0;
  let missingSystem = 0;
  let missingElafgift = 0;
  const { fromMs, toMs, hourly, quarterly, grid, transmission, system, tax, reducedTax } = c;
  const { dayIndex, totals, daySums, markup, vatRate } = c;

  // The Danish day of the latest point: its date is worked out once a day, not per point, and on
  // a day without a clock change the local hour is the hours since local midnight.
  let dayStartMs = Number.NaN;
  let dayEndMs = Number.NaN;
  let dayHasClockChange = false;
  /** Where the day's sums start in daySums; -1 for a day outside the period. */
  let day = -1;
  const hourMs = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;

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
    if (!(startMs >= dayStartMs && startMs < dayEndMs)) {
      const date = localDateOf(startMs);
      dayStartMs = localDateStartUtc(date);
      dayEndMs = localDateStartUtc(addLocalDays(date, 1));
      dayHasClockChange = dayEndMs - dayStartMs !== 24 * HOUR_MS;
      const i = dayIndex.get(date);
      day = i === undefined ? -1 : i * SLOTS;
      const year = Number(date.slice(0, 4));
      if (year !== yearOfRunning) {
        yearOfRunning = year;
        running = 0;
      }
    }
    const q = p.quantity;
    if (q === null || p.quality === "A02") {
      withoutQuantity++;
      if (day >= 0) add(daySums, day + UNPRICED, 1);
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
      if (day >= 0) add(daySums, day + UNPRICED, 1);
      continue;
    }
    if (Number.isNaN(spot)) {
      unpriced.push(p.start);
      if (day >= 0) {
        add(daySums, day + UNPRICED, 1);
        add(daySums, day + KWH, q);
      }
      add(totals, KWH, q);
      points?.push(emptyPoint(p.start, p.end, q, markup));
      continue;
    }
    const spotPerKwh = spot / 1000;
    const localHour = dayHasClockChange
      ? Math.floor((startMs + copenhagenOffsetMinutes(startMs) * 60_000) / HOUR_MS) % 24
      : Math.floor((startMs - dayStartMs) / HOUR_MS);
    let gridPerKwh = 0;
    for (let k = 0; k < grid.length; k++) {
      const g = grid[k] as GridCode;
      let row = g.rows.at(startMs);
      if (row === undefined) {
        row = g.fallback.at(startMs);
        if (row !== undefined) g.countFallback(row);
      }
      if (row === undefined) {
        g.missing++;
        continue;
      }
      const price = hourPrice(row, localHour);
      gridPerKwh += price;
      g.costDkk += price * q;
    }
    const tRow = transmission.at(startMs);
    const sRow = system.at(startMs);
    const eRow = tax.at(startMs);
    if (tRow === undefined) missingTransmission++;
    if (sRow === undefined) missingSystem++;
    const transPerKwh = tRow ? hourPrice(tRow, localHour) : 0;
    const sysPerKwh = sRow ? hourPrice(sRow, localHour) : 0;
    let elafgift = 0;
    if (eRow === undefined) missingElafgift++;
    else {
      const full = hourPrice(eRow, localHour);
      if (c.electricHeating) {
        // The part of the point above the year's 4,000 kWh at the reduced rate (none without its row).
        const rRow = reducedTax.at(startMs);
        const below = Math.max(0, Math.min(q, REDUCED_ELAFGIFT_THRESHOLD_KWH - running));
        const above = rRow ? q - below : 0;
        elafgift = (q - above) * full + (rRow ? above * hourPrice(rRow, localHour) : 0);
        reducedKwh += above;
      } else elafgift = q * full;
    }
    running += q;
    pricedPoints++;
    pricedKwh += q;
    const spotDkk = spotPerKwh * q;
    const gridDkk = gridPerKwh * q;
    const transDkk = transPerKwh * q;
    const sysDkk = sysPerKwh * q;
    const markupDkk = markup * q;
    add(totals, KWH, q);
    add(totals, SPOT, spotDkk);
    add(totals, GRID, gridDkk);
    add(totals, TRANSMISSION, transDkk);
    add(totals, SYSTEM, sysDkk);
    add(totals, ELAFGIFT, elafgift);
    add(totals, MARKUP, markupDkk);
    if (day >= 0) {
      add(daySums, day + KWH, q);
      add(daySums, day + SPOT, spotDkk);
      add(daySums, day + GRID, gridDkk);
      add(daySums, day + TRANSMISSION, transDkk);
      add(daySums, day + SYSTEM, sysDkk);
      add(daySums, day + ELAFGIFT, elafgift);
      add(daySums, day + MARKUP, markupDkk);
    }
    if (points) {
      const excl = spotDkk + gridDkk + transDkk + sysDkk + elafgift + markupDkk;
      points.push({
        start: p.start,
        end: p.end,
        kWh: q,
        spotDkkPerKwh: roundTo(spotPerKwh, 6),
        gridTariffDkkPerKwh: roundTo(gridPerKwh, 6),
        transmissionTariffDkkPerKwh: tRow ? transPerKwh : null,
        systemTariffDkkPerKwh: sRow ? sysPerKwh : null,
        elafgiftDkkPerKwh: eRow ? (q === 0 ? hourPrice(eRow, localHour) : roundTo(elafgift / q, 6)) : null,
        supplierMarkupDkkPerKwh: markup,
        exclVatDkk: roundTo(excl, 6),
        totalDkk: roundTo(excl * (1 + vatRate), 6),
      });
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
  const { hourly, quarterly } = priceIndexes(input.prices, priceArea.area);

  // The grid company's codes from today's charges; their history from the price list.
  const gridTariffs = new Map<string, { owner: string; code: string; note: string }>();
  for (const t of charges.tariffs) {
    if (t.owner === ENERGINET_GLN || t.priceId === null) continue;
    gridTariffs.set(`${t.owner}|${t.priceId}`, { owner: t.owner, code: t.priceId, note: t.name });
  }
  if (gridTariffs.size === 0) notes.push({ kind: "no-grid-tariff-in-charges" });
  const gridCodeSet = new Set([...gridTariffs.values()].map((g) => `${g.owner}|${g.code}`));
  const grid: GridCode[] = [];
  for (const g of gridTariffs.values()) {
    const fallback: IndexedRow[] = [];
    for (const [key, rows] of index) {
      const [owner, type, code] = key.split("|");
      if (owner !== g.owner || type !== "D03" || gridCodeSet.has(`${owner}|${code}`)) continue;
      for (const r of rows) if (r.note === g.note && !r.allZero) fallback.push(r);
    }
    grid.push(
      new GridCode(
        g.owner,
        g.code,
        g.note,
        new RowTimeline(index.get(rowKey(g.owner, "D03", g.code))),
        new RowTimeline(fallback),
      ),
    );
  }
  const energinet = (code: string) => new RowTimeline(index.get(rowKey(ENERGINET_GLN, "D03", code)));
  const transmission = energinet("40000");
  const system = energinet("41000");
  const tax = energinet("EA-001");
  const reducedTax = energinet("EA-002");

  const dates: string[] = [];
  for (let d = from; d < to; d = addLocalDays(d, 1)) dates.push(d);
  const dayIndex = new Map<string, number>(dates.map((d, i) => [d, i]));
  const totals = new Float64Array(SLOTS);
  const daySums = new Float64Array(dates.length * SLOTS);
  const {
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
    missing,
  } = pricePoints(
    {
      fromMs,
      toMs,
      hourly,
      quarterly,
      grid,
      transmission,
      system,
      tax,
      reducedTax,
      dayIndex,
      totals,
      daySums,
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
    const atMs = localDateStartUtc(date);
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

  if (dataEndMs === undefined) notes.push({ kind: "no-consumption-data" });
  else if (dataEndMs < toMs)
    notes.push({ kind: "data-ends-early", dataEnd: new Date(dataEndMs).toISOString() });
  if (production > 0) notes.push({ kind: "production-left-out", points: production });
  if (withoutQuantity > 0) notes.push({ kind: "points-without-quantity", points: withoutQuantity });
  if (coarse > 0) notes.push({ kind: "points-too-coarse", points: coarse });
  if (unpriced.length > 0) {
    notes.push({
      kind: "points-without-price",
      points: unpriced.length,
      first: unpriced[0] as string,
      last: unpriced[unpriced.length - 1] as string,
    });
  }
  for (const g of grid) {
    if (g.missing > 0)
      notes.push({ kind: "tariff-missing", component: "grid", code: g.code, points: g.missing });
    g.closeRun();
    const byCode = new Map<string, number>();
    for (const [row, n] of g.fallbacks) byCode.set(row.code, (byCode.get(row.code) ?? 0) + n);
    for (const [usedCode, n] of byCode)
      notes.push({ kind: "grid-code-fallback", code: g.code, note: g.note, usedCode, points: n });
  }
  for (const [component, code] of [
    ["transmission", "40000"],
    ["system", "41000"],
    ["elafgift", "EA-001"],
  ] as const) {
    if (missing[component] > 0)
      notes.push({ kind: "tariff-missing", component, code, points: missing[component] });
  }
  for (const s of subscriptions) {
    if (s.fromToday)
      notes.push({ kind: "subscription-from-today", code: s.charge.priceId as string, name: s.charge.name });
  }
  if (input.electricHeating) {
    notes.push({
      kind: "reduced-elafgift",
      kWh: roundTo(reducedKwh, 3),
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
    pricedPoints,
    averageEnergyPriceDkkPerKwh: pricedKwh > 0 ? roundTo((energyExcl * (1 + vatRate)) / pricedKwh, 4) : null,
    vatRate,
    rules: {
      price: [
        ...(meanOfQuarters ? (["mean-of-quarters"] as const) : []),
        ...(hourForQuarters ? (["hour-price-for-quarters"] as const) : []),
        ...(sameResolution ? (["same-resolution"] as const) : []),
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
    gridCodes: grid.map((g) => ({
      owner: g.owner,
      code: g.code,
      note: g.note,
      costDkk: roundTo(g.costDkk, 2),
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
  if (points) result.points = points;
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
