// typeOfMP codes: E17 and E18 from Eloverblik's own documentation, the D-codes as DataHub names them
// for child and special metering points (E20 exchange, D13 and D20 from DataHub's metering-point
// type list).
const TYPES: Readonly<Record<string, string>> = {
  E17: "consumption",
  E18: "production",
  E20: "exchange",
  D01: "VE production",
  D02: "analysis",
  D04: "surplus production (group 6)",
  D05: "net production",
  D06: "supply to grid",
  D07: "consumption from grid",
  D08: "wholesale services",
  D09: "own production",
  D10: "net from grid",
  D11: "net to grid",
  D12: "total consumption",
  D13: "grid loss correction",
  D14: "electrical heating",
  D15: "net consumption",
  D17: "other consumption",
  D18: "other production",
  D20: "exchange of reactive energy",
  D99: "internal use",
};

/**
 * A metering point's `typeOfMP` in words (`E17` → "consumption", `D14` → "electrical heating").
 * An unknown code is returned as it is; undefined when there is none.
 */
export function meteringPointTypeLabel(typeOfMP: string | null | undefined): string | undefined {
  if (typeof typeOfMP !== "string") return undefined;
  const code = typeOfMP.trim();
  if (code === "") return undefined;
  return TYPES[code.toUpperCase()] ?? code;
}
