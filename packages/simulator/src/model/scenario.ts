import type { RandomStream } from "./prng.js";

/**
 * Which kind of call a fault may hit: `"token"` the token exchange (`GET …/api/token`) alone,
 * `"data"` the calls made with a data-access token alone (everything but the token exchange,
 * `isalive` and unknown paths).
 */
export type FaultOperation = "token" | "data";

/** Which calls a fault hits. With neither `calls` nor `probability` it hits every matching call. */
export interface FaultSelector {
  /** Hit the next N matching calls, then stop. */
  calls?: number;
  /** Hit each matching call with this probability, drawn from the seeded PRNG. */
  probability?: number;
  /** Only calls whose path contains this text, case-insensitively (e.g. "gettimeseries"). */
  pathIncludes?: string;
  /** Only the token exchange (`"token"`) or only data calls (`"data"`). */
  operation?: FaultOperation;
}

/** A 429 fault: a `FaultSelector` plus what the `Retry-After` header says. */
export interface RateLimitedFault extends FaultSelector {
  /** Seconds sent in `Retry-After` (default 60, the wait the spec recommends); `null` sends no header. */
  retryAfterSeconds?: number | null;
}

/** The `slow` scenario: responses held back, optionally only some of them. */
export interface SlowFault {
  /** How long, in real milliseconds: 0 to 2147483647 (the longest a Node timer waits). */
  delayMs: number;
  pathIncludes?: string;
  operation?: FaultOperation;
}

/** Behaviour switches, per simulator instance and changeable at runtime with `setScenario()`. */
export interface Scenario {
  /** HTTP 503 "DataHub unavailable" (isalive answers `false` with the 503). */
  unavailable?: FaultSelector | false;
  /** HTTP 429 ProblemDetails, as if a rate limit had been met, with or without `Retry-After`. */
  rateLimited?: RateLimitedFault | false;
  /** HTTP 200 with the JSON body cut in half. */
  malformedJson?: FaultSelector | false;
  /** The connection is dropped without a response. */
  connectionReset?: FaultSelector | false;
  /** Every matching response is held back this long (real time, not the injected clock). */
  slow?: SlowFault | false;
  /** `getchargelinkswithcharges`: `"notDeployed"` answers 404 as live today (default). */
  chargeLinks?: "notDeployed" | "available";
  /** The withdrawn meter-readings endpoint: `"withdrawn"` answers 404 (default), `"available"` as in 2024. */
  meterReadings?: "withdrawn" | "available";
  /** false: the user has not given CPR consent, so CPR lookups fail with 10007. Default true. */
  cprConsent?: boolean;
  /**
   * Days every metering point's data lags behind the clock (0–3), instead of each one's own 1–3.
   * 0: a day is served as soon as it has ended, so "yesterday" has data. false: each one's own.
   */
  dataLagDays?: number | false;
}

export type FaultName = "unavailable" | "rateLimited" | "malformedJson" | "connectionReset";

const FAULT_NAMES: readonly FaultName[] = ["unavailable", "rateLimited", "malformedJson", "connectionReset"];

/** What a fault selector looks at in a call. */
export interface CallTarget {
  path: string;
  /** `"token"` for the token exchange, `"data"` for calls made with a data-access token, else `"other"`. */
  kind: FaultOperation | "other";
}

/** The wait `rateLimited` announces unless told otherwise: the spec's "wait 1 min". */
export const DEFAULT_RETRY_AFTER_SECONDS = 60;

/** The longest delay a Node timer honours; above it Node waits 1 ms instead (TimeoutOverflowWarning). */
export const MAX_DELAY_MS = 2_147_483_647;

export const DEFAULT_SCENARIO: Required<Scenario> = {
  unavailable: false,
  rateLimited: false,
  malformedJson: false,
  connectionReset: false,
  slow: false,
  chargeLinks: "notDeployed",
  meterReadings: "withdrawn",
  cprConsent: true,
  dataLagDays: false,
};

