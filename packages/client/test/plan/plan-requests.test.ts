import { describe, expect, it } from "vitest";
import { isEloverblikError } from "../../src/errors/eloverblik-error.js";
import { chunk, planDataRequests, validateMeteringPointIds } from "../../src/plan/plan-requests.js";
import { addLocalDays } from "../../src/time/danish-time.js";

const mp = (n: number): string => `5713131800000${String(n).padStart(5, "0")}`;

function errorOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (isEloverblikError(error)) return error;
    throw error;
  }
  throw new Error("expected an EloverblikError");
}

describe("validateMeteringPointIds", () => {
  it("keeps valid ids and removes duplicates in first-seen order", () => {
    expect(validateMeteringPointIds([mp(3), mp(1), mp(3), mp(2), mp(1)])).toEqual([mp(3), mp(1), mp(2)]);
  });

  it("rejects an empty list", () => {
    const e = errorOf(() => validateMeteringPointIds([]));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toMatch(/at least one/);
  });

  it("names every invalid id, and sets meteringPointId only when there is exactly one", () => {
    const e = errorOf(() =>
      validateMeteringPointIds([mp(1), "12345", "57131318000000000X", "5713131800000000012"]),
    );
    expect(e.message).toContain('"12345"');
    expect(e.message).toContain('"57131318000000000X"');
    expect(e.message).toContain('"5713131800000000012"');
    expect(e.message).toContain("3 invalid");
    expect(e.meteringPointId).toBeUndefined();

    const one = errorOf(() => validateMeteringPointIds([mp(1), "12345"]));
    expect(one.meteringPointId).toBe("12345");
    expect(one.message).toContain("18 digits");
  });

  it("explains that ids must be strings when given a number", () => {
    const e = errorOf(() => validateMeteringPointIds([Number("571313180000000001") as unknown as string]));
    expect(e.message).toMatch(/must be strings/);
    expect(e.message).toMatch(/precision/);
  });

  it("rejects a non-array", () => {
    expect(() => validateMeteringPointIds(mp(1) as unknown as string[])).toThrow(/array/);
  });
});

describe("chunk", () => {
  it("splits into groups of at most size", () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
    expect(chunk([1, 2], 10)).toEqual([[1, 2]]);
  });
  it("rejects sizes below 1", () => {
    expect(() => chunk([1], 0)).toThrow(/positive integer/);
    expect(() => chunk([1], 1.5)).toThrow(/positive integer/);
  });
});

describe("planDataRequests", () => {
  const from = "2021-01-01";
  for (const n of [1, 10, 25, 250]) {
    for (const d of [1, 730, 1826]) {
      it(`plans ceil(${n}/10) × ceil(${d}/730) calls for ${n} ids × ${d} days`, () => {
        const ids = Array.from({ length: n }, (_, i) => mp(i));
        const to = addLocalDays(from, d);
        const plan = planDataRequests(ids, { from, to });
        expect(plan).toHaveLength(Math.ceil(n / 10) * Math.ceil(d / 730));
        // Every (id, day) pair is covered exactly once.
        const perId = new Map<string, number>();
        for (const entry of plan) {
          expect(entry.ids.length).toBeLessThanOrEqual(10);
          const days = (Date.parse(entry.to) - Date.parse(entry.from)) / 86_400_000;
          expect(days).toBeLessThanOrEqual(730);
          for (const id of entry.ids) perId.set(id, (perId.get(id) ?? 0) + days);
        }
        expect(perId.size).toBe(n);
        for (const total of perId.values()) expect(total).toBe(d);
      });
    }
  }

  it("orders by id batch, then by period", () => {
    const ids = Array.from({ length: 12 }, (_, i) => mp(i));
    const plan = planDataRequests(ids, { from: "2021-01-01", to: "2024-01-01" });
    expect(plan.map((p) => [p.ids.length, p.from, p.to])).toEqual([
      [10, "2021-01-01", "2023-01-01"],
      [10, "2023-01-01", "2024-01-01"],
      [2, "2021-01-01", "2023-01-01"],
      [2, "2023-01-01", "2024-01-01"],
    ]);
    expect(plan[2]?.ids).toEqual([mp(10), mp(11)]);
  });

  it("counts ids after removing duplicates and honours custom sizes", () => {
    const plan = planDataRequests(
      [mp(1), mp(1), mp(2)],
      { from: "2024-01-01", to: "2024-01-11" },
      {
        batchSize: 1,
        maxDays: 3,
      },
    );
    expect(plan).toHaveLength(2 * 4);
  });

  it("rejects invalid ids before planning", () => {
    expect(() => planDataRequests(["x"], { from: "2024-01-01", to: "2024-01-02" })).toThrow(/18 digits/);
  });
});
