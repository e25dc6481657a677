import { csv } from "../core/responses.js";
import type { RequestContext, RouteResult } from "../core/types.js";
import { chargeVersions, currentCharges } from "../data/charges.js";
import { danishDecimal, danishTimestamp, TIME_SERIES_HEADER, timeSeriesRows, toCsv } from "../data/csv.js";
import { currentReadingOccurrence } from "../data/details.js";
import { buildMarketDocument } from "../data/time-series.js";
import type { MeteringPointSpec } from "../model/catalogue.js";
import { localDateStartUtc } from "../time/copenhagen.js";
import { parseMeteringPointIds, resolveIds } from "../validation/metering-points.js";
import { planTimeSeries } from "./time-series.js";

/**
 * CSV exports have no per-item envelope, so metering points that fail their checks are simply
 * left out; list-level rules (10004, 20013) and the period rules still answer 400.
 */
function readable(
  ctx: RequestContext,
): { ok: true; mps: MeteringPointSpec[] } | { ok: false; result: RouteResult } {
  const parsed = parseMeteringPointIds(ctx);
  if (!parsed.ok) return parsed;
  const resolved = resolveIds(ctx, parsed.value);
  if (!resolved.ok) return resolved;
  return { ok: true, mps: resolved.value.flatMap((r) => ("mp" in r ? [r.mp] : [])) };
}

export function exportTimeSeries(ctx: RequestContext): RouteResult {
  const plan = planTimeSeries(ctx);
  if (!plan.ok) return plan.result;
  const { from, to, aggregation, items } = plan.value;
  const rows = items.flatMap((r) =>
    "mp" in r
      ? timeSeriesRows(
          buildMarketDocument(ctx.model.meterData, {
            mp: r.mp,
            from,
            to,
            aggregation,
            nowMs: ctx.nowMs,
            documentId: "",
            lagDays: ctx.model.scenario.value.dataLagDays,
          }),
        )
      : [],
  );
  return csv(toCsv(TIME_SERIES_HEADER, rows), `timeseries_${from}_${to}.csv`);
}

export function exportMasterData(ctx: RequestContext): RouteResult {
  const found = readable(ctx);
  if (!found.ok) return found.result;
  const { catalogue } = ctx.model;
  const header = [
    "Målepunkt id",
    "Type",
    "Overordnet målepunkt",
    "Afregningsmetode",
    "Aflæsningsfrekvens",
    "Målernummer",
    "Adresse",
    "Postnummer",
    "By",
    "Kommunekode",
    "Netvirksomhed",
    "Elleverandør",
    "Forventet årsforbrug",
    "Elvarme",
    "Forbruger",
    "Startdato",
  ];
  const rows = found.mps.map((mp) => {
    const a = mp.address;
    const floor = [a.floorId, a.roomId].filter(Boolean).join(". ");
    return [
      mp.id,
      mp.typeOfMP,
      mp.parentId ?? "",
      mp.settlementMethod,
      currentReadingOccurrence(mp, ctx.nowMs),
      mp.meterNumber,
      `${a.streetName} ${a.buildingNumber}${floor ? `, ${floor}.` : ""}`,
      a.postcode,
      a.cityName,
      a.municipalityCode,
      catalogue.gridOperator.name,
      mp.parentId === undefined ? catalogue.balanceSupplier.name : "",
      mp.estimatedAnnualVolume,
      mp.taxReduction ? "Ja" : "Nej",
      mp.consumerNames.filter(Boolean).join(" og "),
      danishTimestamp(localDateStartUtc(mp.consumerStartDate)),
    ];
  });
  return csv(toCsv(header, rows), "masterdata.csv");
}

export function exportCharges(ctx: RequestContext): RouteResult {
  const found = readable(ctx);
  if (!found.ok) return found.result;
  const header = [
    "Målepunkt id",
    "Type",
    "Pris id",
    "Navn",
    "Beskrivelse",
    "Ejer",
    "Gyldig fra",
    "Gyldig til",
    "Periodetype",
    "Position",
    "Pris",
    "Antal",
  ];
  const kindNames = { subscription: "Abonnement", fee: "Gebyr", tariff: "Tarif" };
  const rows = found.mps.flatMap((mp) =>
    currentCharges(chargeVersions(ctx.model.catalogue, mp, ctx.nowMs), ctx.nowMs).flatMap((v) => {
      const common = [
        mp.id,
        kindNames[v.kind],
        v.priceId,
        v.name,
        v.description,
        v.owner.gln,
        danishTimestamp(localDateStartUtc(v.validFrom)),
        v.validTo === null ? "" : danishTimestamp(localDateStartUtc(v.validTo)),
        v.periodType ?? "",
      ];
      if (v.prices === undefined)
        return [[...common, "", danishDecimal(v.price ?? 0), String(v.quantity ?? 1)]];
      return v.prices.map((price, index) => [...common, String(index + 1), danishDecimal(price), ""]);
    }),
  );
  return csv(toCsv(header, rows), "charges.csv");
}
