import { describe, expect, it } from "vitest";
import type { TimeSeriesPoint } from "../../src/insights/index.js";
import { pointRecord } from "../../src/insights/index.js";

const point = (start: string, end: string, quality = "A04"): TimeSeriesPoint => ({
  meteringPointId: "571313100000000001",
  start,
  end,
  quantity: quality === "A02" ? null : 0.25,
  quality,
  resolution: "PT1H",
  unit: "KWH",
  businessType: "A04",
});

describe("pointRecord", () => {
  it("tells the two 02:00 hours of the autumn switch apart and dates them in Danish time", () => {
    const first = pointRecord(point("2025-10-26T00:00:00.000Z", "2025-10-26T01:00:00.000Z"));
    const second = pointRecord(point("2025-10-26T01:00:00.000Z", "2025-10-26T02:00:00.000Z"));
    expect(first.localStart).toBe("2025-10-26 02:00+02:00");
    expect(second.localStart).toBe("2025-10-26 02:00+01:00");
    expect(second.localEnd).toBe("2025-10-26 03:00+01:00");
    const midnight = pointRecord(point("2025-10-25T22:00:00.000Z", "2025-10-25T23:00:00.000Z"));
    expect(midnight.localDate).toBe("2025-10-26");
  });

  it("keeps a missing quantity as null and names the quality", () => {
    const missing = pointRecord(point("2025-01-01T10:00:00.000Z", "2025-01-01T11:00:00.000Z", "A02"));
    expect(missing.quantity).toBeNull();
    expect(missing.qualityLabel).toBe("not available");
    expect(missing).toMatchObject({ unit: "KWH", resolution: "PT1H", businessType: "A04" });
  });
});
