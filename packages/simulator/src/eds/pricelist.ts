import type { Catalogue, MeteringPointSpec, Participant } from "../model/catalogue.js";
import { todayInDenmark } from "../time/copenhagen.js";

/**
 * The history of every charge the simulator's companies publish, as Energi Data Service's
 * `DatahubPricelist` holds it. getcharges is derived from these rows (the versions linked to a
 * metering point and in force today), so the two faces can never disagree.
 */
export interface PricelistVersion {
  owner: Participant;
  /** D01 subscription, D02 fee, D03 tariff. */
  chargeType: "D01" | "D02" | "D03";
  code: string;
  note: string;
  description: string;
  /** Danish local dates; `validTo` exclusive, null = open-ended. */
  validFrom: string;
  validTo: string | null;
  /** `Price1..Price24`; a flat row fills only `Price1` (the rest null). */
  prices: Array<number | null>;
  resolution: "PT1H" | "PT15M" | "P1D" | "P1M" | null;
  /** A state tax (elafgift) rather than a grid charge. */
  tax: boolean;
}

const flat = (price: number): Array<number | null> => [price, ...Array<null>(23).fill(null)];

// Time-of-use levels by local hour, DKK/kWh excluding VAT: night, day, peak (17–21).
const LEVELS = {
  winter: { low: 0.1513, mid: 0.454, peak: 1.3619 },
  summer: { low: 0.1513, mid: 0.227, peak: 0.59 },
  // Radius's real C-tariff of January 2023 (reference): the old code, replaced on 1 April 2023.
  legacy: { low: 0.1701, mid: 0.5103, peak: 1.5308 },
};

function timeOfUse(level: { low: number; mid: number; peak: number }, scale = 1): number[] {
  return Array.from({ length: 24 }, (_, h) => {
    const price = h < 6 ? level.low : h >= 17 && h < 21 ? level.peak : level.mid;
    return Math.round(price * scale * 10_000) / 10_000;
  });
}

/** First day of the grid company's seasonal tariffs (summer April–September, winter October–March). */
const SEASONS_FROM = "2023-04-01";

/** Seasons from `from` up to and including the one after today's; the last one open-ended. */
function seasons(
  from: string,
  today: string,
): Array<{ season: "winter" | "summer"; start: string; end: string | null }> {
  const out: Array<{ season: "winter" | "summer"; start: string; end: string | null }> = [];
  let start = from;
  for (;;) {
    const year = Number(start.slice(0, 4));
    const summer = start.slice(5) === "04-01";
    const end = summer ? `${year}-10-01` : `${year + 1}-04-01`;
    out.push({ season: summer ? "summer" : "winter", start, end });
    if (start > today) break;
    start = end;
  }
  const last = out[out.length - 1];
  if (last) last.end = null;
  return out;
}

function gridRows(grid: Participant, product: "B" | "C", today: string): PricelistVersion[] {
  const row = (
    code: string,
    validFrom: string,
    validTo: string | null,
    prices: Array<number | null>,
    resolution: PricelistVersion["resolution"],
    note: string,
    description = note,
    chargeType: PricelistVersion["chargeType"] = "D03",
  ): PricelistVersion => ({
    owner: grid,
    chargeType,
    code,
    note,
    description,
    validFrom,
    validTo,
    prices,
    resolution,
    tax: false,
  });
  const note = `Nettarif ${product}`;
  const rows: PricelistVersion[] = [
    // The old code until the seasonal tariff replaced it, then left behind with zero prices.
    row(`DT_${product}_00`, "2023-01-01", SEASONS_FROM, timeOfUse(LEVELS.legacy), "PT1H", note),
    row(`DT_${product}_00`, SEASONS_FROM, null, Array<number>(24).fill(0), "PT1H", note),
  ];
  for (const s of seasons(SEASONS_FROM, today)) {
    const description = `${note}, ${s.season === "winter" ? "vinter" : "sommer"}`;
    rows.push(
      row(`DT_${product}_01`, s.start, s.end, timeOfUse(LEVELS[s.season]), "PT1H", note, description),
    );
    // Quarter-hour meters get a code of their own from 2025-10-01; DatahubPricelist has 24 prices,
    // one per local hour, which getcharges repeats for the hour's four quarters.
    if (s.start >= "2025-10-01") {
      rows.push(
        row(`DT_${product}_15`, s.start, s.end, timeOfUse(LEVELS[s.season]), "PT15M", note, description),
      );
    }
  }
  // A discount published as a code of its own with negative prices (10 % of the winter tariff).
  rows.push(
    row(
      `DT_${product}_R`,
      "2025-01-01",
      null,
      timeOfUse(LEVELS.winter, -0.1),
      "PT1H",
      `Rabat på nettarif ${product}`,
    ),
  );
  const subscription = product === "B" ? 212.4 : 45.12;
  if (product === "C") {
    rows.push(
      row(
        "DT_ABO_C",
        "2023-01-01",
        "2024-01-01",
        flat(42),
        "P1M",
        "Netabonnement C",
        "Netabonnement C forbrug",
        "D01",
      ),
    );
  }
  rows.push(
    row(
      `DT_ABO_${product}`,
      "2024-01-01",
      null,
      flat(subscription),
      "P1M",
      `Netabonnement ${product}`,
      `Netabonnement ${product} forbrug`,
      "D01",
    ),
  );
  return rows;
}

