import type { RandomStream } from "./prng.js";

/** Which calls a fault hits. With neither `calls` nor `probability` it hits every matching call. */
export interface FaultSelector {
  /** Hit the next N matching calls, then stop. */
  calls?: number;
  /** Hit each matching call with this probability, drawn from the seeded PRNG. */
  probability?: number;
  /** Only calls whose path contains this text, case-insensitively (e.g. "gettimeseries"). */
  pathIncludes?: string;
}

/** Behaviour switches, per simulator instance and changeable at runtime with `setScenario()`. */
export interface Scenario {
  /** HTTP 503 "DataHub unavailable" (isalive answers `false` with the 503). */
  unavailable?: FaultSelector | false;
  /** HTTP 200 with the JSON body cut in half. */
  malformedJson?: FaultSelector | false;
  /** The connection is dropped without a response. */
  connectionReset?: FaultSelector | false;
  /** Every matching response is held back this long (real time, not the injected clock). */
  slow?: { delayMs: number; pathIncludes?: string } | false;
  /** `getchargelinkswithcharges`: `"notDeployed"` answers 404 as live today (default). */
  chargeLinks?: "notDeployed" | "available";
  /** The withdrawn meter-readings endpoint: `"withdrawn"` answers 404 (default), `"available"` as in 2024. */
  meterReadings?: "withdrawn" | "available";
  /** false: the user has not given CPR consent, so CPR lookups fail with 10007. Default true. */
  cprConsent?: boolean;
}

export type FaultName = "unavailable" | "malformedJson" | "connectionReset";

export const DEFAULT_SCENARIO: Required<Scenario> = {
  unavailable: false,
  malformedJson: false,
  connectionReset: false,
  slow: false,
  chargeLinks: "notDeployed",
  meterReadings: "withdrawn",
  cprConsent: true,
};

function validate(scenario: Scenario): void {
  for (const key of Object.keys(scenario)) {
    if (!(key in DEFAULT_SCENARIO)) throw new RangeError(`Unknown scenario field "${key}"`);
  }
  if (scenario.chargeLinks !== undefined && !["notDeployed", "available"].includes(scenario.chargeLinks)) {
    throw new RangeError('scenario.chargeLinks must be "notDeployed" or "available"');
  }
  if (scenario.meterReadings !== undefined && !["withdrawn", "available"].includes(scenario.meterReadings)) {
    throw new RangeError('scenario.meterReadings must be "withdrawn" or "available"');
  }
  for (const name of ["unavailable", "malformedJson", "connectionReset"] as const) {
    const fault = scenario[name];
    if (fault === undefined || fault === false) continue;
    if (fault.calls !== undefined && !(Number.isInteger(fault.calls) && fault.calls >= 0)) {
      throw new RangeError(`scenario.${name}.calls must be a whole number ≥ 0`);
    }
    if (fault.probability !== undefined && !(fault.probability >= 0 && fault.probability <= 1)) {
      throw new RangeError(`scenario.${name}.probability must be between 0 and 1`);
    }
  }
  if (scenario.slow && !(scenario.slow.delayMs >= 0))
    throw new RangeError("scenario.slow.delayMs must be ≥ 0");
}

/** The scenario in force plus the countdowns of `calls`-limited faults. */
export class ScenarioState {
  private current: Required<Scenario> = { ...DEFAULT_SCENARIO };
  private remaining = new Map<FaultName, number>();

  constructor(
    private readonly initial: Scenario,
    private readonly random: RandomStream,
  ) {
    this.reset();
  }

  get value(): Readonly<Required<Scenario>> {
    return this.current;
  }

  /** Merges a partial scenario into the current one; a fault given here starts a fresh countdown. */
  set(patch: Scenario): void {
    validate(patch);
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      (this.current as Record<string, unknown>)[key] = value;
      if (key === "unavailable" || key === "malformedJson" || key === "connectionReset") {
        const calls = value === false ? undefined : (value as FaultSelector).calls;
        if (calls === undefined) this.remaining.delete(key);
        else this.remaining.set(key, calls);
      }
    }
  }

  reset(): void {
    this.current = { ...DEFAULT_SCENARIO };
    this.remaining.clear();
    this.set(this.initial);
  }

  /** Decides (and consumes) whether a fault hits this call. */
  hits(name: FaultName, path: string): boolean {
    const fault = this.current[name];
    if (fault === false) return false;
    if (fault.pathIncludes !== undefined && !path.toLowerCase().includes(fault.pathIncludes.toLowerCase())) {
      return false;
    }
    const left = this.remaining.get(name);
    if (left !== undefined) {
      if (left <= 0) return false;
      this.remaining.set(name, left - 1);
      return true;
    }
    if (fault.probability !== undefined) return this.random.next() < fault.probability;
    return true;
  }

  delayFor(path: string): number {
    const slow = this.current.slow;
    if (slow === false) return 0;
    if (slow.pathIncludes !== undefined && !path.toLowerCase().includes(slow.pathIncludes.toLowerCase()))
      return 0;
    return slow.delayMs;
  }
}
