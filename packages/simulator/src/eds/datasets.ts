import type { SimulatorModel } from "../model/model.js";
import { localDateStartUtc, offsetMs } from "../time/copenhagen.js";
import { pricelist } from "./pricelist.js";
import { PRICE_AREAS, type PriceRow, priceRows } from "./spot-prices.js";

export type EdsRecord = Record<string, string | number | null>;

export interface DatasetSpec {
  name: "Elspotprices" | "DayAheadPrices" | "DatahubPricelist";
  columns: readonly string[];
  /** The column `start`/`end` filter on and the default (newest first) order follows. */
  timeColumn: string;
  /** Whether `timeColumn` is Danish wall time (DatahubPricelist's ValidFrom) rather than UTC. */
  timeColumnLocal: boolean;
}

const PRICE_N = Array.from({ length: 24 }, (_, i) => `Price${i + 1}`);

export const DATASETS: Record<string, DatasetSpec> = {
  elspotprices: {
    name: "Elspotprices",
    columns: ["HourUTC", "HourDK", "PriceArea", "SpotPriceDKK", "SpotPriceEUR"],
    timeColumn: "HourUTC",
    timeColumnLocal: false,
  },
  dayaheadprices: {
    name: "DayAheadPrices",
    columns: ["TimeUTC", "TimeDK", "PriceArea", "DayAheadPriceDKK", "DayAheadPriceEUR"],
    timeColumn: "TimeUTC",
    timeColumnLocal: false,
  },
  datahubpricelist: {
    name: "DatahubPricelist",
    columns: [
      "ChargeOwner",
      "GLN_Number",
      "ChargeType",
      "ChargeTypeCode",
      "Note",
      "Description",
      "ValidFrom",
      "ValidTo",
      "VATClass",
      ...PRICE_N,
      "TransparentInvoicing",
      "TaxIndicator",
      "ResolutionDuration",
    ],
    timeColumn: "ValidFrom",
    timeColumnLocal: true,
  },
};

/** EDS timestamps: no zone designator, to the second. */
export const utcStamp = (ms: number): string => new Date(ms).toISOString().slice(0, 19);
export const dkStamp = (ms: number): string => new Date(ms + offsetMs(ms)).toISOString().slice(0, 19);

function priceRecord(spec: DatasetSpec, row: PriceRow): EdsRecord {
  return spec.name === "Elspotprices"
    ? {
        HourUTC: utcStamp(row.startMs),
        HourDK: dkStamp(row.startMs),
        PriceArea: row.area,
        SpotPriceDKK: row.dkk,
        SpotPriceEUR: row.eur,
      }
    : {
        TimeUTC: utcStamp(row.startMs),
        TimeDK: dkStamp(row.startMs),
        PriceArea: row.area,
        DayAheadPriceDKK: row.dkk,
        DayAheadPriceEUR: row.eur,
      };
}

/**
 * Every record of a dataset whose time column lies in [fromMs, toMs). `areas` narrows the price
 * datasets early (the generated years are large); the caller still applies the full filter.
 */
export function datasetRecords(
  model: SimulatorModel,
  spec: DatasetSpec,
  fromMs: number,
  toMs: number,
  areas: readonly string[] | undefined,
  nowMs: number,
): EdsRecord[] {
  if (spec.name === "DatahubPricelist") {
    const out: EdsRecord[] = [];
    for (const v of pricelist(model.catalogue, nowMs)) {
      const from = localDateStartUtc(v.validFrom);
      if (from < fromMs || from >= toMs) continue;
      const record: EdsRecord = {
        ChargeOwner: v.owner.name,
        GLN_Number: v.owner.gln,
        ChargeType: v.chargeType,
        ChargeTypeCode: v.code,
        Note: v.note,
        Description: v.description,
        ValidFrom: `${v.validFrom}T00:00:00`,
        ValidTo: v.validTo === null ? null : `${v.validTo}T00:00:00`,
        VATClass: "D02",
      };
      PRICE_N.forEach((name, i) => {
        record[name] = v.prices[i] ?? null;
      });
      record.TransparentInvoicing = v.tax ? 0 : 1;
      record.TaxIndicator = v.tax ? 1 : 0;
      record.ResolutionDuration = v.resolution;
      out.push(record);
    }
    return out;
  }
  const wanted = PRICE_AREAS.filter((a) => areas === undefined || areas.includes(a));
  return priceRows(model.seed, spec.name, fromMs, toMs, wanted, nowMs).map((row) => priceRecord(spec, row));
}
