import type { Coverage, CoverageRuns } from "./coverage-gaps.js";
import type { DecodedPeriod, DecodeReport, DecodeSink, SeriesHeader } from "./decode.js";
import { decodeDocument, decodeResponse } from "./decode.js";
import { createIsoFormatter } from "./iso-format.js";
import type { FlattenedDocument, FlattenedTimeSeries, TimeSeriesPoint } from "./types.js";

function row(
  meteringPointId: string,
  start: string,
  end: string,
  quantity: number | null,
  quality: string,
  resolution: TimeSeriesPoint["resolution"],
  unit: string,
  businessType: string,
): TimeSeriesPoint {
  return { meteringPointId, start, end, quantity, quality, resolution, unit, businessType };
}

// A row's quantity is a field that holds null or a number, so the engine keeps a pointer to a
// number there; one row made with null first makes it so from the start (else each row would box
// its own copy of the number until the first null).
row("", "", "", null, "", "PT15M", "", "");

// Quantities in whole thousandths below 65.536 (nearly every quarter-hour or hourly reading) are
// shared: one number per value instead of one per row, 16 bytes a row.
const SHARED_LIMIT = 65_536;
let shared: Array<number | undefined> | undefined;

/** The row's quantity: null for NaN, else the shared number equal to `q` where there is one. */
function quantityValue(q: number): number | null {
  if (Number.isNaN(q)) return null;
  const m = Math.round(q * 1000);
  // Not -0 either: it would be given to every later 0 (and 0 to a later -0).
  if (m < 0 || m >= SHARED_LIMIT || m / 1000 !== q || (m === 0 && 1 / q < 0)) return q;
  shared ??= new Array<number | undefined>(SHARED_LIMIT).fill(undefined);
  let value = shared[m];
  if (value === undefined) {
    value = m / 1000;
    shared[m] = value;
  }
  return value;
}

/**
 * Builds one row object per point, all of the same shape so the engine keeps them compact. With a
 * `coverage`, it also records which time each series covers, from the numeric instants at hand.
 */
class RowSink implements DecodeSink {
  readonly points: TimeSeriesPoint[] = [];
  private header: SeriesHeader = { meteringPointId: "", businessType: "", unit: "" };
  private runs: CoverageRuns | undefined;
  private readonly iso = createIsoFormatter();
  // A point's end is usually the next point's start: reuse that string instead of formatting
  // (and storing) it twice.
  private lastEndMs = Number.NaN;
  private lastEndIso = "";

  constructor(private readonly coverage?: Coverage) {}

  beginSeries(header: SeriesHeader): void {
    this.header = header;
    this.runs = this.coverage?.runsFor(header.meteringPointId, header.businessType, header.unit);
  }

  addPeriod(period: DecodedPeriod): void {
    const { meteringPointId, unit, businessType } = this.header;
    const { resolution, slots, present, quantity, quality, slotStart, slotEnd } = period;
    const iso = this.iso;
    const points = this.points;
    let lastEndMs = this.lastEndMs;
    let lastEndIso = this.lastEndIso;
    const runs = this.runs;
    const first = runs !== undefined && runs.points === 0;
    // The stretch of touching points being collected for `runs`.
    let runStart = Number.NaN;
    let runEnd = Number.NaN;
    let runNewest = Number.NaN;
    let runCount = 0;
    for (let i = 0; i < slots; i++) {
      if (present[i] !== 1) continue;
      const s = slotStart[i] as number;
      const e = slotEnd[i] as number;
      if (runs === undefined) {
        // Rows only.
      } else if (runCount > 0 && s >= runNewest && s <= runEnd) {
        if (e > runEnd) runEnd = e;
        runNewest = s;
        runCount++;
      } else {
        if (runCount > 0) runs.addRun(runStart, runEnd, resolution, runNewest, runCount);
        runStart = s;
        runEnd = e;
        runNewest = s;
        runCount = 1;
      }
      const start = s === lastEndMs ? lastEndIso : iso(s);
      const end = iso(e);
      lastEndMs = e;
      lastEndIso = end;
      const q = quantity[i] as number;
      points.push(
        row(meteringPointId, start, end, quantityValue(q), quality[i] ?? "", resolution, unit, businessType),
      );
    }
    this.lastEndMs = lastEndMs;
    this.lastEndIso = lastEndIso;
    if (runCount > 0) runs?.addRun(runStart, runEnd, resolution, runNewest, runCount);
    if (first && runs.points > 0) this.coverage?.noteFirstPoint(runs);
  }

  endSeries(): void {}
}

function newReport(): DecodeReport {
  return { gaps: [], warnings: [], failures: [] };
}

/**
 * Flattens a gettimeseries response into one row per point with exact UTC start/end instants.
 *
 * Accepts the whole `{"result":[…]}` body, a bare list of result items, one item, or a single
 * MyEnergyData_MarketDocument. Items with `success: false` are returned in `failures`, not
 * flattened. Missing positions are reported in `gaps` (coalesced), inconsistencies that do not
 * prevent correct stamping in `warnings`. Data that cannot be interpreted (a quantity that is
 * not a plain decimal, an unknown resolution, a broken interval) throws an EloverblikError with
 * code `UNEXPECTED_RESPONSE`, because guessing would produce wrong numbers.
 *
 * Stamping rules:
 * - PT15M/PT1H: start = Period start + (position − 1) × step in UTC, so DST days come out as
 *   23/25 hourly or 92/100 quarter-hour slots without special cases.
 * - P1D/PT1D, P1M, P1Y/PT1Y: calendar steps on the Danish wall clock (a day is 23–25 h).
 * - A calendar or PXD Period holding exactly one point gets the Period's interval verbatim
 *   (partial years and months keep their real extent).
 * - PXD with several points: the Period's interval divided evenly between its positions,
 *   since profiled quantities carry no length of their own.
 */
export function flattenTimeSeries(response: unknown): FlattenedTimeSeries {
  const sink = new RowSink();
  const report = newReport();
  decodeResponse(response, sink, report);
  return { points: sink.points, gaps: report.gaps, warnings: report.warnings, failures: report.failures };
}

/** `flattenTimeSeries` that also records each series' coverage into `coverage`. */
export function flattenTimeSeriesWithCoverage(response: unknown, coverage: Coverage): FlattenedTimeSeries {
  const sink = new RowSink(coverage);
  const report = newReport();
  decodeResponse(response, sink, report);
  return { points: sink.points, gaps: report.gaps, warnings: report.warnings, failures: report.failures };
}

/**
 * Flattens one MyEnergyData_MarketDocument. `fallbackMeteringPointId` (usually the envelope's
 * `id`) labels series whose MarketEvaluationPoint carries no id.
 */
export function flattenDocument(doc: unknown, fallbackMeteringPointId = ""): FlattenedDocument {
  const sink = new RowSink();
  const report = newReport();
  decodeDocument(doc, fallbackMeteringPointId, sink, report);
  return { points: sink.points, gaps: report.gaps, warnings: report.warnings };
}
