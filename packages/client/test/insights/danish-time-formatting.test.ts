import { describe, expect, it } from "vitest";
import { isEloverblikError } from "../../src/errors/eloverblik-error.js";
import { danishDay } from "../../src/insights/danish-day.js";
import { formatDanishTime } from "../../src/insights/format-danish-time.js";
import { danishDateOf } from "../../src/time/danish-date-of.js";
import { QUARTER } from "./points.js";

describe("formatDanishTime", () => {
  it("shows the repeated hour of 2025-10-26 twice, each with its own offset", () => {
    expect(formatDanishTime("2025-10-25T23:45:00Z")).toBe("2025-10-26 01:45+02:00");
    expect(formatDanishTime("2025-10-26T00:00:00Z")).toBe("2025-10-26 02:00+02:00");
    expect(formatDanishTime("2025-10-26T00:45:00Z")).toBe("2025-10-26 02:45+02:00");
    expect(formatDanishTime("2025-10-26T01:00:00Z")).toBe("2025-10-26 02:00+01:00");
    expect(formatDanishTime("2025-10-26T01:45:00Z")).toBe("2025-10-26 02:45+01:00");
    expect(formatDanishTime("2025-10-26T02:00:00Z")).toBe("2025-10-26 03:00+01:00");
  });

  it("skips 02:00–02:59 on 2025-03-30", () => {
    expect(formatDanishTime("2025-03-30T00:45:00Z")).toBe("2025-03-30 01:45+01:00");
    expect(formatDanishTime("2025-03-30T01:00:00Z")).toBe("2025-03-30 03:00+02:00");
    const start = Date.parse("2025-03-29T23:00:00Z");
    const labels = Array.from({ length: 92 }, (_, i) => formatDanishTime(start + i * QUARTER));
    expect(labels.filter((l) => l.includes(" 02:"))).toEqual([]);
    expect(labels[0]).toBe("2025-03-30 00:00+01:00");
    expect(labels[91]).toBe("2025-03-30 23:45+02:00");
  });

  it("with offset: 'ambiguous' marks only the repeated wall-clock times", () => {
    const o = { offset: "ambiguous" } as const;
    expect(formatDanishTime("2025-10-25T22:00:00Z", o)).toBe("2025-10-26 00:00");
    expect(formatDanishTime("2025-10-25T23:59:00Z", o)).toBe("2025-10-26 01:59");
    expect(formatDanishTime("2025-10-26T00:00:00Z", o)).toBe("2025-10-26 02:00+02:00");
    expect(formatDanishTime("2025-10-26T00:59:00Z", o)).toBe("2025-10-26 02:59+02:00");
    expect(formatDanishTime("2025-10-26T01:00:00Z", o)).toBe("2025-10-26 02:00+01:00");
    expect(formatDanishTime("2025-10-26T01:59:00Z", o)).toBe("2025-10-26 02:59+01:00");
    expect(formatDanishTime("2025-10-26T02:00:00Z", o)).toBe("2025-10-26 03:00");
    expect(formatDanishTime("2025-03-30T01:00:00Z", o)).toBe("2025-03-30 03:00");
  });

  it("gives every quarter hour of the 25-hour day its own label in both styles", () => {
    const start = Date.parse("2025-10-25T22:00:00Z");
    for (const offset of ["always", "ambiguous"] as const) {
      const labels = Array.from({ length: 100 }, (_, i) => formatDanishTime(start + i * QUARTER, { offset }));
      expect(new Set(labels).size).toBe(100);
    }
  });

  it("formats ordinary winter and summer times, time only, and seconds when there are any", () => {
    expect(formatDanishTime(Date.parse("2025-01-15T17:00:00Z"))).toBe("2025-01-15 18:00+01:00");
    expect(formatDanishTime("2025-07-01T10:00:00.000Z")).toBe("2025-07-01 12:00+02:00");
    expect(formatDanishTime("2025-10-26T00:15:00Z", { date: false })).toBe("02:15+02:00");
    expect(formatDanishTime("2024-12-31T23:00:30Z")).toBe("2025-01-01 00:00:30+01:00");
    expect(formatDanishTime("2025-06-01T00:00:00+02:00")).toBe("2025-06-01 00:00+02:00");
  });

  it("agrees with Intl's Europe/Copenhagen every hour of 2024 and 2025", () => {
    // Intl is the independent oracle here; the layer itself never uses it.
    const wall = new Intl.DateTimeFormat("sv-SE", {
      timeZone: "Europe/Copenhagen",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "longOffset",
    });
    const from = Date.parse("2023-12-31T23:00:00Z");
    const to = Date.parse("2025-12-31T23:00:00Z");
    let checked = 0;
    for (let t = from; t < to; t += 3_600_000) {
      const parts = Object.fromEntries(wall.formatToParts(t).map((p) => [p.type, p.value]));
      const offset = String(parts.timeZoneName).replace("GMT", "");
      const expected = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}${offset}`;
      expect(formatDanishTime(t)).toBe(expected);
      checked++;
    }
    expect(checked).toBe(731 * 24);
  });

  it("refuses an instant without a zone or not a number", () => {
    for (const bad of ["2025-10-26T02:00:00", "2025-10-26", Number.NaN, "soon"]) {
      let error: unknown;
      try {
        formatDanishTime(bad as string);
      } catch (e) {
        error = e;
      }
      expect(isEloverblikError(error) && error.code).toBe("INVALID_INPUT");
    }
  });
});

describe("danishDay", () => {
  it("notes the 23-hour day of 2025-03-30", () => {
    expect(danishDay("2025-03-30")).toEqual({
      date: "2025-03-30",
      start: "2025-03-29T23:00:00.000Z",
      end: "2025-03-30T22:00:00.000Z",
      hours: 23,
      change: { kind: "summer-time-starts", at: "2025-03-30T01:00:00.000Z" },
    });
  });

  it("notes the 25-hour day of 2025-10-26", () => {
    expect(danishDay("2025-10-26")).toEqual({
      date: "2025-10-26",
      start: "2025-10-25T22:00:00.000Z",
      end: "2025-10-26T23:00:00.000Z",
      hours: 25,
      change: { kind: "summer-time-ends", at: "2025-10-26T01:00:00.000Z" },
    });
  });

  it("has 24 hours and no change on other days", () => {
    expect(danishDay("2025-06-01")).toMatchObject({
      hours: 24,
      change: null,
      start: "2025-05-31T22:00:00.000Z",
    });
    expect(danishDay("2024-03-31").hours).toBe(23);
    expect(danishDay("2024-10-27").hours).toBe(25);
  });
});

describe("danishDateOf", () => {
  it("reads the API's UTC day starts as the Danish date they begin", () => {
    expect(danishDateOf("2024-04-30T22:00:00.000Z")).toBe("2024-05-01");
    expect(danishDateOf("2024-01-31T23:00:00Z")).toBe("2024-02-01");
    expect(danishDateOf("2024-01-31T23:00:00")).toBe("2024-02-01"); // no zone: UTC, as the API means it
    expect(danishDateOf(Date.parse("2025-10-25T22:00:00Z"))).toBe("2025-10-26");
  });

  it("keeps a bare date and gives undefined for nothing or nonsense", () => {
    expect(danishDateOf(" 2024-05-01 ")).toBe("2024-05-01");
    for (const v of ["", "  ", null, undefined, "2024-02-30", "later", Number.NaN]) {
      expect(danishDateOf(v)).toBeUndefined();
    }
  });
});
