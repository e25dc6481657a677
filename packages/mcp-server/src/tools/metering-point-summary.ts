import type { MeteringPoint, ThirdPartyMeteringPoint } from "@eloverblik-kit/client";
import { z } from "zod";
import { localDate } from "../format.js";

const TYPES: Record<string, string> = {
  E17: "consumption",
  E18: "production",
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
  D14: "electrical heating",
  D15: "net consumption",
  D17: "other consumption",
  D18: "other production",
  D99: "internal use",
};

/** A readable name for typeOfMP codes; unknown codes are passed through. */
export function typeName(code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  return TYPES[code] ?? code;
}

export const meteringPointRowSchema = z.object({
  meteringPointId: z.string(),
  typeOfMP: z.string().optional(),
  type: z
    .string()
    .optional()
    .describe("typeOfMP in words: E17 consumption, E18 production, D-codes for children"),
  hasRelation: z.boolean().optional().describe("false: registered to your CPR/CVR but not linked yet"),
  settlementMethod: z.string().optional().describe("D01 flex, E01 profiled, E02 non-profiled"),
  meterReadingOccurrence: z.string().optional().describe("Native resolution: PT15M, PT1H, P1M or ANDET"),
  address: z.string().optional(),
  balanceSupplierName: z.string().optional(),
  consumerStartDate: z.string().optional(),
  accessFrom: z.string().optional(),
  accessTo: z.string().optional(),
  childMeteringPoints: z
    .array(
      z.object({
        meteringPointId: z.string(),
        typeOfMP: z.string().optional(),
        type: z.string().optional(),
        meterReadingOccurrence: z.string().optional(),
      }),
    )
    .optional(),
});

export type MeteringPointRow = z.infer<typeof meteringPointRowSchema>;

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function address(p: MeteringPoint | ThirdPartyMeteringPoint): string | undefined {
  const street = [text(p.streetName), text(p.buildingNumber)].filter(Boolean).join(" ");
  const unit = [text(p.floorId), text(p.roomId)].filter(Boolean).join(" ");
  const city = [text(p.postcode), text(p.cityName)].filter(Boolean).join(" ");
  const parts = [street, unit, city].filter((s) => s !== "");
  return parts.length > 0 ? parts.join(", ") : undefined;
}

/** The fields of a listed metering point that matter in a conversation, without the empty ones. */
export function meteringPointRow(p: MeteringPoint | ThirdPartyMeteringPoint): MeteringPointRow {
  const record = p as Record<string, unknown>;
  const row: MeteringPointRow = { meteringPointId: text(p.meteringPointId) ?? "" };
  const set = <K extends keyof MeteringPointRow>(key: K, value: MeteringPointRow[K] | undefined) => {
    if (value !== undefined) row[key] = value;
  };
  set("typeOfMP", text(p.typeOfMP));
  set("type", typeName(text(p.typeOfMP)));
  if (typeof record.hasRelation === "boolean") row.hasRelation = record.hasRelation;
  set("settlementMethod", text(p.settlementMethod));
  set("meterReadingOccurrence", text(p.meterReadingOccurrence));
  set("address", address(p));
  set("balanceSupplierName", text(record.balanceSupplierName));
  set("consumerStartDate", text(p.consumerStartDate));
  set("accessFrom", text(record.accessFrom));
  set("accessTo", text(record.accessTo));
  const children = Array.isArray(p.childMeteringPoints) ? p.childMeteringPoints : [];
  if (children.length > 0) {
    row.childMeteringPoints = children.map((c) => {
      const child: NonNullable<MeteringPointRow["childMeteringPoints"]>[number] = {
        meteringPointId: text(c.meteringPointId) ?? "",
      };
      const t = text(c.typeOfMP);
      if (t) {
        child.typeOfMP = t;
        child.type = typeName(t) as string;
      }
      const occurrence = text(c.meterReadingOccurrence);
      if (occurrence) child.meterReadingOccurrence = occurrence;
      return child;
    });
  }
  return row;
}

/** One line per metering point for the text rendering. */
export function meteringPointLine(row: MeteringPointRow): string {
  const bits = [row.type ?? row.typeOfMP ?? "unknown type"];
  if (row.meterReadingOccurrence) bits.push(row.meterReadingOccurrence);
  if (row.hasRelation === false) bits.push("NOT linked (use add_relations_by_cpr)");
  if (row.address) bits.push(row.address);
  if (row.balanceSupplierName) bits.push(`supplier ${row.balanceSupplierName}`);
  if (row.accessFrom || row.accessTo) {
    bits.push(`access ${localDate(row.accessFrom, "…")} to ${localDate(row.accessTo, "…")}`);
  }
  const children = row.childMeteringPoints?.map(
    (c) => `${c.meteringPointId} (${c.type ?? c.typeOfMP ?? "?"})`,
  );
  return `- ${row.meteringPointId}: ${bits.join("; ")}${children?.length ? `; children: ${children.join(", ")}` : ""}`;
}
