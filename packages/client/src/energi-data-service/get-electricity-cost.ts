import type { NormalizedCharges } from "../charges/normalize-charges.js";
import {
  describeValue,
  EloverblikError,
  invalidInput,
  isEloverblikError,
} from "../errors/eloverblik-error.js";
import type { ElectricityCost } from "../insights/cost-types.js";
import { electricityCost } from "../insights/electricity-cost.js";
import { type PriceAreaChoice, priceAreaFromPostcode } from "../insights/price-area.js";
import type { ItemResult } from "../operations/item-result.js";
import type { TimeSeriesPoint } from "../time-series/types.js";
import { ENERGINET_GLN } from "./constants.js";
import type { EnergiDataService } from "./create-energi-data-service.js";
import { checkPeriod } from "./day-ahead.js";

/** What the cost needs of an Eloverblik client or session (any object with these three methods). */
export interface CostSource {
  getTimeSeries(
    ids: readonly string[],
    options: { from: string; to: string; aggregation: "Actual" | "Hour"; signal?: AbortSignal },
  ): Promise<ItemResult<{ points: TimeSeriesPoint[] }>[]>;
  getCharges(
    ids: readonly string[],
    options?: { signal?: AbortSignal },
  ): Promise<ItemResult<NormalizedCharges>[]>;
  getDetails(ids: readonly string[], options?: { signal?: AbortSignal }): Promise<ItemResult<unknown>[]>;
}

export interface ElectricityCostOptions {
  /** Danish local dates, `to` exclusive. */
  from: string;
  to: string;
  /** Default: inferred from each metering point's postcode (reported as inferred). */
  priceArea?: "DK1" | "DK2";
  /** The installation is electrically heated: reduced elafgift above 4,000 kWh a calendar year. */
  electricHeating?: boolean;
  yearToDateKwh?: number;
  /** Not in Energi Data Service: the user's supplier terms, DKK excluding VAT. */
  supplier?: { markupDkkPerKwh?: number; subscriptionDkkPerMonth?: number };
  /** "Actual" (default: the meter's own resolution) or "Hour". */
  aggregation?: "Actual" | "Hour";
  includePoints?: boolean;
  signal?: AbortSignal;
}

function check(ids: readonly string[], o: ElectricityCostOptions): void {
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100) {
    throw invalidInput(`meteringPointIds must be 1 to 100 ids; got ${describeValue(ids)}.`);
  }
  if (o === null || typeof o !== "object")
    throw invalidInput(`options must be an object; got ${describeValue(o)}.`);
  checkPeriod(o.from, o.to);
  if (o.priceArea !== undefined && o.priceArea !== "DK1" && o.priceArea !== "DK2") {
    throw invalidInput(`priceArea must be "DK1" or "DK2"; got ${describeValue(o.priceArea)}.`);
  }
  if (o.electricHeating !== undefined && typeof o.electricHeating !== "boolean") {
    throw invalidInput(`electricHeating must be true or false; got ${describeValue(o.electricHeating)}.`);
  }
  if (o.aggregation !== undefined && o.aggregation !== "Actual" && o.aggregation !== "Hour") {
    throw invalidInput(
      `aggregation must be "Actual" or "Hour" (a cost needs hours or quarter hours); got ${describeValue(o.aggregation)}.`,
    );
  }
  for (const [name, value] of [
    ["supplier.markupDkkPerKwh", o.supplier?.markupDkkPerKwh],
    ["supplier.subscriptionDkkPerMonth", o.supplier?.subscriptionDkkPerMonth],
    ["yearToDateKwh", o.yearToDateKwh],
  ] as const) {
    if (
      value !== undefined &&
      !(typeof value === "number" && Number.isFinite(value) && Math.abs(value) < 1e6)
    ) {
      throw invalidInput(`${name} must be a number; got ${describeValue(value)}.`);
    }
  }
}

function postcodeOf(details: unknown): unknown {
  return typeof details === "object" && details !== null
    ? (details as { postcode?: unknown }).postcode
    : undefined;
}

/**
 * What electricity cost for each metering point over a period: consumption and today's charges from
 * Eloverblik, day-ahead prices and the price history from Energi Data Service (one request per
 * dataset for all metering points together, none for what the cache holds), joined by
 * `electricityCost`. One result per id in the order asked; a failure names the metering point and the
 * period, and never hides the others.
 */
