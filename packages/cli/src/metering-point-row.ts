import type { MeteringPoint, ThirdPartyMeteringPoint } from "@eloverblik-kit/client";
import { formatAddress, meteringPointTypeLabel } from "@eloverblik-kit/client/insights";
import type { Column } from "./output.js";

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** A listed metering point as one flat row (the same columns in every format). */
export function meteringPointRow(p: MeteringPoint | ThirdPartyMeteringPoint): Record<string, unknown> {
  const record = p as Record<string, unknown>;
  const children = Array.isArray(p.childMeteringPoints) ? p.childMeteringPoints : [];
  return {
    meteringPointId: text(p.meteringPointId),
    typeOfMP: text(p.typeOfMP),
    type: meteringPointTypeLabel(p.typeOfMP) ?? null,
    hasRelation: typeof record.hasRelation === "boolean" ? record.hasRelation : null,
    settlementMethod: text(p.settlementMethod),
    resolution: text(p.meterReadingOccurrence),
    address: formatAddress(p) ?? null,
    balanceSupplierName: text(record.balanceSupplierName),
    accessFrom: text(record.accessFrom),
    accessTo: text(record.accessTo),
    children: children.map((c) => text(c.meteringPointId)).filter((id): id is string => id !== null),
  };
}

export const METERING_POINT_COLUMNS: Column[] = [
  { key: "meteringPointId", header: "metering point" },
  { key: "type", header: "type" },
  { key: "resolution", header: "resolution" },
  { key: "hasRelation", header: "linked" },
  { key: "address", header: "address" },
  { key: "children", header: "children" },
];

export const THIRD_PARTY_COLUMNS: Column[] = [
  { key: "meteringPointId", header: "metering point" },
  { key: "type", header: "type" },
  { key: "resolution", header: "resolution" },
  { key: "address", header: "address" },
  { key: "accessFrom", header: "access from" },
  { key: "accessTo", header: "access to" },
];
