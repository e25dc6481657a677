/** Normalised resolution names used in every flattened row. */
export type NormalizedResolution = "PT15M" | "PT1H" | "P1D" | "P1M" | "P1Y" | "PXD" | (string & {});

/**
 * How a resolution maps points onto time:
 * - `fixed`: a constant UTC step (sub-daily resolutions; DST does not stretch them).
 * - `day` / `month` / `year`: calendar steps on the Danish wall clock.
 * - `profiled`: PXD, no intrinsic length; the Period's interval decides.
 */
export type ResolutionKind = "fixed" | "day" | "month" | "year" | "profiled";

export interface ResolutionInfo {
  name: NormalizedResolution;
  kind: ResolutionKind;
  /** Step in ms for `fixed`; 0 otherwise. */
  stepMs: number;
}

const KNOWN: Record<string, ResolutionInfo> = {
  PT15M: { name: "PT15M", kind: "fixed", stepMs: 900_000 },
  PT1H: { name: "PT1H", kind: "fixed", stepMs: 3_600_000 },
  PT60M: { name: "PT1H", kind: "fixed", stepMs: 3_600_000 },
  // The live API writes PT1D and PT1Y where the schema says P1D and P1Y.
  P1D: { name: "P1D", kind: "day", stepMs: 0 },
  PT1D: { name: "P1D", kind: "day", stepMs: 0 },
  P1M: { name: "P1M", kind: "month", stepMs: 0 },
  P1Y: { name: "P1Y", kind: "year", stepMs: 0 },
  PT1Y: { name: "P1Y", kind: "year", stepMs: 0 },
  PXD: { name: "PXD", kind: "profiled", stepMs: 0 },
};

const GENERIC_FIXED = /^PT([1-9]\d{0,3})([MH])$/;

/**
 * Resolves a wire resolution string; `undefined` when it is not understood. Other whole-minute
 * or whole-hour steps (`PT5M`, `PT30M`) are accepted so that a future resolution still stamps
 * correctly instead of failing the whole response.
 */
export function resolveResolution(value: unknown): ResolutionInfo | undefined {
  if (typeof value !== "string") return undefined;
  const known = KNOWN[value];
  if (known !== undefined) return known;
  const m = GENERIC_FIXED.exec(value);
  if (m === null) return undefined;
  const n = Number(m[1]);
  const stepMs = n * (m[2] === "H" ? 3_600_000 : 60_000);
  return { name: value, kind: "fixed", stepMs };
}

/** The normalised spelling of a resolution (`PT1D` → `P1D`, `PT1Y` → `P1Y`), or `undefined`. */
export function normalizeResolution(value: string): NormalizedResolution | undefined {
  return resolveResolution(value)?.name;
}