const SELECTOR_KEYS = ["calls", "probability", "pathIncludes", "operation"];
const FAULT_KEYS: Record<FaultName, string[]> = {
  unavailable: SELECTOR_KEYS,
  rateLimited: [...SELECTOR_KEYS, "retryAfterSeconds"],
  malformedJson: SELECTOR_KEYS,
  connectionReset: SELECTOR_KEYS,
};
const SLOW_KEYS = ["delayMs", "pathIncludes", "operation"];

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
  const { chargeLinks, meterReadings, cprConsent, slow, dataLagDays } = scenario;
  if (
    dataLagDays !== undefined &&
    dataLagDays !== false &&
    !(Number.isInteger(dataLagDays) && (dataLagDays as number) >= 0 && (dataLagDays as number) <= 3)
  ) {
    throw new RangeError("scenario.dataLagDays must be a whole number of days from 0 to 3, or false");
  }
  if (chargeLinks !== undefined && chargeLinks !== "notDeployed" && chargeLinks !== "available") {
    throw new RangeError('scenario.chargeLinks must be "notDeployed" or "available"');
  }
  if (meterReadings !== undefined && meterReadings !== "withdrawn" && meterReadings !== "available") {
    throw new RangeError('scenario.meterReadings must be "withdrawn" or "available"');
  }
  if (cprConsent !== undefined && typeof cprConsent !== "boolean") {
    throw new RangeError("scenario.cprConsent must be true or false");
  }
  for (const name of FAULT_NAMES) {
    const fault = scenario[name];
    if (fault === undefined || fault === false) continue;
    const known = FAULT_KEYS[name];
    if (!isPlainObject(fault)) {
      throw new RangeError(
        `scenario.${name} must be false or an object with ${known.join(", ")} (all optional)`,
      );
    }
    for (const key of Object.keys(fault)) {
      if (!known.includes(key)) {
        throw new RangeError(`Unknown field "${key}" in scenario.${name} (known: ${known.join(", ")})`);
      }
    }
    const { calls, probability, pathIncludes, operation } = fault;
    if (calls !== undefined && !(Number.isSafeInteger(calls) && (calls as number) >= 0)) {
      throw new RangeError(`scenario.${name}.calls must be a whole number ≥ 0`);
    }
    if (
      probability !== undefined &&
      !(typeof probability === "number" && probability >= 0 && probability <= 1)
    ) {
      throw new RangeError(`scenario.${name}.probability must be between 0 and 1`);
    }
    checkTarget(`scenario.${name}`, pathIncludes, operation);
    if (name === "rateLimited") {
      const { retryAfterSeconds } = fault;
      if (
        retryAfterSeconds !== undefined &&
        retryAfterSeconds !== null &&
        !(Number.isSafeInteger(retryAfterSeconds) && (retryAfterSeconds as number) >= 0)
      ) {
        throw new RangeError(
          "scenario.rateLimited.retryAfterSeconds must be a whole number of seconds ≥ 0, or null for no Retry-After header",
        );
      }
    }
  }
  if (slow !== undefined && slow !== false) {
    if (!isPlainObject(slow))
      throw new RangeError("scenario.slow must be false or { delayMs, pathIncludes?, operation? }");
    for (const key of Object.keys(slow)) {
      if (!SLOW_KEYS.includes(key)) {
        throw new RangeError(`Unknown field "${key}" in scenario.slow (known: ${SLOW_KEYS.join(", ")})`);
      }
    }
    if (!(typeof slow.delayMs === "number" && Number.isFinite(slow.delayMs) && slow.delayMs >= 0)) {
      throw new RangeError("scenario.slow.delayMs must be a number ≥ 0");
    }
    if (slow.delayMs > MAX_DELAY_MS) {
      throw new RangeError(
        `scenario.slow.delayMs must be at most ${MAX_DELAY_MS} (about 24.8 days), got ${slow.delayMs}: Node would fire a longer timer after 1 ms`,
      );
    }
    checkTarget("scenario.slow", slow.pathIncludes, slow.operation);
  }
}

function checkTarget(where: string, pathIncludes: unknown, operation: unknown): void {
  if (pathIncludes !== undefined && typeof pathIncludes !== "string") {
    throw new RangeError(`${where}.pathIncludes must be a string`);
  }
  if (operation !== undefined && operation !== "token" && operation !== "data") {
    throw new RangeError(`${where}.operation must be "token" or "data"`);
  }
}

/** Whether a call falls under a fault's `pathIncludes` and `operation`. */
function targets(selector: { pathIncludes?: string; operation?: FaultOperation }, call: CallTarget): boolean {
  if (selector.operation !== undefined && selector.operation !== call.kind) return false;
  return (
    selector.pathIncludes === undefined ||
    call.path.toLowerCase().includes(selector.pathIncludes.toLowerCase())
  );
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
      if ((FAULT_NAMES as readonly string[]).includes(key)) {
        const calls = value === false ? undefined : (value as FaultSelector).calls;
        if (calls === undefined) this.remaining.delete(key as FaultName);
        else this.remaining.set(key as FaultName, calls);
      }
    }
  }

  reset(): void {
    this.current = { ...DEFAULT_SCENARIO };
    this.remaining.clear();
    this.set(this.initial);
  }

  /** Decides (and consumes) whether a fault hits this call. */
  hits(name: FaultName, call: CallTarget): boolean {
    const fault = this.current[name];
    if (fault === false || !targets(fault, call)) return false;
    const left = this.remaining.get(name);
    if (left !== undefined) {
      if (left <= 0) return false;
      this.remaining.set(name, left - 1);
      return true;
    }
    if (fault.probability !== undefined) return this.random.next() < fault.probability;
    return true;
  }

  /** The `Retry-After` seconds of a `rateLimited` hit; null for none. */
  retryAfterSeconds(): number | null {
    const fault = this.current.rateLimited;
    if (fault === false || fault.retryAfterSeconds === undefined) return DEFAULT_RETRY_AFTER_SECONDS;
    return fault.retryAfterSeconds;
  }

  delayFor(call: CallTarget): number {
    const slow = this.current.slow;
    if (slow === false || !targets(slow, call)) return 0;
    return slow.delayMs;
  }
}
