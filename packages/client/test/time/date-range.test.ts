import { describe, expect, it } from "vitest";
import { isEloverblikError } from "../../src/errors/eloverblik-error.js";
import { resolveDateRange, splitDateRange } from "../../src/time/date-range.js";

// 2026-07-15 12:00 Danish summer time.
const NOW = Date.parse("2026-07-15T10:00:00Z");

function errorOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (isEloverblikError(error)) return error;
    throw error;
  }
  throw new Error("expected an EloverblikError");
}

describe("resolveDateRange", () => {
  it("accepts a plain range and counts days", () => {
    expect(resolveDateRange({ from: "2026-01-01", to: "2026-07-15" }, { nowMs: NOW })).toEqual({
      from: "2026-01-01",
      to: "2026-07-15",
      days: 195,
    });
  });

  it("defaults `to` to the day after `from` so a single day never sends from == to", () => {
    expect(resolveDateRange({ from: "2024-02-29" }, { nowMs: NOW })).toEqual({
      from: "2024-02-29",
      to: "2024-03-01",
      days: 1,
    });
    expect(resolveDateRange({ from: "2025-12-31" }, { nowMs: NOW })).toEqual({
      from: "2025-12-31",
      to: "2026-01-01",
      days: 1,
    });
  });

  it("converts Date objects to their Danish calendar date, not the UTC date", () => {
    const r = resolveDateRange(
      { from: new Date("2025-12-31T23:30:00Z"), to: new Date("2026-03-01T22:59:00Z") },
      { nowMs: NOW },
    );
    expect(r.from).toBe("2026-01-01");
    expect(r.to).toBe("2026-03-01");
    expect(resolveDateRange({ from: new Date("2026-06-30T22:00:00Z") }, { nowMs: NOW }).from).toBe(
      "2026-07-01",
    );
  });

  it("allows to = today (exclusive) but not tomorrow, naming the latest allowed to", () => {
    expect(resolveDateRange({ from: "2026-07-14", to: "2026-07-15" }, { nowMs: NOW }).days).toBe(1);
    const e = errorOf(() => resolveDateRange({ from: "2026-07-14", to: "2026-07-16" }, { nowMs: NOW }));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toContain("30003");
    expect(e.message).toContain("latest allowed `to` is 2026-07-15");
    expect(e.period).toEqual({ from: "2026-07-14", to: "2026-07-16" });
    // A single day of today means to = tomorrow: rejected.
    expect(() => resolveDateRange({ from: "2026-07-15" }, { nowMs: NOW })).toThrow(/after today/);
  });

  it("uses the Danish date for today near midnight", () => {
    // 22:30Z on 14 July is already 00:30 on 15 July in Copenhagen.
    const late = Date.parse("2026-07-14T22:30:00Z");
    expect(resolveDateRange({ from: "2026-07-14", to: "2026-07-15" }, { nowMs: late }).days).toBe(1);
    const early = Date.parse("2026-07-14T21:30:00Z");
    expect(() => resolveDateRange({ from: "2026-07-14", to: "2026-07-15" }, { nowMs: early })).toThrow(
      /latest allowed `to` is 2026-07-14/,
    );
  });

  it("explains that `to` is exclusive when from == to and suggests from + 1", () => {
    const e = errorOf(() => resolveDateRange({ from: "2024-12-31", to: "2024-12-31" }, { nowMs: NOW }));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toContain("exclusive");
    expect(e.message).toContain("2025-01-01");
  });

  it("rejects from after to", () => {
    const e = errorOf(() => resolveDateRange({ from: "2025-02-01", to: "2025-01-01" }, { nowMs: NOW }));
    expect(e.message).toMatch(/`from` \(2025-02-01\) is after `to` \(2025-01-01\)/);
    expect(e.period).toEqual({ from: "2025-02-01", to: "2025-01-01" });
  });

  it("rejects history older than 1 January of (current year − historyYears)", () => {
    expect(resolveDateRange({ from: "2021-01-01", to: "2021-01-02" }, { nowMs: NOW }).days).toBe(1);
    const e = errorOf(() => resolveDateRange({ from: "2020-12-31", to: "2021-01-02" }, { nowMs: NOW }));
    expect(e.message).toContain("earliest allowed `from` is 2021-01-01");
    expect(() =>
      resolveDateRange({ from: "2022-12-31", to: "2023-01-02" }, { nowMs: NOW, historyYears: 3 }),
    ).toThrow(/2023-01-01/);
  });

  it("names the bad field and the accepted format", () => {
    for (const [input, field] of [
      [{ from: "2024-02-30", to: "2024-03-02" }, "from"],
      [{ from: "2024-1-5" }, "from"],
      [{ from: "2024-01-05", to: "05/01/2024" }, "to"],
      [{ from: new Date("nope") }, "from"],
      [{ from: 20240105 as unknown as string }, "from"],
    ] as const) {
      const e = errorOf(() => resolveDateRange(input, { nowMs: NOW }));
      expect(e.code).toBe("INVALID_INPUT");
      expect(e.message).toContain(`\`${field}\``);
      expect(e.message).toContain("YYYY-MM-DD");
    }
    expect(() => resolveDateRange(null as never, { nowMs: NOW })).toThrow(/YYYY-MM-DD/);
  });
});

describe("splitDateRange", () => {
  it("returns one chunk when the range fits", () => {
    expect(splitDateRange({ from: "2024-01-01", to: "2024-01-02" })).toEqual([
      { from: "2024-01-01", to: "2024-01-02" },
    ]);
    expect(splitDateRange({ from: "2023-01-01", to: "2024-12-31" })).toHaveLength(1); // exactly 730 days
  });

  it("splits into back-to-back chunks of at most maxDays", () => {
    const chunks = splitDateRange({ from: "2021-01-01", to: "2026-01-01" });
    expect(chunks).toHaveLength(3); // 1826 days
    expect(chunks[0]).toEqual({ from: "2021-01-01", to: "2023-01-01" });
    // 2024 is a leap year, so 730 days from 2023-01-01 end on 2024-12-31.
    expect(chunks[1]).toEqual({ from: "2023-01-01", to: "2024-12-31" });
    expect(chunks[2]).toEqual({ from: "2024-12-31", to: "2026-01-01" });
  });

  it("chains chunks exactly and covers every day once", () => {
    const chunks = splitDateRange({ from: "2020-02-29", to: "2024-03-31" }, 100);
    let cursor = "2020-02-29";
    let total = 0;
    for (const c of chunks) {
      expect(c.from).toBe(cursor);
      const days = (Date.parse(c.to) - Date.parse(c.from)) / 86_400_000;
      expect(days).toBeGreaterThan(0);
      expect(days).toBeLessThanOrEqual(100);
      total += days;
      cursor = c.to;
    }
    expect(cursor).toBe("2024-03-31");
    expect(total).toBe((Date.parse("2024-03-31") - Date.parse("2020-02-29")) / 86_400_000);
  });

  it("rejects empty ranges and bad sizes", () => {
    expect(() => splitDateRange({ from: "2024-01-02", to: "2024-01-02" })).toThrow(/earlier/);
    expect(() => splitDateRange({ from: "2024-01-01", to: "2024-01-02" }, 0)).toThrow(/positive integer/);
    expect(() => splitDateRange({ from: "2024-01-01", to: "x" })).toThrow(/`to`/);
  });
});
