/** The address fields a listed metering point or its details carry (empty ones arrive as ""). */
export interface AddressFields {
  streetName?: string | null;
  buildingNumber?: string | null;
  floorId?: string | null;
  roomId?: string | null;
  postcode?: string | null;
  cityName?: string | null;
}

function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}

function joined(...parts: unknown[]): string {
  return parts
    .map(text)
    .filter((s) => s !== "")
    .join(" ");
}

/** `Vestergade 12, 2 tv, 8000 Aarhus C`; undefined when the point has no address at all. */
export function formatAddress(point: AddressFields): string | undefined {
  const parts = [
    joined(point.streetName, point.buildingNumber),
    joined(point.floorId, point.roomId),
    joined(point.postcode, point.cityName),
  ].filter((s) => s !== "");
  return parts.length > 0 ? parts.join(", ") : undefined;
}
