import type { LoadProfile } from "../model/catalogue.js";
import { unitHash } from "../model/prng.js";
import { localParts } from "../time/copenhagen.js";

/**
 * Load and production shapes. Each returns the mean power in kW over an interval, as a pure
 * function of (seed, salt, instant): daily rhythm, weekday/weekend, season, weather of the day,
 * and per-interval noise. Nothing is stored, so any range can be generated on its own.
 */

const DAY_MS = 86_400_000;
const TWO_PI = Math.PI * 2;
const LATITUDE = (56 * Math.PI) / 180;
const LONGITUDE_HOURS = 10.5 / 15;

const gauss = (x: number, mu: number, sigma: number): number => {
  const d = (x - mu) / sigma;
  return Math.exp(-0.5 * d * d);
};

interface Moment {
  /** Local clock hour with fraction, 0–24. */
  hour: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  month: number;
  /** Day of the year, 0-based. */
  doy: number;
  /** Days since epoch in UTC, used to draw one "weather" value per day. */
  dayIndex: number;
  utcHour: number;
  /** +1 in mid-January, −1 in mid-July. */
  winter: number;
}

function moment(instantMs: number): Moment {
  const p = localParts(instantMs);
  const doy = Math.floor((instantMs - Date.UTC(p.year, 0, 1)) / DAY_MS);
  return {
    hour: p.hour + p.minute / 60,
    weekday: p.weekday,
    month: p.month,
    doy,
    dayIndex: Math.floor(instantMs / DAY_MS),
    utcHour: (instantMs % DAY_MS) / 3_600_000,
    winter: Math.cos((TWO_PI * (doy - 15)) / 365.25),
  };
}

function household(seed: number, salt: number, m: Moment): number {
  const weekend = m.weekday >= 5;
  const occupancy = 0.8 + 0.4 * unitHash(seed, salt, m.dayIndex, 1);
  const base = 0.16 + 0.04 * m.winter;
  const morning = 0.55 * gauss(m.hour, weekend ? 9 : 7, 0.9);
  const midday = (weekend ? 0.35 : 0.12) * gauss(m.hour, 13, 2.5);
  const evening = 1.0 * gauss(m.hour, 18.3, 1.3) + 0.35 * gauss(m.hour, 21, 1.5);
  const lighting = Math.max(0, m.winter) * 0.25 * (gauss(m.hour, 7, 1) + gauss(m.hour, 19.5, 2));
  return base + (morning + midday + evening + lighting) * occupancy;
}

function cottage(seed: number, salt: number, m: Moment): number {
  const weekend = (m.weekday === 4 && m.hour >= 16) || m.weekday === 5 || (m.weekday === 6 && m.hour < 20);
  const week = Math.floor((m.dayIndex + 3) / 7);
  const holiday = m.month === 7 || unitHash(seed, salt, week, 2) < 0.15;
  return weekend || holiday
    ? 0.9 * household(seed, salt, m)
    : 0.04 + 0.02 * unitHash(seed, salt, m.dayIndex, 3);
}

function solar(seed: number, salt: number, m: Moment): number {
  const declination = ((23.44 * Math.PI) / 180) * Math.sin((TWO_PI * (284 + m.doy)) / 365);
  const hourAngle = ((m.utcHour + LONGITUDE_HOURS - 12) * 15 * Math.PI) / 180;
  const sinElevation =
    Math.sin(LATITUDE) * Math.sin(declination) +
    Math.cos(LATITUDE) * Math.cos(declination) * Math.cos(hourAngle);
  if (sinElevation <= 0) return 0;
  const clearness = 0.15 + 0.85 * unitHash(seed, salt, m.dayIndex, 4) ** 0.7;
  return 6 * 0.8 * sinElevation ** 1.15 * clearness;
}

function outdoorTemperature(seed: number, salt: number, m: Moment): number {
  const daily = (unitHash(seed, salt, m.dayIndex, 5) - 0.5) * 6;
  return 8.5 - 8.5 * m.winter + 3 * Math.sin((TWO_PI * (m.hour - 9)) / 24) + daily;
}

function heating(seed: number, salt: number, m: Moment): number {
  const setback = m.hour >= 23 || m.hour < 5 ? 0.8 : 1;
  return Math.max(0, 16.5 - outdoorTemperature(seed, salt, m)) * 0.15 * setback;
}

function business(m: Moment): number {
  if (m.weekday <= 4) return m.hour >= 3 && m.hour < 14 ? 9 : 2;
  if (m.weekday === 5) return m.hour >= 5 && m.hour < 12 ? 7 : 1.8;
  return 1.5;
}

/** Energy in Wh over `[startMs, startMs + durationMs)`; `salt` identifies the site. */
export function intervalWh(
  profile: LoadProfile,
  seed: number,
  salt: number,
  startMs: number,
  durationMs: number,
): number {
  const m = moment(startMs + durationMs / 2);
  const hours = durationMs / 3_600_000;
  const noise = 0.8 + 0.4 * unitHash(seed, salt, startMs / 60_000, 6);
  const wh = (kw: number) => Math.max(0, Math.round(kw * hours * 1000 * noise));
  switch (profile) {
    case "household":
      return wh(household(seed, salt, m));
    case "cottage":
      return wh(cottage(seed, salt, m));
    case "solar":
      return wh(solar(seed, salt, m));
    case "heating":
      return wh(heating(seed, salt, m));
    case "heatedHouse":
      return wh(0.9 * household(seed, salt, m) + heating(seed, salt, m));
    case "business":
      return wh(business(m));
    // A net-settled site: what the panels make beyond the house's own use goes to the grid.
    case "solarExport":
      return Math.max(0, wh(solar(seed, salt, m)) - wh(0.6 * household(seed, salt, m)));
    case "solarImport":
      return Math.max(0, wh(0.6 * household(seed, salt, m)) - wh(solar(seed, salt, m)));
  }
}
