import { describe, expect, it } from "vitest";
import { createStream } from "../src/model/prng.js";
import {
  addLocalDays,
  addLocalMonths,
  addLocalYears,
  daysBetween,
  isValidLocalDate,
} from "../src/time/calendar.js";
import {
  localDateOf,
  localDateStartUtc,
  localParts,
  offsetMs,
  todayInDenmark,
} from "../src/time/copenhagen.js";

/*
 * The simulator's Danish time against the platform's tz database, read through Intl with formatters
 * of their own (another locale, another way to get the offset), so the test does not share the code
 * path it checks.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const wallFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Copenhagen",
  hourCycle: "h23",
  weekday: "short",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});
const offsetFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Copenhagen",
  timeZoneName: "longOffset",
});
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function intlWall(ms: number) {
  const f: Record<string, string> = {};
  for (const p of wallFormat.formatToParts(ms)) f[p.type] = p.value;
  return {
    date: `${f.year}-${f.month}-${f.day}`,
    parts: {
      year: Number(f.year),
      month: Number(f.month),
      day: Number(f.day),
      hour: Number(f.hour),
      minute: Number(f.minute),
      weekday: WEEKDAYS.indexOf(f.weekday as string),
    },
    clock: `${f.hour}:${f.minute}:${f.second}`,
  };
}

/** "GMT+01:00" → 3 600 000. */
function intlOffset(ms: number): number {
  const name = offsetFormat.formatToParts(ms).find((p) => p.type === "timeZoneName")?.value ?? "";
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  if (match === null) throw new Error(`unexpected offset name ${name}`);
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * HOUR + Number(match[3]) * 60_000);
}

/** Facts: the EU switches, 01:00 UTC on the last Sundays of March and October. */
const SWITCHES = [
  ["2024-03-31", "2024-03-31T01:00:00Z", 23],
  ["2024-10-27", "2024-10-27T01:00:00Z", 25],
  ["2025-03-30", "2025-03-30T01:00:00Z", 23],
  ["2025-10-26", "2025-10-26T01:00:00Z", 25],
  ["2026-03-29", "2026-03-29T01:00:00Z", 23],
  ["2026-10-25", "2026-10-25T01:00:00Z", 25],
] as const;

function expectAgreesWithIntl(ms: number): void {
  const intl = intlWall(ms);
  const label = new Date(ms).toISOString();
  expect(offsetMs(ms), label).toBe(intlOffset(ms));
  expect(localParts(ms), label).toEqual(intl.parts);
  expect(localDateOf(ms), label).toBe(intl.date);
  expect(todayInDenmark(ms), label).toBe(intl.date);
}

function instantsAround(center: number): number[] {
  const steps = [0, 1, 999, 1000, 60_000, 15 * 60_000, HOUR - 1, HOUR, 2 * HOUR, 3 * HOUR, DAY];
  return steps.flatMap((s) => [center - s, center + s]);
}

