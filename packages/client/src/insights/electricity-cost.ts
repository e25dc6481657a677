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
  PriceIndex,
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

type Sums = Omit<CostComponents, "exclVatDkk" | "vatDkk" | "totalDkk"> & {
  kWh: number;
  unpricedPoints: number;
};

const zero = (): Sums => ({
  spotDkk: 0,
  gridTariffDkk: 0,
  transmissionTariffDkk: 0,
  systemTariffDkk: 0,
  elafgiftDkk: 0,
  supplierMarkupDkk: 0,
  subscriptionsDkk: 0,
  kWh: 0,
  unpricedPoints: 0,
});

function finish(s: Sums, vatRate: number): CostComponents & { kWh: number } {
  const excl =
    s.spotDkk +
    s.gridTariffDkk +
    s.transmissionTariffDkk +
    s.systemTariffDkk +
    s.elafgiftDkk +
    s.supplierMarkupDkk +
    s.subscriptionsDkk;
  return {
    kWh: roundTo(s.kWh, 3),
    spotDkk: roundTo(s.spotDkk, 2),
    gridTariffDkk: roundTo(s.gridTariffDkk, 2),
    transmissionTariffDkk: roundTo(s.transmissionTariffDkk, 2),
    systemTariffDkk: roundTo(s.systemTariffDkk, 2),
    elafgiftDkk: roundTo(s.elafgiftDkk, 2),
    supplierMarkupDkk: roundTo(s.supplierMarkupDkk, 2),
    subscriptionsDkk: roundTo(s.subscriptionsDkk, 2),
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
  const hourStarts: number[] = [];
  const hourValues: number[] = [];
  const quarterStarts: number[] = [];
  const quarterValues: number[] = [];
  for (const p of input.prices) {
    if (p.area !== priceArea.area) continue;
    const ms = typeof p.startMs === "number" ? p.startMs : instantMs(p.start);
    // NaN: not published (yet).
    if (p.resolution === "PT15M") {
      quarterStarts.push(ms);
      quarterValues.push(p.dkkPerMwh ?? Number.NaN);
    } else {
      hourStarts.push(ms);
      hourValues.push(p.dkkPerMwh ?? Number.NaN);
    }
  }
  const hourly = new PriceIndex(HOUR_MS, hourStarts, hourValues);
  const quarterly = new PriceIndex(QUARTER_MS, quarterStarts, quarterValues);

  // The grid company's codes from today's charges; their history from the price list.
  const gridTariffs = new Map<string, { owner: string; code: string; note: string }>();
  for (const t of charges.tariffs) {
    if (t.owner === ENERGINET_GLN || t.priceId === null) continue;
    gridTariffs.set(`${t.owner}|${t.priceId}`, { owner: t.owner, code: t.priceId, note: t.name });
  }
  if (gridTariffs.size === 0) notes.push({ kind: "no-grid-tariff-in-charges" });
  const gridCodeSet = new Set([...gridTariffs.values()].map((g) => `${g.owner}|${g.code}`));
  const grid = [...gridTariffs.values()].map((g) => {
    const fallback: IndexedRow[] = [];
    for (const [key, rows] of index) {
      const [owner, type, code] = key.split("|");
      if (owner !== g.owner || type !== "D03" || gridCodeSet.has(`${owner}|${code}`)) continue;
      for (const r of rows) if (r.note === g.note && !r.allZero) fallback.push(r);
    }
    return {
      ...g,
      rows: new RowTimeline(index.get(rowKey(g.owner, "D03", g.code))),
      fallback: new RowTimeline(fallback),
      costDkk: 0,
      missing: 0,
      lastFallback: undefined as IndexedRow | undefined,
      lastFallbackCount: 0,
      /** Points priced with each row found through the note (counted per row, summed per code). */
      fallbacks: new Map<IndexedRow, number>(),
    };
  });
  const energinet = (code: string) => new RowTimeline(index.get(rowKey(ENERGINET_GLN, "D03", code)));
  const transmission = energinet("40000");
  const system = energinet("41000");
  const tax = energinet("EA-001");
  const reducedTax = energinet("EA-002");
  const missing = { transmission: 0, system: 0, elafgift: 0 };

  const totals = zero();
  const days = new Map<string, Sums>();
  for (let d = from; d < to; d = addLocalDays(d, 1)) days.set(d, zero());
  // Which price rules applied (flags: set per point, read once).
  let sameResolution = false;
  let meanOfQuarters = false;
  let hourForQuarters = false;
  const points: CostPoint[] | undefined = input.includePoints ? [] : undefined;
  let withoutQuantity = 0;
  let production = 0;
  let coarse = 0;
  const unpriced: string[] = [];
  let dataEndMs: number | undefined;
  let reducedKwh = 0;
  let pricedPoints = 0;
  let pricedKwh = 0;
  let yearOfRunning = Number(from.slice(0, 4));
  let running = ytd;

  // The Danish day of the latest point: its date is worked out once a day, not per point, and on
  // a day without a clock change the local hour is the hours since local midnight.
  let dayStartMs = Number.NaN;
  let dayEndMs = Number.NaN;
  let dayHasClockChange = false;
  let day: Sums | undefined;
  const hourMs = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;

  for (const p of input.points) {
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
      day = days.get(date);
      const year = Number(date.slice(0, 4));
      if (year !== yearOfRunning) {
        yearOfRunning = year;
        running = 0;
      }
    }
    const q = p.quantity;
    if (q === null || p.quality === "A02") {
      withoutQuantity++;
      if (day) day.unpricedPoints++;
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
      if (day) day.unpricedPoints++;
      continue;
    }
    if (Number.isNaN(spot)) {
      unpriced.push(p.start);
      if (day) {
        day.unpricedPoints++;
        day.kWh += q;
      }
      totals.kWh += q;
      points?.push(emptyPoint(p.start, p.end, q, markup));
      continue;
    }
    const spotPerKwh = spot / 1000;
    const localHour = dayHasClockChange
      ? Math.floor((startMs + copenhagenOffsetMinutes(startMs) * 60_000) / HOUR_MS) % 24
      : Math.floor((startMs - dayStartMs) / HOUR_MS);
    let gridPerKwh = 0;
    for (const g of grid) {
      let row = g.rows.at(startMs);
      if (row === undefined) {
        row = g.fallback.at(startMs);
        if (row !== undefined) {
          if (row === g.lastFallback) g.lastFallbackCount++;
          else {
            if (g.lastFallback)
              g.fallbacks.set(g.lastFallback, (g.fallbacks.get(g.lastFallback) ?? 0) + g.lastFallbackCount);
            g.lastFallback = row;
            g.lastFallbackCount = 1;
          }
        }
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
    if (tRow === undefined) missing.transmission++;
    if (sRow === undefined) missing.system++;
    const transPerKwh = tRow ? hourPrice(tRow, localHour) : 0;
    const sysPerKwh = sRow ? hourPrice(sRow, localHour) : 0;
    let elafgift = 0;
    if (eRow === undefined) missing.elafgift++;
    else {
      const full = hourPrice(eRow, localHour);
      if (input.electricHeating) {
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
    totals.kWh += q;
    totals.spotDkk += spotDkk;
    totals.gridTariffDkk += gridDkk;
    totals.transmissionTariffDkk += transDkk;
    totals.systemTariffDkk += sysDkk;
    totals.elafgiftDkk += elafgift;
    totals.supplierMarkupDkk += markupDkk;
    if (day) {
      day.kWh += q;
      day.spotDkk += spotDkk;
      day.gridTariffDkk += gridDkk;
      day.transmissionTariffDkk += transDkk;
      day.systemTariffDkk += sysDkk;
      day.elafgiftDkk += elafgift;
      day.supplierMarkupDkk += markupDkk;
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

  // Subscriptions, day by day: the grid company's from its price history, Energinet's fixed one.
  const subscriptions = charges.subscriptions
    .filter((s) => s.priceId !== null)
    .map((s) => ({
      charge: s,
      rows: index.get(rowKey(s.owner, "D01", s.priceId as string)),
      costDkk: 0,
      fromToday: false,
    }));
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
  for (const [date, sums] of days) {
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
      sums.subscriptionsDkk += perDay;
    }
    if (consumptionPoint && date >= ENERGINET_SUBSCRIPTION_FROM) {
      const perDay = ENERGINET_SUBSCRIPTION_DKK_PER_YEAR / daysInYear(date);
      energinetSubscription += perDay;
      sums.subscriptionsDkk += perDay;
    }
    if (supplierMonthly !== 0) sums.subscriptionsDkk += supplierMonthly / lengthOf(date);
    totals.subscriptionsDkk += sums.subscriptionsDkk;
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
    if (g.lastFallback)
      g.fallbacks.set(g.lastFallback, (g.fallbacks.get(g.lastFallback) ?? 0) + g.lastFallbackCount);
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
    totals.spotDkk +
    totals.gridTariffDkk +
    totals.transmissionTariffDkk +
    totals.systemTariffDkk +
    totals.elafgiftDkk +
    totals.supplierMarkupDkk;
  const result: ElectricityCost = {
    meteringPointId: input.meteringPointId ?? charges.meteringPointId,
    from,
    to,
    priceArea,
    ...finish(totals, vatRate),
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
    days: [...days].map(
      ([date, sums]): CostDay => ({ date, ...finish(sums, vatRate), unpricedPoints: sums.unpricedPoints }),
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
              costDkk: roundTo(supplierMonthly * monthsOf(days), 2),
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
function monthsOf(days: Map<string, Sums>): number {
  let months = 0;
  for (const date of days.keys()) months += 1 / daysInMonth(date);
  return months;
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
