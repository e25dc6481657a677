import { itemFailed, NO_ERROR } from "../envelope/envelope.js";
import { EloverblikError } from "../errors/eloverblik-error.js";
import {
  addLocalDays,
  addLocalMonths,
  addLocalYears,
  localDateOf,
  localDateStartUtc,
} from "../time/danish-time.js";
import { parseDecimal, parsePositiveInt } from "./decimal.js";
import { createIsoFormatter } from "./iso-format.js";
import type { NormalizedResolution, ResolutionInfo } from "./resolution.js";
import { resolveResolution } from "./resolution.js";
import type { TimeSeriesFailure, TimeSeriesGap } from "./types.js";
import type {
  WireMarketDocument,
  WirePeriod,
  WirePoint,
  WireTimeSeries,
  WireTimeSeriesItem,
} from "./wire.js";

/**
 * Shared decoding of gettimeseries bodies. It turns each Period into position-indexed slots
 * (start, end, quantity, quality) plus gaps and warnings, and hands them to a sink; the object
 * and columnar flatteners are two sinks over this one walk, so the DST and gap rules live in
 * exactly one place.
 */

export interface SeriesHeader {
  meteringPointId: string;
  businessType: string;
  unit: string;
}

/** One decoded Period. Arrays are scratch buffers reused between periods: read, don't keep. */
export interface DecodedPeriod {
  resolution: NormalizedResolution;
  /** Number of slots filled (indices 0 … slots − 1). */
  slots: number;
  /** 1 where the API sent a point for the slot. */
  present: Uint8Array;
  /** NaN where the quantity is unknown (A02 or not sent). */
  quantity: Float64Array;
  quality: Array<string | undefined>;
  slotStart: Float64Array;
  slotEnd: Float64Array;
}

export interface DecodeSink {
  /** `maxPoints` is an upper bound of the rows the series will produce. */
  beginSeries(header: SeriesHeader, maxPoints: number): void;
  addPeriod(period: DecodedPeriod): void;
  endSeries(): void;
}

export interface DecodeReport {
  gaps: TimeSeriesGap[];
  warnings: string[];
  failures: TimeSeriesFailure[];
}

// Far above any real Period (100 quarter-hours on the long DST day); stops a garbage position
// from allocating gigabytes of scratch space.
const MAX_POSITION = 100_000;

