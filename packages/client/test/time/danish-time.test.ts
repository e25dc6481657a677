import { describe, expect, it } from "vitest";
import {
  addLocalDays,
  addLocalMonths,
  addLocalYears,
  copenhagenOffsetMinutes,
  daysBetween,
  hoursInLocalDay,
  isValidLocalDate,
  localDateOf,
  localDateStartUtc,
  localParts,
  todayInDenmark,
} from "../../src/time/danish-time.js";

const utc = (iso: string): number => Date.parse(iso);

describe("copenhagenOffsetMinutes", () => {
  it("switches to CEST exactly at 01:00 UTC on the last Sunday of March", () => {
    expect(copenhagenOffsetMinutes(utc("2024-03-31T00:59:59.999Z"))).toBe(60);
    expect(copenhagenOffsetMinutes(utc("2024-03-31T01:00:00.000Z"))).toBe(120);
  });
  it("switches back to CET exactly at 01:00 UTC on the last Sunday of October", () => {
    expect(copenhagenOffsetMinutes(utc("2024-10-27T00:59:59.999Z"))).toBe(120);
    expect(copenhagenOffsetMinutes(utc("2024-10-27T01:00:00.000Z"))).toBe(60);
  });
  it("is CET in winter and CEST in summer", () => {
    expect(copenhagenOffsetMinutes(utc("2024-01-15T12:00:00Z"))).toBe(60);
    expect(copenhagenOffsetMinutes(utc("2024-07-15T12:00:00Z"))).toBe(120);
    expect(copenhagenOffsetMinutes(utc("2023-12-31T23:30:00Z"))).toBe(60);
  });
  it("uses the last Sunday even when the month ends on a Sunday", () => {
    // 2019-03-31 and 2020-10-25 are Sundays; 2021-10-31 is a Sunday.
    expect(copenhagenOffsetMinutes(utc("2019-03-31T00:59:00Z"))).toBe(60);
    expect(copenhagenOffsetMinutes(utc("2019-03-31T01:00:00Z"))).toBe(120);
    expect(copenhagenOffsetMinutes(utc("2021-10-31T00:59:00Z"))).toBe(120);
    expect(copenhagenOffsetMinutes(utc("2021-10-31T01:00:00Z"))).toBe(60);
  });
});

describe("local day lengths and starts", () => {
  it("has 23 hours on 2024-03-31 and 25 on 2024-10-27", () => {
    expect(hoursInLocalDay("2024-03-31")).toBe(23);
    expect(hoursInLocalDay("2024-10-27")).toBe(25);
    expect(hoursInLocalDay("2024-03-30")).toBe(24);
    expect(hoursInLocalDay("2024-10-28")).toBe(24);
    expect(hoursInLocalDay("2025-03-30")).toBe(23);
    expect(hoursInLocalDay("2025-10-26")).toBe(25);
  });
  it("starts local days at 23:00 UTC in winter and 22:00 UTC in summer", () => {
    expect(new Date(localDateStartUtc("2024-03-31")).toISOString()).toBe("2024-03-30T23:00:00.000Z");
    expect(new Date(localDateStartUtc("2024-04-01")).toISOString()).toBe("2024-03-31T22:00:00.000Z");
    expect(new Date(localDateStartUtc("2024-10-27")).toISOString()).toBe("2024-10-26T22:00:00.000Z");
    expect(new Date(localDateStartUtc("2024-10-28")).toISOString()).toBe("2024-10-27T23:00:00.000Z");
    expect(new Date(localDateStartUtc("2024-01-01")).toISOString()).toBe("2023-12-31T23:00:00.000Z");
  });
  it("rejects invalid local dates", () => {
    expect(() => localDateStartUtc("2023-02-29")).toThrow(/YYYY-MM-DD/);
    expect(() => addLocalDays("2024-1-1", 1)).toThrow(/Invalid local date "2024-1-1"/);
  });
});

describe("isValidLocalDate", () => {
  it("accepts real dates including leap day", () => {
    expect(isValidLocalDate("2024-02-29")).toBe(true);
    expect(isValidLocalDate("2000-02-29")).toBe(true);
    expect(isValidLocalDate("2024-12-31")).toBe(true);
  });
  it("rejects malformed or impossible dates", () => {
    for (const bad of [
      "2023-02-29",
      "1900-02-29",
      "2024-13-01",
      "2024-00-10",
      "2024-04-31",
      "2024-1-01",
      "20240101",
      "2024-01-01T00:00:00Z",
      " 2024-01-01",
      "",
    ]) {
      expect(isValidLocalDate(bad), bad).toBe(false);
    }
    expect(isValidLocalDate(123 as unknown as string)).toBe(false);
  });
});