describe("Danish wall clock against Intl", () => {
  it("agrees at and around each switch of 2024–2026, to the millisecond", () => {
    for (const [, iso] of SWITCHES) {
      for (const ms of instantsAround(Date.parse(iso))) expectAgreesWithIntl(ms);
    }
  });

  it("jumps from 01:59:59.999 +01:00 to 03:00 +02:00 in spring and from 02:59 +02:00 to 02:00 +01:00 in autumn", () => {
    const spring = Date.parse("2025-03-30T01:00:00Z");
    expect(localParts(spring - 1)).toMatchObject({ hour: 1, minute: 59 });
    expect(offsetMs(spring - 1)).toBe(HOUR);
    expect(localParts(spring)).toMatchObject({ hour: 3, minute: 0 });
    expect(offsetMs(spring)).toBe(2 * HOUR);
    const autumn = Date.parse("2025-10-26T01:00:00Z");
    expect(localParts(autumn - 1)).toMatchObject({ hour: 2, minute: 59 });
    expect(offsetMs(autumn - 1)).toBe(2 * HOUR);
    expect(localParts(autumn)).toMatchObject({ hour: 2, minute: 0 });
    expect(offsetMs(autumn)).toBe(HOUR);
  });

  // This test and the next call Intl thousands of times: well under 1 s on an idle machine, a few seconds on
  // a loaded CI machine, so their budget is explicit.
  it("finds every local midnight of 2024–2026: 00:00:00 by Intl, the day before 1 ms earlier", () => {
    let previous = localDateStartUtc("2023-12-31");
    for (let date = "2024-01-01"; date < "2027-01-01"; date = addLocalDays(date, 1)) {
      const start = localDateStartUtc(date);
      expect(intlWall(start), date).toMatchObject({ date, clock: "00:00:00" });
      expect(intlWall(start - 1).clock, date).toBe("23:59:59");
      expect(intlWall(start - 1).date, date).toBe(addLocalDays(date, -1));
      expectAgreesWithIntl(start);
      expectAgreesWithIntl(start - 1);
      const hours = (start - previous) / HOUR;
      const yesterday = addLocalDays(date, -1);
      const known = SWITCHES.find(([day]) => day === yesterday);
      expect(hours, yesterday).toBe(known === undefined ? 24 : known[2]);
      previous = start;
    }
  }, 60_000);

  it("agrees at 3,000 seeded random instants from 2019 to 2027", () => {
    const random = createStream(0x7e57);
    const from = Date.parse("2019-01-01T00:00:00Z");
    const to = Date.parse("2027-01-01T00:00:00Z");
    for (let i = 0; i < 3000; i++) {
      const ms = from + Math.floor(random.next() * (to - from));
      expectAgreesWithIntl(ms);
      const date = localDateOf(ms);
      expect(localDateStartUtc(date)).toBeLessThanOrEqual(ms);
      expect(localDateStartUtc(addLocalDays(date, 1))).toBeGreaterThan(ms);
    }
  }, 60_000);

  it("refuses what is not a date or an instant", () => {
    expect(() => localDateStartUtc("2025-02-29")).toThrow(RangeError);
    expect(() => localDateStartUtc("2025-1-01")).toThrow(RangeError);
    expect(() => localParts(Number.NaN)).toThrow(RangeError);
  });
});

describe("calendar arithmetic on local dates", () => {
  it("accepts only real YYYY-MM-DD dates", () => {
    for (const ok of ["2024-02-29", "2025-12-31", "0001-01-01", "9999-12-31"]) {
      expect(isValidLocalDate(ok), ok).toBe(true);
    }
    for (const bad of ["2025-02-29", "2100-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-1-01"]) {
      expect(isValidLocalDate(bad), bad).toBe(false);
    }
    for (const bad of [" 2024-01-01", "2024-01-01T00:00", "20240101", ""]) {
      expect(isValidLocalDate(bad), bad).toBe(false);
    }
  });

  it.each([
    ["2025-03-29", 2, "2025-03-31"],
    ["2024-12-31", 1, "2025-01-01"],
    ["2024-03-01", -1, "2024-02-29"],
    ["0099-12-31", 1, "0100-01-01"],
    ["2025-01-01", 730, "2027-01-01"],
  ])("%s plus %i days is %s", (date, days, expected) => {
    expect(addLocalDays(date, days)).toBe(expected);
  });

  it("refuses a fraction of a day and years past 9999", () => {
    expect(() => addLocalDays("2025-01-01", 0.5)).toThrow(RangeError);
    expect(() => addLocalDays("9999-12-31", 1)).toThrow(RangeError);
  });

  it("agrees with stepping from local midnight to local midnight", () => {
    let date = "2023-12-25";
    for (let i = 0; i < 1200; i++) {
      const next = localDateOf(localDateStartUtc(date) + 36 * HOUR);
      expect(addLocalDays(date, 1)).toBe(next);
      expect(daysBetween(date, next)).toBe(1);
      date = next;
    }
  });

  // [date, months, expected]: a day the target month lacks becomes its last day.
  it.each([
    ["2024-01-31", 1, "2024-02-29"],
    ["2023-01-31", 1, "2023-02-28"],
    ["2024-03-31", -1, "2024-02-29"],
    ["2024-11-15", 3, "2025-02-15"],
    ["2025-01-10", -13, "2023-12-10"],
    ["2024-02-29", 12, "2025-02-28"],
    ["2024-02-29", 48, "2028-02-29"],
    ["2026-06-01", -60, "2021-06-01"],
  ])("%s plus %i months is %s", (date, months, expected) => {
    expect(addLocalMonths(date, months)).toBe(expected);
    if (months % 12 === 0) expect(addLocalYears(date, months / 12)).toBe(expected);
  });

  // [from, to, calendar days]: whole days, however long the local days in between.
  it.each([
    ["2025-03-29", "2025-04-01", 3],
    ["2025-10-27", "2025-10-25", -2],
    ["2024-01-01", "2025-01-01", 366],
    ["2020-01-01", "2020-01-01", 0],
  ])("from %s to %s is %i days", (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });
});
