import { type Scenario, validateScenario } from "./model/scenario.js";

/**
 * Named scenarios for the command line and demos; combine them with commas. Each sets only the
 * fields shown (the README lists them); a later preset setting the same field wins.
 */
export const SCENARIO_PRESETS: Record<string, Scenario> = {
  /** One call in five answers 503 DataHub unavailable. */
  outage: { unavailable: { probability: 0.2 } },
  /** The next three calls answer 503, then all is well. */
  "outage-burst": { unavailable: { calls: 3 } },
  /** The next call answers 429 with `Retry-After: 60`. */
  "rate-limited": { rateLimited: { calls: 1, retryAfterSeconds: 60 } },
  /** The next call answers 429 without a `Retry-After` header. */
  "rate-limited-no-retry-after": { rateLimited: { calls: 1, retryAfterSeconds: null } },
  /** The next call answers 429 with `Retry-After: 3600`, an hour a client should not sit out. */
  "rate-limited-long": { rateLimited: { calls: 1, retryAfterSeconds: 3600 } },
  /** The next token exchange answers 200 with its JSON cut in half; data calls are untouched. */
  "truncated-token": { malformedJson: { calls: 1, operation: "token" } },
  /** The next data call answers 200 with its JSON cut in half; token exchanges are untouched. */
  "truncated-data": { malformedJson: { calls: 1, operation: "data" } },
  /** Every response takes two seconds. */
  slow: { slow: { delayMs: 2000 } },
  /** One JSON body in ten is cut short, one connection in twenty is dropped. */
  flaky: { malformedJson: { probability: 0.1 }, connectionReset: { probability: 0.05 } },
  /** getchargelinkswithcharges answers instead of the live 404. */
  "charge-links": { chargeLinks: "available" },
  /** The withdrawn getmeterreadings answers as it did in 2024. */
  "meter-readings": { meterReadings: "available" },
  /** The user has not consented to CPR lookups (10007). */
  "no-cpr-consent": { cprConsent: false },
  /** Every metering point has sent yesterday's data already (no lag): for trying flows on "yesterday". */
  "fresh-data": { dataLagDays: 0 },
};

/** Merges named presets, e.g. `outage,charge-links`; throws on an unknown name. */
export function scenarioFromPresets(names: string): Scenario {
  const merged: Scenario = {};
  const list = names
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (list.length === 0) throw new RangeError("No scenario preset named");
  for (const name of list) {
    // Own keys only: "constructor" or "__proto__" are not presets.
    const preset = Object.hasOwn(SCENARIO_PRESETS, name) ? SCENARIO_PRESETS[name] : undefined;
    if (preset === undefined) {
      throw new RangeError(
        `Unknown scenario "${name}". Known: ${Object.keys(SCENARIO_PRESETS).join(", ")}, or a JSON object.`,
      );
    }
    Object.assign(merged, preset);
  }
  return merged;
}

/** Parses `outage,charge-links` or a JSON object into one scenario, checking it. */
export function parseScenario(text: string): Scenario {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{")) return scenarioFromPresets(trimmed);
  const parsed: unknown = JSON.parse(trimmed);
  validateScenario(parsed);
  return parsed;
}
