import { failedItem, json, okItem } from "../core/responses.js";
import type { RequestContext, RouteResult } from "../core/types.js";
import { formatKwh, isoMillis } from "../data/format.js";
import { firstUnavailableDate } from "../data/meter-data.js";
import type { MeteringPointSpec } from "../model/catalogue.js";
import { earlierDate } from "../model/dates.js";
import { hashString } from "../model/prng.js";
import { addLocalDays, addLocalMonths } from "../time/calendar.js";
import { localDateStartUtc } from "../time/copenhagen.js";
import { parseMeteringPointIds, resolveForCustomer } from "../validation/metering-points.js";
import { validatePeriod } from "../validation/period.js";
import type * as Wire from "../wire.js";

/**
 * Register readings at `from` and at each first of a month after it: a counter that starts at a
 * seeded value on the meter's first day and grows by exactly the energy of the time series.
 */
function readings(
  ctx: RequestContext,
  mp: MeteringPointSpec,
  from: string,
  to: string,
): Wire.MeterReadings["readings"] {
  const end = earlierDate(
    to,
    firstUnavailableDate(
      ctx.nowMs,
      ctx.model.scenario.value.dataLagDays === false ? mp.dataLagDays : ctx.model.scenario.value.dataLagDays,
    ),
  );
  const wanted = new Set<string>([from]);
  for (let d = addLocalMonths(`${from.slice(0, 7)}-01`, 1); d < end; d = addLocalMonths(d, 1)) wanted.add(d);
  let counterWh = (hashString(mp.meterNumber) % 40_000) * 1000;
  const out: NonNullable<Wire.MeterReadings["readings"]> = [];
  for (let date = mp.dataFrom; date <= end; date = addLocalDays(date, 1)) {
    if (wanted.has(date) && date >= mp.dataFrom && date < end) {
      const at = localDateStartUtc(date);
      out.push({
        readingDate: isoMillis(at),
        registrationDate: isoMillis(at + 2 * 86_400_000),
        meterNumber: mp.meterNumber,
        meterReading: formatKwh(counterWh),
        measurementUnit: "KWH",
      });
    }
    if (date === end) break;
    counterWh += ctx.model.meterData.nativeDay(mp, date).wh.reduce((a, b) => a + b, 0);
  }
  return out;
}

/** The 2024 `getmeterreadings`, served only under the scenario `meterReadings: "available"`. */
export function getMeterReadings(ctx: RequestContext): RouteResult {
  const from = ctx.params.dateFrom ?? "";
  const to = ctx.params.dateTo ?? "";
  const periodError = validatePeriod(from, to, ctx.nowMs);
  if (periodError !== undefined) return periodError;
  const ids = parseMeteringPointIds(ctx);
  if (!ids.ok) return ids.result;
  const result = resolveForCustomer(ctx, ids.value).map((r) =>
    "errorCode" in r
      ? failedItem("result", r.errorCode, r.id)
      : okItem("result", { meteringPointId: r.mp.id, readings: readings(ctx, r.mp, from, to) }, r.id),
  );
  return json({ result });
}
