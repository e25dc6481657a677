import type { MeteringPointSpec } from "../model/catalogue.js";
import { earlierDate, laterDate } from "../model/dates.js";
import { addLocalDays, addLocalMonths } from "../time/calendar.js";
import { localDateStartUtc } from "../time/copenhagen.js";
import type * as Wire from "../wire.js";
import { formatKwh, isoSeconds } from "./format.js";
import { combineQuality, firstUnavailableDate, type MeterData, type NativeDay } from "./meter-data.js";

interface Bucket {
  startMs: number;
  endMs: number;
  resolution: string;
  wh: number[];
  quality: string[];
}

/** Live resolution strings per aggregation: PT1D and PT1Y, not the documented P1D/P1Y (reference §7). */
const CALENDAR_RESOLUTION = { Day: "PT1D", Month: "P1M", Year: "PT1Y" } as const;

function sumDay(day: NativeDay): { wh: number; quality: string } {
  let wh = 0;
  for (const value of day.wh) wh += value;
  return { wh, quality: combineQuality(day.quality) };
}

/** A native day at the requested granularity: Quarter/Actual keep it, Hour folds quarters into hours. */
function intradayBucket(day: NativeDay, aggregation: Wire.Aggregation): Bucket {
  if (aggregation === "Hour" && day.resolution === "PT15M") {
    const wh: number[] = [];
    const quality: string[] = [];
    for (let i = 0; i < day.wh.length; i += 4) {
      wh.push(day.wh.slice(i, i + 4).reduce((a, b) => a + b, 0));
      quality.push(combineQuality(day.quality.slice(i, i + 4)));
    }
    return { startMs: day.startMs, endMs: day.endMs, resolution: "PT1H", wh, quality };
  }
  return { ...day };
}

/** The [first, afterLast) local dates this meter can serve for a request, or undefined when none. */
function servedDates(
  mp: MeteringPointSpec,
  from: string,
  to: string,
  nowMs: number,
  lagDays: number,
): { first: string; end: string } | undefined {
  const first = laterDate(from, mp.dataFrom);
  const end = earlierDate(to, firstUnavailableDate(nowMs, lagDays));
  return first < end ? { first, end } : undefined;
}

/** Calendar buckets (month or year) clipped to the served dates, so the first and last can be partial. */
function calendarBuckets(
  meterData: MeterData,
  mp: MeteringPointSpec,
  first: string,
  end: string,
  unit: "Month" | "Year",
): Bucket[] {
  const buckets: Bucket[] = [];
  let cursor = first;
  while (cursor < end) {
    const periodStart = unit === "Month" ? `${cursor.slice(0, 7)}-01` : `${cursor.slice(0, 4)}-01-01`;
    const next = addLocalMonths(periodStart, unit === "Month" ? 1 : 12);
    const stop = next < end ? next : end;
    let wh = 0;
    const qualities: string[] = [];
    for (let date = cursor; date < stop; date = addLocalDays(date, 1)) {
      const day = sumDay(meterData.nativeDay(mp, date));
      wh += day.wh;
      qualities.push(day.quality);
    }
    buckets.push({
      startMs: localDateStartUtc(cursor),
      endMs: localDateStartUtc(stop),
      resolution: CALENDAR_RESOLUTION[unit],
      wh: [wh],
      quality: [combineQuality(qualities)],
    });
    cursor = stop;
  }
  return buckets;
}

function toPeriod(bucket: Bucket): Wire.Period {
  return {
    resolution: bucket.resolution as Wire.Period["resolution"],
    timeInterval: { start: isoSeconds(bucket.startMs), end: isoSeconds(bucket.endMs) },
    Point: bucket.wh.map((wh, index) => {
      const quality = bucket.quality[index] ?? "A04";
      // A02 means "no quantity returned" (SPEC-C), so the key is left out.
      return quality === "A02"
        ? { position: String(index + 1), "out_Quantity.quality": quality }
        : {
            position: String(index + 1),
            "out_Quantity.quantity": formatKwh(wh),
            "out_Quantity.quality": quality,
          };
    }),
  };
}

export interface TimeSeriesRequest {
  mp: MeteringPointSpec;
  from: string;
  to: string;
  aggregation: Wire.Aggregation;
  nowMs: number;
  documentId: string;
  /** The scenario's lag for every metering point, when it sets one (else the meter's own). */
  lagDays?: number | false;
}

/** The `MyEnergyData_MarketDocument` for one metering point, in the key order of the real fixtures. */
export function buildMarketDocument(meterData: MeterData, request: TimeSeriesRequest): Wire.MarketDocument {
  const { mp, from, to, aggregation, nowMs, lagDays } = request;
  const served = servedDates(
    mp,
    from,
    to,
    nowMs,
    lagDays === undefined || lagDays === false ? mp.dataLagDays : lagDays,
  );
  let buckets: Bucket[] = [];
  if (served !== undefined) {
    if (aggregation === "Month" || aggregation === "Year") {
      buckets = calendarBuckets(meterData, mp, served.first, served.end, aggregation);
    } else {
      for (let date = served.first; date < served.end; date = addLocalDays(date, 1)) {
        const day = meterData.nativeDay(mp, date);
        if (aggregation === "Day") {
          const total = sumDay(day);
          buckets.push({ ...day, resolution: "PT1D", wh: [total.wh], quality: [total.quality] });
        } else {
          buckets.push(intradayBucket(day, aggregation));
        }
      }
    }
  }
  return {
    mRID: request.documentId,
    createdDateTime: isoSeconds(nowMs),
    "sender_MarketParticipant.name": "",
    "sender_MarketParticipant.mRID": { codingScheme: null, name: null },
    "period.timeInterval": {
      start: isoSeconds(localDateStartUtc(from)),
      end: isoSeconds(localDateStartUtc(to)),
    },
    // No data yet (lag, or before the meter started) is an empty list, not an error (reference §7).
    TimeSeries:
      buckets.length === 0
        ? []
        : [
            {
              mRID: mp.id,
              businessType: mp.businessType,
              curveType: "A01",
              "measurement_Unit.name": "KWH",
              MarketEvaluationPoint: { mRID: { codingScheme: "A10", name: mp.id } },
              Period: buckets.map(toPeriod),
            },
          ],
  };
}