describe("local date of an instant", () => {
  it("maps instants around midnight to the Danish date", () => {
    expect(localDateOf(utc("2023-12-31T22:59:59Z"))).toBe("2023-12-31");
    expect(localDateOf(utc("2023-12-31T23:00:00Z"))).toBe("2024-01-01");
    expect(localDateOf(utc("2024-06-30T21:59:59Z"))).toBe("2024-06-30");
    expect(localDateOf(utc("2024-06-30T22:00:00Z"))).toBe("2024-07-01");
    expect(localDateOf(utc("2024-02-28T23:00:00Z"))).toBe("2024-02-29");
    expect(todayInDenmark(utc("2024-02-29T22:59:00Z"))).toBe("2024-02-29");
    expect(todayInDenmark(utc("2024-02-29T23:00:00Z"))).toBe("2024-03-01");
  });
  it("gives wall-clock parts across the autumn switch (02:00 occurs twice)", () => {
    const first = localParts(utc("2024-10-27T00:30:00Z"));
    const second = localParts(utc("2024-10-27T01:30:00Z"));
    expect(first).toEqual({ year: 2024, month: 10, day: 27, hour: 2, minute: 30, weekday: 6 });
    expect(second).toEqual({ year: 2024, month: 10, day: 27, hour: 2, minute: 30, weekday: 6 });
  });
  it("skips 02:00 on the spring switch", () => {
    expect(localParts(utc("2024-03-31T00:59:00Z")).hour).toBe(1);
    expect(localParts(utc("2024-03-31T01:00:00Z")).hour).toBe(3);
  });
  it("reports Monday as weekday 0", () => {
    expect(localParts(utc("2024-01-01T10:00:00Z")).weekday).toBe(0);
    expect(localParts(utc("2024-01-07T10:00:00Z")).weekday).toBe(6);
  });
});

describe("calendar arithmetic", () => {
  it("adds days across month, leap-day and year boundaries", () => {
    expect(addLocalDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addLocalDays("2024-02-29", 1)).toBe("2024-03-01");
    expect(addLocalDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addLocalDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addLocalDays("2025-01-01", -1)).toBe("2024-12-31");
    expect(addLocalDays("2024-01-01", 366)).toBe("2025-01-01");
  });
  it("adds months and years clamping to the month end", () => {
    expect(addLocalMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addLocalMonths("2023-01-31", 1)).toBe("2023-02-28");
    expect(addLocalMonths("2024-11-15", 2)).toBe("2025-01-15");
    expect(addLocalMonths("2024-01-15", -1)).toBe("2023-12-15");
    expect(addLocalYears("2024-02-29", 1)).toBe("2025-02-28");
    expect(addLocalYears("2024-02-29", 4)).toBe("2028-02-29");
    expect(addLocalYears("2024-06-01", -5)).toBe("2019-06-01");
  });
  it("counts calendar days", () => {
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
    expect(daysBetween("2023-01-01", "2024-01-01")).toBe(365);
    expect(daysBetween("2024-03-30", "2024-04-01")).toBe(2);
    expect(daysBetween("2024-04-01", "2024-03-30")).toBe(-2);
    expect(daysBetween("2024-05-05", "2024-05-05")).toBe(0);
  });
});

describe("agrees with Intl for random instants 2015–2035", () => {
  const fmt = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Copenhagen",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    weekday: "short",
  });
  const intlParts = (t: number): Record<string, string> =>
    Object.fromEntries(fmt.formatToParts(t).map((p) => [p.type, p.value]));
  const weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  // Deterministic PRNG (fixed seed) so a failure is reproducible.
  let seed = 0x2545f491;
  const rand = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x1_0000_0000;
  };
  const lo = utc("2015-01-01T00:00:00Z");
  const hi = utc("2035-12-31T23:59:59Z");
  // Both tests below call Intl thousands of times (~0.1–0.2 s each on an idle machine). Mismatches are
  // collected and asserted once, so the cost is Intl's and not one `expect` per field, and the budget is
  // explicit so a busy CI machine cannot push them past a default timeout.
  const budget = { timeout: 60_000 };

  it("matches date, hour, minute, weekday and offset", budget, () => {
    const instants: number[] = [];
    for (let i = 0; i < 2000; i++) instants.push(Math.floor(lo + rand() * (hi - lo)));
    // Plus every switch instant ± 1 ms, where an off-by-one would hide.
    for (let y = 2015; y <= 2035; y++) {
      for (const month of [3, 10]) {
        for (let d = 31; d >= 25; d--) {
          const t = Date.UTC(y, month - 1, d, 1);
          if (new Date(t).getUTCDay() === 0) {
            instants.push(t - 1, t, t + 1);
            break;
          }
        }
      }
    }
    expect(instants).toHaveLength(2000 + 21 * 2 * 3);
    const mismatches: string[] = [];
    for (const t of instants) {
      const parts = intlParts(t);
      const wallMs = Date.UTC(
        Number(parts.year),
        Number(parts.month) - 1,
        Number(parts.day),
        Number(parts.hour),
        Number(parts.minute),
      );
      const expected = {
        date: `${parts.year}-${parts.month}-${parts.day}`,
        hour: Number(parts.hour),
        minute: Number(parts.minute),
        weekday: parts.weekday,
        offset: Math.round((wallMs - (t - (t % 60000))) / 60000),
      };
      const local = localParts(t);
      const actual = {
        date: localDateOf(t),
        hour: local.hour,
        minute: local.minute,
        weekday: weekdays[local.weekday],
        offset: copenhagenOffsetMinutes(t),
      };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        mismatches.push(
          `${new Date(t).toISOString()}: ${JSON.stringify(actual)} ≠ Intl ${JSON.stringify(expected)}`,
        );
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("computes local midnight like Intl for every day of 2015–2035", budget, () => {
    const mismatches: string[] = [];
    let days = 0;
    let date = "2015-01-01";
    while (date !== "2036-01-01") {
      const start = localDateStartUtc(date);
      const p = intlParts(start);
      const intl = `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
      if (intl !== `${date} 00:00`) mismatches.push(`${date}: starts at Intl ${intl}`);
      const before = localDateOf(start - 1);
      if (before !== addLocalDays(date, -1)) mismatches.push(`${date}: 1 ms before the start is ${before}`);
      date = addLocalDays(date, 1);
      days++;
    }
    expect(days).toBe(7670);
    expect(mismatches).toEqual([]);
  });
});
