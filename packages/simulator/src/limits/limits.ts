/** Energinet's call quotas, as the simulator enforces them. */
export interface SimulatorLimits {
  /** Calls to `/api/token` per client address per window. */
  tokenPerWindow: number;
  /** All calls per client address per window, token calls included. */
  perClientPerWindow: number;
  /** All calls from every client together per window. */
  totalPerWindow: number;
  windowMs: number;
}

/** SPEC-C/T 2026: 2 token calls and 120 calls per minute per IP, 1200 per minute in total. */
export const LIMITS_2026: SimulatorLimits = {
  tokenPerWindow: 2,
  perClientPerWindow: 120,
  totalPerWindow: 1200,
  windowMs: 60_000,
};

/** SPEC-2024: 1 token call and 25 calls per minute per IP, 400 per minute in total. */
export const LIMITS_2024: SimulatorLimits = {
  tokenPerWindow: 1,
  perClientPerWindow: 25,
  totalPerWindow: 400,
  windowMs: 60_000,
};

const OFF: SimulatorLimits = {
  tokenPerWindow: Number.POSITIVE_INFINITY,
  perClientPerWindow: Number.POSITIVE_INFINITY,
  totalPerWindow: Number.POSITIVE_INFINITY,
  windowMs: 60_000,
};

/** `"current"`/`"2026"` (default), `"2024"`, `"off"`, or your own numbers on top of the current ones. */
export type LimitsOption = "current" | "2026" | "2024" | "off" | Partial<SimulatorLimits>;

export function resolveLimits(option: LimitsOption | undefined): SimulatorLimits {
  // Copies, so that one instance's limits can never be changed through another's.
  if (option === undefined || option === "current" || option === "2026") return { ...LIMITS_2026 };
  if (option === "2024") return { ...LIMITS_2024 };
  if (option === "off") return { ...OFF };
  const merged = { ...LIMITS_2026, ...option };
  for (const [key, value] of Object.entries(merged)) {
    if (typeof value !== "number" || Number.isNaN(value) || value <= 0) {
      throw new RangeError(`limits.${key} must be a positive number, got ${String(value)}`);
    }
  }
  return merged;
}
