import type { NormalizedResolution } from "./resolution.js";
import type { TimeSeriesGap } from "./types.js";

/** One series' points (or runs of points) as intervals in epoch ms, sorted by start. */
export interface CoverageSeries {
  meteringPointId: string;
  length: number;
  startAt(i: number): number;
  endAt(i: number): number;
  /** The resolution of the point that starts interval `i`. */
  resolutionAt(i: number): NormalizedResolution;
  /**
   * The resolution of the latest-starting point, which names the gap after the last one; defaults
   * to `resolutionAt(length - 1)`.
   */
  lastResolution?: NormalizedResolution;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Every stretch of the asked period that a series does not cover: before its first point, between
 * two points (missing positions, a hole across two request chunks, an empty chunk) and after its
 * last point (DataHub's usual lag). Computed per series, so a series that lags is not hidden by
 * another one that is up to date. With no points at all, the whole period is one gap.
 */
export function coverageGaps(
  series: readonly CoverageSeries[],
  range: { startMs: number; endMs: number },
  meteringPointId: string,
): TimeSeriesGap[] {
  const gaps: TimeSeriesGap[] = [];
  const nonEmpty = series.filter((s) => s.length > 0);
  if (nonEmpty.length === 0) {
    return [{ meteringPointId, start: iso(range.startMs), end: iso(range.endMs), resolution: "" }];
  }
  const push = (s: CoverageSeries, startMs: number, endMs: number, resolution: NormalizedResolution) => {
    if (startMs < endMs) {
      gaps.push({ meteringPointId: s.meteringPointId, start: iso(startMs), end: iso(endMs), resolution });
    }
  };
  for (const s of nonEmpty) {
    let covered = range.startMs;
    for (let i = 0; i < s.length; i++) {
      const start = s.startAt(i);
      if (start > covered) push(s, covered, Math.min(start, range.endMs), s.resolutionAt(i));
      covered = Math.max(covered, s.endAt(i));
      if (covered >= range.endMs) break;
    }
    if (covered < range.endMs) {
      push(s, covered, range.endMs, s.lastResolution ?? s.resolutionAt(s.length - 1));
    }
  }
  return gaps;
}

/**
 * The coverage of one series (metering point, business type, unit), collected point by point as
 * the decoder stamps them, as runs of touching or overlapping points. Points mostly arrive in
 * time order and touch, so a whole answer is a handful of runs and the gap pass costs nothing per
 * point; a point that starts before the previous one (overlapping Periods) simply opens a new run,
 * and runs are sorted by start before use. The gaps come out exactly as if every point had been
 * sorted by start and walked one by one.
 */
export class CoverageRuns {
  readonly key: string;
  readonly meteringPointId: string;
  /** Number of points added. */
  points = 0;
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly firstResolutions: NormalizedResolution[] = [];
  /** Start of each run's newest point. */
  private readonly newest: number[] = [];
  private maxStart = Number.NEGATIVE_INFINITY;
  private maxStartResolution: NormalizedResolution = "";

  constructor(key: string, meteringPointId: string) {
    this.key = key;
    this.meteringPointId = meteringPointId;
  }

  /** Adds one point. */
  add(start: number, end: number, resolution: NormalizedResolution): void {
    this.addRun(start, end, resolution, start, 1);
  }

  /**
   * Adds `count` points of one resolution, in time order, each starting no later than the ones
   * before it end: the first starts at `start`, the newest at `newest`, the latest ends at `end`.
   */
  addRun(start: number, end: number, resolution: NormalizedResolution, newest: number, count: number): void {
    this.points += count;
    this.extend(start, end, resolution, newest);
    // Ties go to the later point, as a stable sort by start orders them.
    if (newest >= this.maxStart) {
      this.maxStart = newest;
      this.maxStartResolution = resolution;
    }
  }

  /**
   * A run of points from `start` to `end` whose newest point starts at `newest`. Its points are in
   * order and touch, so it joins the open run exactly when its first point would.
   */
  private extend(start: number, end: number, resolution: NormalizedResolution, newest: number): void {
    const n = this.starts.length;
    if (n > 0 && start >= (this.newest[n - 1] as number) && start <= (this.ends[n - 1] as number)) {
      if (end > (this.ends[n - 1] as number)) this.ends[n - 1] = end;
      this.newest[n - 1] = newest;
    } else {
      this.starts.push(start);
      this.ends.push(end);
      this.firstResolutions.push(resolution);
      this.newest.push(newest);
    }
  }

  /** Appends the runs of `later` (the same series from a later chunk), as if its points followed. */
  append(later: CoverageRuns): void {
    for (let i = 0; i < later.starts.length; i++) {
      this.extend(
        later.starts[i] as number,
        later.ends[i] as number,
        later.firstResolutions[i] as NormalizedResolution,
        later.newest[i] as number,
      );
    }
    this.points += later.points;
    if (later.points > 0 && later.maxStart >= this.maxStart) {
      this.maxStart = later.maxStart;
      this.maxStartResolution = later.maxStartResolution;
    }
  }

  /** The runs in start order (stable), for `coverageGaps`. */
  toSeries(): CoverageSeries {
    const n = this.starts.length;
    const starts = this.starts;
    let order: number[] | undefined;
    for (let i = 1; i < n; i++) {
      if ((starts[i] as number) < (starts[i - 1] as number)) {
        order = Array.from({ length: n }, (_, k) => k).sort(
          (a, b) => (starts[a] as number) - (starts[b] as number),
        );
        break;
      }
    }
    const at = order === undefined ? (i: number) => i : (i: number) => order[i] as number;
    return {
      meteringPointId: this.meteringPointId,
      length: this.points > 0 ? n : 0,
      startAt: (i) => starts[at(i)] as number,
      endAt: (i) => this.ends[at(i)] as number,
      resolutionAt: (i) => this.firstResolutions[at(i)] as NormalizedResolution,
      lastResolution: this.maxStartResolution,
    };
  }
}

/** Coverage per series (metering point, business type, unit), in the order of their first points. */
export class Coverage {
  private readonly bySeries = new Map<string, CoverageRuns>();
  private readonly order: CoverageRuns[] = [];

  /** The runs of one series; call `noteFirstPoint` once it has its first point. */
  runsFor(meteringPointId: string, businessType: string, unit: string): CoverageRuns {
    return this.runsForKey(`${meteringPointId}|${businessType}|${unit}`, meteringPointId);
  }

  private runsForKey(key: string, meteringPointId: string): CoverageRuns {
    let runs = this.bySeries.get(key);
    if (runs === undefined) {
      runs = new CoverageRuns(key, meteringPointId);
      this.bySeries.set(key, runs);
    }
    return runs;
  }

  /** Places a series among the others when its first point arrives. */
  noteFirstPoint(runs: CoverageRuns): void {
    this.order.push(runs);
  }

  /** Adds the coverage of a later request chunk, as if its points followed these. */
  append(later: Coverage): void {
    for (const runs of later.order) {
      const mine = this.runsForKey(runs.key, runs.meteringPointId);
      if (mine.points === 0) this.order.push(mine);
      mine.append(runs);
    }
  }

  series(): CoverageSeries[] {
    return this.order.map((runs) => runs.toSeries());
  }
}
