import { describe, expect, it } from "vitest";
import { businessTypeLabel } from "../../src/insights/business-type-label.js";
import { formatAddress } from "../../src/insights/format-address.js";
import { meteringPointTypeLabel } from "../../src/insights/metering-point-type-label.js";
import { qualityLabel } from "../../src/insights/quality-label.js";
import { unitLabel } from "../../src/insights/unit-label.js";

describe("labels", () => {
  it("names metering-point types, passing unknown codes through", () => {
    expect(meteringPointTypeLabel("E17")).toBe("consumption");
    expect(meteringPointTypeLabel("E18")).toBe("production");
    expect(meteringPointTypeLabel("E20")).toBe("exchange");
    expect(meteringPointTypeLabel("D06")).toBe("supply to grid");
    expect(meteringPointTypeLabel("D07")).toBe("consumption from grid");
    expect(meteringPointTypeLabel("D14")).toBe("electrical heating");
    expect(meteringPointTypeLabel(" d99 ")).toBe("internal use");
    expect(meteringPointTypeLabel("D42")).toBe("D42");
    expect(meteringPointTypeLabel("")).toBeUndefined();
    expect(meteringPointTypeLabel(null)).toBeUndefined();
  });

  it("names series kinds and qualities", () => {
    expect(["A04", "A01", "A64", "Z9", ""].map(businessTypeLabel)).toEqual([
      "consumption",
      "production",
      "profiled consumption",
      "business type Z9",
      "unknown",
    ]);
    expect(["A01", "A02", "A03", "A04", "A05", "B1", undefined].map((q) => qualityLabel(q))).toEqual([
      "adjusted",
      "not available",
      "estimated",
      "measured",
      "incomplete",
      "quality B1",
      "unknown",
    ]);
    expect([
      unitLabel("KWH"),
      unitLabel("kwh"),
      unitLabel("MWH"),
      unitLabel("KVARH"),
      unitLabel(null),
    ]).toEqual(["kWh", "kWh", "MWh", "KVARH", ""]);
  });

  it("writes an address without the empty fields the API sends", () => {
    expect(
      formatAddress({
        streetName: "Vestergade",
        buildingNumber: "12",
        floorId: "2",
        roomId: "tv",
        postcode: "8000",
        cityName: "Aarhus C",
      }),
    ).toBe("Vestergade 12, 2 tv, 8000 Aarhus C");
    expect(
      formatAddress({
        streetName: "Vestergade",
        buildingNumber: "",
        floorId: "",
        roomId: null,
        postcode: "8000",
        cityName: "Aarhus C",
      }),
    ).toBe("Vestergade, 8000 Aarhus C");
    expect(formatAddress({ streetName: " ", postcode: "" })).toBeUndefined();
  });
});