export async function getElectricityCost(
  eloverblik: CostSource,
  eds: EnergiDataService,
  meteringPointIds: readonly string[],
  options: ElectricityCostOptions,
): Promise<ItemResult<ElectricityCost>[]> {
  check(meteringPointIds, options);
  const { from, to, signal } = options;
  const period = { from, to };
  const [series, charges, details] = await Promise.all([
    eloverblik.getTimeSeries(meteringPointIds, {
      from,
      to,
      aggregation: options.aggregation ?? "Actual",
      ...(signal ? { signal } : {}),
    }),
    eloverblik.getCharges(meteringPointIds, signal ? { signal } : {}),
    options.priceArea === undefined
      ? eloverblik.getDetails(meteringPointIds, signal ? { signal } : {})
      : Promise.resolve(undefined),
  ]);
  const fail = (id: string, error: EloverblikError): ItemResult<ElectricityCost> => ({
    id,
    ok: false,
    error,
  });
  const areaOf = new Map<string, PriceAreaChoice>();
  const failed = new Map<string, EloverblikError>();
  meteringPointIds.forEach((id, i) => {
    const s = series[i];
    const c = charges[i];
    if (!s?.ok) failed.set(id, s?.error ?? invalidInput(`No time series for ${id}.`));
    else if (!c?.ok) failed.set(id, c?.error ?? invalidInput(`No charges for ${id}.`));
    if (failed.has(id)) return;
    if (options.priceArea !== undefined) {
      areaOf.set(id, { area: options.priceArea, source: "option" });
      return;
    }
    const d = details?.[i];
    const inferred = d?.ok ? priceAreaFromPostcode(postcodeOf(d.data)) : undefined;
    if (inferred) areaOf.set(id, inferred);
    else {
      failed.set(
        id,
        invalidInput(
          `The price area of ${id} could not be inferred from its postcode: give priceArea (DK1 or DK2).`,
          {
            meteringPointId: id,
            period,
          },
        ),
      );
    }
  });
  const live = meteringPointIds.filter((id) => !failed.has(id));
  let prices: Awaited<ReturnType<EnergiDataService["dayAheadPrices"]>> | undefined;
  let pricelist: Awaited<ReturnType<EnergiDataService["pricelist"]>> | undefined;
  if (live.length > 0) {
    const owners = new Set([ENERGINET_GLN]);
    for (const [i, id] of meteringPointIds.entries()) {
      const c = charges[i];
      if (live.includes(id) && c?.ok)
        for (const t of [...c.data.tariffs, ...c.data.subscriptions])
          if (/^\d{13}$/.test(t.owner)) owners.add(t.owner);
    }
    try {
      [prices, pricelist] = await Promise.all([
        eds.dayAheadPrices({
          from,
          to,
          areas: [...new Set([...areaOf.values()].map((a) => a.area))],
          ...(signal ? { signal } : {}),
        }),
        eds.pricelist({ owners: [...owners], ...(signal ? { signal } : {}) }),
      ]);
    } catch (error) {
      const e = isEloverblikError(error)
        ? error
        : new EloverblikError({ code: "API_ERROR", message: String(error), cause: error });
      for (const id of live) {
        failed.set(
          id,
          new EloverblikError({
            code: e.code,
            message: `${id}, ${from} to ${to}: ${e.message}`,
            status: e.status,
            meteringPointId: id,
            period,
            retryable: e.retryable,
            ...(e.retryAfterMs === undefined ? {} : { retryAfterMs: e.retryAfterMs }),
            ...(e.operation === undefined ? {} : { operation: e.operation }),
            cause: e,
          }),
        );
      }
    }
  }
  return meteringPointIds.map((id, i) => {
    const error = failed.get(id);
    if (error) return fail(id, error);
    const s = series[i];
    const c = charges[i];
    const area = areaOf.get(id);
    if (!s?.ok || !c?.ok || area === undefined || prices === undefined || pricelist === undefined) {
      return fail(id, invalidInput(`No data for ${id}.`));
    }
    const data = electricityCost({
      meteringPointId: id,
      from,
      to,
      points: s.data.points,
      prices: prices.points,
      priceArea: area,
      charges: c.data,
      pricelist: pricelist.rows,
      ...(options.electricHeating === undefined ? {} : { electricHeating: options.electricHeating }),
      ...(options.yearToDateKwh === undefined ? {} : { yearToDateKwh: options.yearToDateKwh }),
      ...(options.supplier === undefined ? {} : { supplier: options.supplier }),
      ...(options.includePoints ? { includePoints: true } : {}),
    });
    return { id, ok: true, data };
  });
}
