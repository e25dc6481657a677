import type { MeteringPoint, ThirdPartyMeteringPoint } from "@eloverblik-kit/client";
import { formatAddress, meteringPointTypeLabel } from "@eloverblik-kit/client/insights";
import { z } from "zod";
import { localDate } from "../format.js";

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

/** The fields of a listed metering point that matter in a conversation, without the empty ones. */
export function meteringPointRow(p: MeteringPoint | ThirdPartyMeteringPoint): MeteringPointRow {
  const record = p as Record<string, unknown>;
  const row: MeteringPointRow = { meteringPointId: text(p.meteringPointId) ?? "" };
  const set = <K extends keyof MeteringPointRow>(key: K, value: MeteringPointRow[K] | undefined) => {
    if (value !== undefined) row[key] = value;
  };
  set("typeOfMP", text(p.typeOfMP));
  set("type", meteringPointTypeLabel(p.typeOfMP));
  if (typeof record.hasRelation === "boolean") row.hasRelation = record.hasRelation;
  set("settlementMethod", text(p.settlementMethod));
  set("meterReadingOccurrence", text(p.meterReadingOccurrence));
  set("address", formatAddress(p));
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
        child.type = meteringPointTypeLabel(t) ?? t;
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
