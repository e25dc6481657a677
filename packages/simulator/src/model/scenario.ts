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

const FAULT_KEYS = ["calls", "probability", "pathIncludes"];

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Checks a scenario patch field by field. Patches also arrive as JSON from the HTTP control
 * endpoint and the command line, so types are checked at run time, not only by the compiler: a
 * selector with a misspelt key would otherwise mean "every call".
 */
export function validateScenario(scenario: unknown): asserts scenario is Scenario {
  if (!isPlainObject(scenario)) throw new RangeError("A scenario must be an object");
  for (const key of Object.keys(scenario)) {
    // Own keys only, so "__proto__" or "toString" count as unknown.
    if (!Object.hasOwn(DEFAULT_SCENARIO, key)) {
      throw new RangeError(
        `Unknown scenario field "${key}" (known: ${Object.keys(DEFAULT_SCENARIO).join(", ")})`,
      );
    }
  }
  const { chargeLinks, meterReadings, cprConsent, slow } = scenario;
  if (chargeLinks !== undefined && chargeLinks !== "notDeployed" && chargeLinks !== "available") {
    throw new RangeError('scenario.chargeLinks must be "notDeployed" or "available"');
  }
  if (meterReadings !== undefined && meterReadings !== "withdrawn" && meterReadings !== "available") {
    throw new RangeError('scenario.meterReadings must be "withdrawn" or "available"');
  }
  if (cprConsent !== undefined && typeof cprConsent !== "boolean") {
    throw new RangeError("scenario.cprConsent must be true or false");
  }
  for (const name of ["unavailable", "malformedJson", "connectionReset"] as const) {
    const fault = scenario[name];
    if (fault === undefined || fault === false) continue;
    if (!isPlainObject(fault)) {
      throw new RangeError(
        `scenario.${name} must be false or an object with calls, probability and/or pathIncludes`,
      );
    }
    for (const key of Object.keys(fault)) {
      if (!FAULT_KEYS.includes(key)) {
        throw new RangeError(`Unknown field "${key}" in scenario.${name} (known: ${FAULT_KEYS.join(", ")})`);
      }
    }
    const { calls, probability, pathIncludes } = fault;
    if (calls !== undefined && !(Number.isInteger(calls) && (calls as number) >= 0)) {
      throw new RangeError(`scenario.${name}.calls must be a whole number ≥ 0`);
    }
    if (
      probability !== undefined &&
      !(typeof probability === "number" && probability >= 0 && probability <= 1)
    ) {
      throw new RangeError(`scenario.${name}.probability must be between 0 and 1`);
    }
    if (pathIncludes !== undefined && typeof pathIncludes !== "string") {
      throw new RangeError(`scenario.${name}.pathIncludes must be a string`);
    }
  }
  if (slow !== undefined && slow !== false) {
    if (!isPlainObject(slow))
      throw new RangeError("scenario.slow must be false or { delayMs, pathIncludes? }");
    for (const key of Object.keys(slow)) {
      if (key !== "delayMs" && key !== "pathIncludes") {
        throw new RangeError(`Unknown field "${key}" in scenario.slow (known: delayMs, pathIncludes)`);
      }
    }
    if (!(typeof slow.delayMs === "number" && Number.isFinite(slow.delayMs) && slow.delayMs >= 0)) {
      throw new RangeError("scenario.slow.delayMs must be a number ≥ 0");
    }
    if (slow.pathIncludes !== undefined && typeof slow.pathIncludes !== "string") {
      throw new RangeError("scenario.slow.pathIncludes must be a string");
    }
  }
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
    validateScenario(patch);
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