function unexpected(message: string, meteringPointId?: string): EloverblikError {
  return new EloverblikError({
    code: "UNEXPECTED_RESPONSE",
    message,
    meteringPointId: meteringPointId === "" ? undefined : meteringPointId,
    operation: "flattenTimeSeries",
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function parseErrorCode(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  return null;
}

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseInstant(value: unknown): number {
  if (typeof value !== "string" || !INSTANT_RE.test(value)) return Number.NaN;
  return Date.parse(value);
}

class Decoder {
  private present = new Uint8Array(128);
  private quantity = new Float64Array(128);
  private quality: Array<string | undefined> = new Array(128);
  private slotStart = new Float64Array(128);
  private slotEnd = new Float64Array(128);
  private dirty = 0;
  private readonly iso = createIsoFormatter();

  // Per-series gap coalescing state.
  private lastGap: TimeSeriesGap | undefined;
  private lastGapEndMs = Number.NaN;

  constructor(
    private readonly sink: DecodeSink,
    private readonly report: DecodeReport,
  ) {}

  private ensure(size: number): void {
    if (size <= this.present.length) return;
    let cap = this.present.length;
    while (cap < size) cap *= 2;
    const present = new Uint8Array(cap);
    present.set(this.present);
    this.present = present;
    const quantity = new Float64Array(cap);
    quantity.set(this.quantity);
    this.quantity = quantity;
    this.quality.length = cap;
    const slotStart = new Float64Array(cap);
    slotStart.set(this.slotStart);
    this.slotStart = slotStart;
    const slotEnd = new Float64Array(cap);
    slotEnd.set(this.slotEnd);
    this.slotEnd = slotEnd;
  }

  response(response: unknown): void {
    if (Array.isArray(response)) {
      for (const item of response) this.item(item);
      return;
    }
    if (!isObject(response)) {
      throw unexpected(
        `Expected a time-series response object {"result":[…]} or a MyEnergyData_MarketDocument; got ${response === null ? "null" : typeof response}.`,
      );
    }
    if ("result" in response) {
      const result = response.result;
      if (result === null || result === undefined) return;
      if (!Array.isArray(result)) {
        throw unexpected(`Expected "result" to be a list of per-metering-point items; got ${typeof result}.`);
      }
      for (const item of result) this.item(item);
      return;
    }
    if ("MyEnergyData_MarketDocument" in response || "success" in response) {
      this.item(response);
      return;
    }
    if ("TimeSeries" in response || "period.timeInterval" in response) {
      this.document(response as WireMarketDocument, "");
      return;
    }
    throw unexpected(
      'Not a time-series response: expected {"result":[…]}, a result item or a MyEnergyData_MarketDocument.',
    );
  }

  private item(raw: unknown): void {
    if (!isObject(raw)) throw unexpected(`Expected each "result" item to be an object; got ${typeof raw}.`);
    const item = raw as WireTimeSeriesItem;
    const id = str(item.id);
    const errorCode = parseErrorCode(item.errorCode);
    const doc = item.MyEnergyData_MarketDocument;
    const hasDoc = isObject(doc);
    // A document sent next to an error code is still read (the flattener is lenient on raw input).
    if (itemFailed(item) && (item.success === false || !hasDoc)) {
      this.report.failures.push({
        meteringPointId: id,
        errorCode,
        errorText: str(item.errorText) || "The API reported a failure without text.",
      });
      return;
    }
    if (!hasDoc) {
      if (doc !== undefined && doc !== null) {
        throw unexpected(`MyEnergyData_MarketDocument for ${id || "an item"} is not an object.`, id);
      }
      this.report.warnings.push(
        `${id || "An item"}: marked successful but carries no MyEnergyData_MarketDocument.`,
      );
      return;
    }
    if (errorCode !== null && errorCode !== NO_ERROR) {
      this.report.warnings.push(
        `${id}: data came with errorCode ${errorCode} (${str(item.errorText)}); flattened anyway, check completeness.`,
      );
    }
    this.document(doc as WireMarketDocument, id);
  }

  document(doc: WireMarketDocument, fallbackId: string): void {
    if (!isObject(doc)) throw unexpected("MyEnergyData_MarketDocument is not an object.", fallbackId);
    const list = doc.TimeSeries;
    if (list === null || list === undefined) return;
    if (!Array.isArray(list)) throw unexpected("TimeSeries is not a list.", fallbackId);
    for (const ts of list) {
      if (!isObject(ts)) throw unexpected("A TimeSeries entry is not an object.", fallbackId);
      this.series(ts as WireTimeSeries, fallbackId);
    }
  }

  private series(ts: WireTimeSeries, fallbackId: string): void {
    // The series' own metering point is the most specific id; the item's `id` (the requested
    // one) is only a fallback for documents that leave it out.
    const meteringPointId = str(ts.MarketEvaluationPoint?.mRID?.name) || str(ts.mRID) || fallbackId || "";
    const header: SeriesHeader = {
      meteringPointId,
      businessType: str(ts.businessType),
      unit: str(ts["measurement_Unit.name"]),
    };
    const rawPeriods = ts.Period;
    if (rawPeriods !== null && rawPeriods !== undefined && !Array.isArray(rawPeriods)) {
      throw unexpected(`Period of ${meteringPointId} is not a list.`, meteringPointId);
    }
    const periods: Array<{ period: WirePeriod; startMs: number; endMs: number }> = [];
    let maxPoints = 0;
    let sorted = true;
    for (const period of rawPeriods ?? []) {
      if (!isObject(period))
        throw unexpected(`A Period of ${meteringPointId} is not an object.`, meteringPointId);
      const p = period as WirePeriod;
      const startMs = parseInstant(p.timeInterval?.start);
      const endMs = parseInstant(p.timeInterval?.end);
      if (Number.isNaN(startMs) || Number.isNaN(endMs) || endMs <= startMs) {
        throw unexpected(
          `Period of ${meteringPointId} has an invalid timeInterval ${JSON.stringify(p.timeInterval ?? null)}; expected UTC ISO start < end.`,
          meteringPointId,
        );
      }
      const last = periods[periods.length - 1];
      if (last !== undefined && startMs < last.startMs) sorted = false;
      periods.push({ period: p, startMs, endMs });
      if (Array.isArray(p.Point)) maxPoints += p.Point.length;
    }
    if (!sorted) periods.sort((a, b) => a.startMs - b.startMs);

    this.lastGap = undefined;
    this.lastGapEndMs = Number.NaN;
    this.sink.beginSeries(header, maxPoints);
    let prevEnd = Number.NaN;
    for (const { period, startMs, endMs } of periods) {
      const resolution = resolveResolution(period.resolution);
      if (resolution === undefined) {
        throw unexpected(
          `Period of ${meteringPointId} starting ${period.timeInterval?.start} has unsupported resolution ${JSON.stringify(period.resolution ?? null)}; expected PT15M, PT1H, P1D/PT1D, P1M, P1Y/PT1Y or PXD.`,
          meteringPointId,
        );
      }
      if (!Number.isNaN(prevEnd)) {
        if (startMs > prevEnd) this.addGap(meteringPointId, prevEnd, startMs, resolution.name);
        else if (startMs < prevEnd) {
          this.report.warnings.push(
            `${meteringPointId}: Period starting ${this.iso(startMs)} overlaps the previous one ending ${this.iso(prevEnd)}.`,
          );
        }
      }
      prevEnd = Number.isNaN(prevEnd) ? endMs : Math.max(prevEnd, endMs);
      this.period(header, period, resolution, startMs, endMs);
    }
    this.sink.endSeries();
  }

  private addGap(
    meteringPointId: string,
    startMs: number,
    endMs: number,
    resolution: NormalizedResolution,
  ): void {
    const last = this.lastGap;
    if (last !== undefined && this.lastGapEndMs === startMs && last.resolution === resolution) {
      last.end = this.iso(endMs);
    } else {
      const gap: TimeSeriesGap = {
        meteringPointId,
        start: this.iso(startMs),
        end: this.iso(endMs),
        resolution,
      };
      this.report.gaps.push(gap);
      this.lastGap = gap;
    }
    this.lastGapEndMs = endMs;
  }

  private period(
    header: SeriesHeader,
    period: WirePeriod,
    resolution: ResolutionInfo,
    startMs: number,
    endMs: number,
  ): void {
    const mp = header.meteringPointId;
    const where = (): string => `${mp} ${resolution.name} Period ${this.iso(startMs)}–${this.iso(endMs)}`;
    const points = period.Point;
    if (points !== null && points !== undefined && !Array.isArray(points)) {
      throw unexpected(`${where()}: Point is not a list.`, mp);
    }

    // Pass 1: place every point by its position (never by array index).
    this.present.fill(0, 0, this.dirty);
    let maxPos = 0;
    let count = 0;
    let duplicates = 0;
    let missingQuantity = 0;
    let onlyPosition = 0;
    const list: WirePoint[] = points ?? [];
    for (let i = 0; i < list.length; i++) {
      const point = list[i];
      if (typeof point !== "object" || point === null)
        throw unexpected(`${where()}: a Point is not an object.`, mp);
      const pos = parsePositiveInt(point.position);
      if (Number.isNaN(pos) || pos > MAX_POSITION) {
        throw unexpected(
          `${where()}: invalid position ${JSON.stringify(point.position ?? null)}; expected a positive integer string.`,
          mp,
        );
      }
      if (pos > maxPos) {
        if (pos > this.present.length) this.ensure(pos);
        maxPos = pos;
      }
      const idx = pos - 1;
      if (this.present[idx] === 1) {
        duplicates++;
        continue;
      }
      const quality = point["out_Quantity.quality"];
      const raw = point["out_Quantity.quantity"];
      let value: number;
      if (quality === "A02") {
        // "Not available": any number sent alongside it is meaningless.
        value = Number.NaN;
      } else if (typeof raw === "string" && raw !== "") {
        value = parseDecimal(raw);
        if (Number.isNaN(value)) {
          throw unexpected(
            `${where()}: quantity ${JSON.stringify(raw)} at position ${pos} is not a plain decimal (digits with an optional "." fraction, no comma or exponent).`,
            mp,
          );
        }
      } else if (typeof raw === "number" && Number.isFinite(raw)) {
        value = raw;
      } else if (raw === null || raw === undefined || raw === "") {
        value = Number.NaN;
        missingQuantity++;
      } else {
        throw unexpected(`${where()}: quantity at position ${pos} is not a decimal string.`, mp);
      }
      this.present[idx] = 1;
      this.quantity[idx] = value;
      this.quality[idx] = typeof quality === "string" ? quality : undefined;
      onlyPosition = pos;
      count++;
    }
    this.dirty = maxPos;

    if (duplicates > 0) {
      this.report.warnings.push(
        `${where()}: ${duplicates} duplicate position(s); the first occurrence was kept.`,
      );
    }
    if (missingQuantity > 0) {
      this.report.warnings.push(
        `${where()}: ${missingQuantity} point(s) without a quantity and not marked A02; reported as null.`,
      );
    }

    // Pass 2: give every slot its instants.
    let slots: number;
    const kind = resolution.kind;
    if (kind === "fixed") {
      const step = resolution.stepMs;
      const span = endMs - startMs;
      const expected = span / step;
      if (!Number.isInteger(expected)) {
        this.report.warnings.push(
          `${where()}: the interval is not a whole number of ${resolution.name} steps; points stamped from the start.`,
        );
      }
      const whole = Math.floor(expected);
      if (maxPos > whole) {
        this.report.warnings.push(
          `${where()}: the interval holds ${whole} slot(s) but positions go up to ${maxPos}; points past the interval end were kept as stamped from its start.`,
        );
      }
      slots = Math.max(whole, maxPos);
      this.ensure(slots);
      const ss = this.slotStart;
      const se = this.slotEnd;
      let t = startMs;
      for (let i = 0; i < slots; i++) {
        ss[i] = t;
        t = startMs + (i + 1) * step;
        se[i] = t;
      }
    } else if (count === 1) {
      // A single point covers its Period verbatim; this is how partial years and months
      // (e.g. a metering point connected on 27 April) keep their real extent.
      if (onlyPosition !== 1) {
        this.report.warnings.push(
          `${where()}: the only point has position ${onlyPosition}; it was given the whole Period.`,
        );
        this.present[onlyPosition - 1] = 0;
        this.present[0] = 1;
        this.quantity[0] = this.quantity[onlyPosition - 1] as number;
        this.quality[0] = this.quality[onlyPosition - 1];
        this.dirty = Math.max(this.dirty, 1);
      }
      slots = 1;
      this.slotStart[0] = startMs;
      this.slotEnd[0] = endMs;
    } else if (kind === "profiled") {
      // PXD has no intrinsic length: divide the Period evenly between its positions.
      slots = Math.max(maxPos, 1);
      this.ensure(slots);
      const step = (endMs - startMs) / slots;
      for (let i = 0; i < slots; i++) {
        this.slotStart[i] = i === 0 ? startMs : Math.round(startMs + i * step);
        this.slotEnd[i] = i === slots - 1 ? endMs : Math.round(startMs + (i + 1) * step);
      }
    } else {
      slots = this.calendarSlots(kind, startMs, endMs, maxPos, where);
    }

    if (count === 0 && slots === 0) return;
    this.sink.addPeriod({
      resolution: resolution.name,
      slots,
      present: this.present,
      quantity: this.quantity,
      quality: this.quality,
      slotStart: this.slotStart,
      slotEnd: this.slotEnd,
    });

    // Missing positions become gaps (coalesced), never shifted data.
    const present = this.present;
    let i = 0;
    while (i < slots) {
      if (present[i] === 1) {
        i++;
        continue;
      }
      const from = i;
      while (i < slots && present[i] !== 1) i++;
      this.addGap(mp, this.slotStart[from] as number, this.slotEnd[i - 1] as number, resolution.name);
    }
  }

  /** Day/month/year steps on the Danish wall clock, clipped to the Period's end. */
  private calendarSlots(
    kind: ResolutionInfo["kind"],
    startMs: number,
    endMs: number,
    maxPos: number,
    where: () => string,
  ): number {
    const base = localDateOf(startMs);
    if (localDateStartUtc(base) !== startMs) {
      this.report.warnings.push(
        `${where()}: the Period does not start at Danish midnight; steps counted from ${base}.`,
      );
    }
    const step = kind === "day" ? addLocalDays : kind === "month" ? addLocalMonths : addLocalYears;
    let slots = 0;
    let t = startMs;
    // Slots inside the interval, the last one clipped to the Period's end.
    while (t < endMs && slots < MAX_POSITION) {
      this.ensure(slots + 1);
      const next = localDateStartUtc(step(base, slots + 1));
      this.slotStart[slots] = t;
      this.slotEnd[slots] = Math.min(next, endMs);
      t = next;
      slots++;
    }
    if (maxPos > slots) {
      this.report.warnings.push(
        `${where()}: the interval holds ${slots} slot(s) but positions go up to ${maxPos}; points past the interval end were stamped by calendar step.`,
      );
      this.ensure(maxPos);
      for (; slots < maxPos; slots++) {
        const next = localDateStartUtc(step(base, slots + 1));
        this.slotStart[slots] = t;
        this.slotEnd[slots] = next;
        t = next;
      }
    }
    return slots;
  }
}

/** Walks a whole response (or a single document/item) into `sink`, collecting gaps and failures. */
export function decodeResponse(response: unknown, sink: DecodeSink, report: DecodeReport): void {
  new Decoder(sink, report).response(response);
}

/** Walks one MyEnergyData_MarketDocument into `sink`. */
export function decodeDocument(
  doc: unknown,
  fallbackMeteringPointId: string,
  sink: DecodeSink,
  report: DecodeReport,
): void {
  new Decoder(sink, report).document(doc as WireMarketDocument, fallbackMeteringPointId);
}
