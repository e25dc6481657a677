import { describe, expect, it } from "vitest";
import { instantMs } from "../../src/insights/cost-rows.js";

describe("instantMs", () => {
  it("reads UTC instants as Date.parse does, and hands other forms to Date.parse", () => {
    for (const text of [
      "2025-10-26T00:00:00.000Z",
      "2024-02-29T23:45:00.000Z",
      "1999-12-31T23:59:59.999Z",
      "2025-03-30T01:15:00Z",
      "2025-03-30T03:15:00+02:00",
      "2026-01-01T00:00:00.000Z",
    ]) {
      expect(instantMs(text), text).toBe(Date.parse(text));
    }
    expect(instantMs("not a date")).toBeNaN();
  });
});