/** Energinet's own tariffs and the electricity tax, at the yearly levels of the reference. */
export const ENERGINET_LEVELS: ReadonlyArray<
  [code: string, note: string, from: string, to: string | null, price: number]
> = [
  ["40000", "Transmissions nettarif", "2023-01-01", "2024-01-01", 0.058],
  ["40000", "Transmissions nettarif", "2024-01-01", "2025-01-01", 0.074],
  ["40000", "Transmissions nettarif", "2025-01-01", "2026-01-01", 0.061],
  ["40000", "Transmissions nettarif", "2026-01-01", null, 0.043],
  ["41000", "Systemtarif", "2023-01-01", "2024-01-01", 0.054],
  ["41000", "Systemtarif", "2024-01-01", "2025-01-01", 0.051],
  // 2025's level is unconfirmed in the reference: the simulator assumes 2026's.
  ["41000", "Systemtarif", "2025-01-01", "2026-01-01", 0.072],
  ["41000", "Systemtarif", "2026-01-01", null, 0.072],
  ["EA-001", "Elafgift", "2023-01-01", "2023-07-01", 0.008],
  ["EA-001", "Elafgift", "2023-07-01", "2024-01-01", 0.697],
  ["EA-001", "Elafgift", "2024-01-01", "2025-01-01", 0.761],
  ["EA-001", "Elafgift", "2025-01-01", "2026-01-01", 0.72],
  // Law L 24: the EU minimum for 2026–2027.
  ["EA-001", "Elafgift", "2026-01-01", "2028-01-01", 0.008],
  ["EA-002", "Reduceret elafgift", "2023-01-01", null, 0.008],
  ["40010", "Indfødningstarif", "2023-01-01", null, 0.0048],
];

function energinetRows(energinet: Participant): PricelistVersion[] {
  return ENERGINET_LEVELS.map(([code, note, validFrom, validTo, price]) => ({
    owner: energinet,
    chargeType: "D03",
    code,
    note,
    description: note,
    validFrom,
    validTo,
    prices: flat(price),
    resolution: "P1D",
    tax: code.startsWith("EA"),
  }));
}

function feeRows(grid: Participant): PricelistVersion[] {
  return [
    {
      owner: grid,
      chargeType: "D02",
      code: "GEB_FJERN",
      note: "Gebyr for fjernaflæsning",
      description: "Årligt gebyr for fjernaflæst elvarmemåler",
      validFrom: "2024-01-01",
      validTo: null,
      prices: flat(75),
      resolution: null,
      tax: false,
    },
    {
      owner: grid,
      chargeType: "D01",
      code: "DT_ABO_P",
      note: "Netabonnement produktion",
      description: "Abonnement for produktionsanlæg",
      validFrom: "2024-01-01",
      validTo: null,
      prices: flat(20.5),
      resolution: "P1M",
      tax: false,
    },
  ];
}

/** Every row of the simulator's DatahubPricelist (the seasons reach one past today's). */
export function pricelist(catalogue: Catalogue, nowMs: number): PricelistVersion[] {
  const today = todayInDenmark(nowMs);
  return [
    ...gridRows(catalogue.gridOperator, "C", today),
    ...gridRows(catalogue.gridOperator, "B", today),
    ...feeRows(catalogue.gridOperator),
    ...energinetRows(catalogue.energinet),
  ];
}

/** A charge code linked to a metering point for a span of local dates (`to` exclusive). */
interface Link {
  owner: string;
  code: string;
  from: string;
  to: string | null;
}

/** Which codes a metering point is linked to, and when (the charge links of DataHub). */
export function links(catalogue: Catalogue, mp: MeteringPointSpec): Link[] {
  if (mp.parentId !== undefined) return [];
  const grid = catalogue.gridOperator.gln;
  const energinet = catalogue.energinet.gln;
  const always = (owner: string, code: string): Link => ({ owner, code, from: "2000-01-01", to: null });
  if (mp.typeOfMP === "E18") return [always(grid, "DT_ABO_P"), always(energinet, "40010")];
  const product = mp.role === "business" ? "B" : "C";
  const out = [
    always(grid, `DT_ABO_${product}`),
    { owner: grid, code: `DT_${product}_00`, from: "2000-01-01", to: SEASONS_FROM },
    always(grid, `DT_${product}_R`),
    always(energinet, "40000"),
    always(energinet, "41000"),
    always(energinet, "EA-001"),
  ];
  const quarter =
    mp.quarterHourFrom !== undefined && mp.quarterHourFrom <= "2025-10-01" ? "2025-10-01" : undefined;
  if (quarter === undefined) out.push(always(grid, `DT_${product}_01`));
  else {
    out.push({ owner: grid, code: `DT_${product}_01`, from: "2000-01-01", to: quarter });
    out.push({ owner: grid, code: `DT_${product}_15`, from: quarter, to: null });
  }
  if (mp.taxReduction) out.push(always(grid, "GEB_FJERN"));
  return out;
}

/** The versions of the codes linked to a metering point that overlap the link's span. */
export function linkedVersions(
  catalogue: Catalogue,
  mp: MeteringPointSpec,
  nowMs: number,
): PricelistVersion[] {
  const spans = links(catalogue, mp);
  return pricelist(catalogue, nowMs).filter((v) =>
    spans.some(
      (l) =>
        l.owner === v.owner.gln &&
        l.code === v.code &&
        (l.to === null || v.validFrom < l.to) &&
        (v.validTo === null || v.validTo > l.from),
    ),
  );
}
