import { describe, expect, it } from "vitest";
import { isRelativePeriodName, relativePeriod } from "../../src/insights/index.js";

// 2025-03-30 is the spring switch in Denmark; 22:30 UTC on 2025-03-31 is already 1 April locally.
const at = (iso: string) => Date.parse(iso);

describe("relativePeriod", () => {
  it("names periods relative to today in Denmark, not in UTC", () => {
    const lateEvening = at("2025-03-31T22:30:00Z"); // 00:30 on 1 April in Copenhagen
    expect(relativePeriod("yesterday", lateEvening)).toEqual({ from: "2025-03-31", to: "2025-04-01" });
    expect(relativePeriod("last-month", lateEvening)).toEqual({ from: "2025-03-01", to: "2025-04-01" });
    expect(relativePeriod("yesterday", at("2025-03-31T21:30:00Z"))).toEqual({
      from: "2025-03-30",
      to: "2025-03-31",
    });
  });

  it("gives the N whole days before today, across a DST switch and a year boundary", () => {
    expect(relativePeriod("last-7-days", at("2025-04-02T10:00:00Z"))).toEqual({
      from: "2025-03-26",
      to: "2025-04-02",
    });
    expect(relativePeriod({ kind: "lastDays", days: 3 }, at("2026-01-02T08:00:00Z"))).toEqual({
      from: "2025-12-30",
      to: "2026-01-02",
    });
    expect(relativePeriod("LAST-1-DAY", at("2026-01-02T08:00:00Z"))).toEqual({
      from: "2026-01-01",
      to: "2026-01-02",
    });
  });

  it("covers this month and year up to today, and the whole previous ones", () => {
    const now = at("2024-03-15T12:00:00Z");
    expect(relativePeriod("this-month", now)).toEqual({ from: "2024-03-01", to: "2024-03-15" });
    expect(relativePeriod("this-year", now)).toEqual({ from: "2024-01-01", to: "2024-03-15" });
    expect(relativePeriod("last-year", now)).toEqual({ from: "2023-01-01", to: "2024-01-01" });
    expect(relativePeriod({ kind: "lastMonth" }, at("2024-01-10T12:00:00Z"))).toEqual({
      from: "2023-12-01",
      to: "2024-01-01",
    });
  });

  it("refuses an empty this-month/this-year, unknown names and bad day counts with INVALID_INPUT", () => {
    const firstOfMonth = at("2024-03-01T09:00:00Z");
    expect(() => relativePeriod("this-month", firstOfMonth)).toThrow(/first day of the month/);
    expect(() => relativePeriod("this-year", at("2024-01-01T09:00:00Z"))).toThrow(/first day of the year/);
    for (const bad of ["tomorrow", "last-0-days", "last-99999-days", "", "last--1-days"]) {
      expect(() => relativePeriod(bad, firstOfMonth)).toThrow(
        expect.objectContaining({ code: "INVALID_INPUT" }),
      );
    }
    expect(() => relativePeriod({ kind: "lastDays", days: 2.5 }, firstOfMonth)).toThrow(/whole number/);
    expect(() => relativePeriod("yesterday", Number.NaN)).toThrow(/epoch milliseconds/);
    expect(() => relativePeriod("x".repeat(5000), firstOfMonth)).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/^.{0,200}$/s) }),
    );
  });

  it("tells names from dates", () => {
    expect(isRelativePeriodName("last-30-days")).toBe(true);
    expect(isRelativePeriodName("2024-01-01")).toBe(false);
    expect(isRelativePeriodName(7)).toBe(false);
  });
});
