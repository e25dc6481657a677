import { describe, expect, it } from "vitest";
import { parseDecimal, parsePositiveInt } from "../../src/time-series/decimal.js";
import { createIsoFormatter } from "../../src/time-series/iso-format.js";
import { normalizeResolution } from "../../src/time-series/resolution.js";

describe("parseDecimal", () => {
  it("parses plain decimals exactly like Number()", () => {
    for (const s of [
      "0",
      "0.13",
      "591.5",
      "0.001",
      "-1.25",
      "12345.678",
      "007.5",
      "0.1",
      "0.7",
      "2.675",
      "999999.999",
    ]) {
      expect(parseDecimal(s)).toBe(Number(s));
    }
  });
  it("matches Number() for random 3-decimal and long values", () => {
    let seed = 7;
    for (let i = 0; i < 20000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const text = `${Math.floor(seed / 1000)}.${String(seed % 1000).padStart(3, "0")}`;
      expect(parseDecimal(text)).toBe(Number(text));
    }
    expect(parseDecimal("12345678901234567.89")).toBe(Number("12345678901234567.89"));
    expect(parseDecimal("0.12345678901234567890123")).toBe(Number("0.12345678901234567890123"));
  });
  it("rejects comma decimals, exponents, whitespace and garbage", () => {
    for (const s of [
      "0,734",
      "1,0",
      "",
      " 1",
      "1 ",
      "1e3",
      "0x1F",
      "+1",
      ".5",
      "5.",
      "1.2.3",
      "-",
      "--1",
      "abc",
      "NaN",
      "Infinity",
    ]) {
      expect(parseDecimal(s), JSON.stringify(s)).toBeNaN();
    }
  });
});

describe("parsePositiveInt", () => {
  it("accepts digit strings and positive integers", () => {
    expect(parsePositiveInt("1")).toBe(1);
    expect(parsePositiveInt("100")).toBe(100);
    expect(parsePositiveInt(7)).toBe(7);
  });
  it("rejects everything else", () => {
    for (const v of ["0", "-1", "1.0", "", " 1", "x", 0, 1.5, null, undefined, {}]) {
      expect(parsePositiveInt(v), String(v)).toBeNaN();
    }
  });
});

describe("createIsoFormatter", () => {
  it("produces exactly what toISOString produces", () => {
    const iso = createIsoFormatter();
    const base = Date.parse("2015-01-01T00:00:00Z");
    let seed = 99;
    for (let i = 0; i < 20000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      // Mix whole minutes (fast path) with arbitrary milliseconds (fallback).
      const ms = base + (i % 2 === 0 ? (seed % 10_000_000) * 60_000 : seed * 347);
      expect(iso(ms)).toBe(new Date(ms).toISOString());
    }
    expect(iso(Date.parse("2024-02-29T23:45:00Z"))).toBe("2024-02-29T23:45:00.000Z");
  });
});

describe("normalizeResolution", () => {
  it("maps live and spec spellings to one name", () => {
    expect(normalizeResolution("PT1D")).toBe("P1D");
    expect(normalizeResolution("P1D")).toBe("P1D");
    expect(normalizeResolution("PT1Y")).toBe("P1Y");
    expect(normalizeResolution("P1Y")).toBe("P1Y");
    expect(normalizeResolution("PT15M")).toBe("PT15M");
    expect(normalizeResolution("PT60M")).toBe("PT1H");
    expect(normalizeResolution("PXD")).toBe("PXD");
    expect(normalizeResolution("PT30M")).toBe("PT30M");
    expect(normalizeResolution("P2W")).toBeUndefined();
    expect(normalizeResolution("pt1h")).toBeUndefined();
  });
});
