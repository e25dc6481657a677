import type { Catalogue, MeteringPointSpec, Participant } from "../model/catalogue.js";
import { localDateStartUtc, todayInDenmark } from "../time/copenhagen.js";
import type * as Wire from "../wire.js";
import { isoMillis } from "./format.js";

export type ChargeKind = "subscription" | "fee" | "tariff";

/** One charge version with its validity in Danish local dates (`validTo` exclusive, null = open). */
export interface ChargeVersion {
  kind: ChargeKind;
  priceId: string;
  name: string;
  description: string;
  owner: Participant;
  periodType: "P1M" | "P1D" | "PT1H" | "PT15M" | null;
  validFrom: string;
  validTo: string | null;
  /** Subscriptions and fees. */
  price?: number;
  quantity?: number;
  /** Tariffs: DKK/kWh excluding VAT by position (1 for P1D, 24 for PT1H, 96 for PT15M). */
  prices?: number[];
  /** Charge-links view: a state tax rather than a grid charge. */
  tax?: boolean;
}

// Time-of-use levels by local hour, DKK/kWh excluding VAT: night, day, peak (17–21).
const LEVELS = {
  winter: { low: 0.1513, mid: 0.454, peak: 1.3619 },
  summer: { low: 0.1513, mid: 0.227, peak: 0.59 },
};

function hourlyPrices(season: "winter" | "summer"): number[] {
  const level = LEVELS[season];
  return Array.from({ length: 24 }, (_, h) =>
    h < 6 ? level.low : h >= 17 && h < 21 ? level.peak : level.mid,
  );
}

/** The season of a local date and its bounds: summer April–September, winter October–March. */
function seasonOf(date: string): { season: "winter" | "summer"; start: string; end: string } {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (month >= 4 && month <= 9) return { season: "summer", start: `${year}-04-01`, end: `${year}-10-01` };
  const startYear = month >= 10 ? year : year - 1;
  return { season: "winter", start: `${startYear}-10-01`, end: `${startYear + 1}-04-01` };
}

/**
 * The grid company's time-of-use tariff for the current and the next season. It is priced per
 * quarter hour (96 positions) from the day the meter reads quarter hours, per hour (24) before.
 */
function gridTariffs(
  mp: MeteringPointSpec,
  owner: Participant,
  today: string,
  product: string,
): ChargeVersion[] {
  const current = seasonOf(today);
  const next = seasonOf(current.end);
  return [current, next].map((season, index) => {
    const quarter = mp.quarterHourFrom !== undefined && season.start >= mp.quarterHourFrom;
    const hourly = hourlyPrices(season.season);
    return {
      kind: "tariff",
      priceId: quarter ? `DT_${product}_15` : `DT_${product}_01`,
      name: quarter ? `Nettarif ${product} kvarter` : `Nettarif ${product} time`,
      description: `Nettarif ${product}, ${season.season === "winter" ? "vinter" : "sommer"}`,
      owner,
      periodType: quarter ? "PT15M" : "PT1H",
      validFrom: season.start,
      validTo: index === 0 ? season.end : null,
      prices: quarter ? Array.from({ length: 96 }, (_, q) => hourly[Math.floor(q / 4)] as number) : hourly,
    };
  });
}

function stateCharges(energinet: Participant, production: boolean): ChargeVersion[] {
  const flat = (priceId: string, name: string, price: number, validFrom: string, validTo: string | null) =>
    ({
      kind: "tariff",
      priceId,
      name,
      description: name,
      owner: energinet,
      periodType: "P1D",
      validFrom,
      validTo,
      prices: [price],
      tax: priceId.startsWith("EA"),
    }) satisfies ChargeVersion;
  if (production) return [flat("40010", "Indfødningstarif", 0.0048, "2025-01-01", null)];
  return [
    flat("40000", "Transmissions nettarif", 0.1491, "2025-01-01", null),
    flat("41000", "Systemtarif", 0.072, "2025-01-01", null),
    flat("EA-001", "Elafgift", 0.72, "2025-01-01", "2026-01-01"),
    // Electricity tax drops to the EU minimum for 2026–2027.
    flat("EA-001", "Elafgift", 0.008, "2026-01-01", "2028-01-01"),
  ];
}

/** Every charge version linked to a metering point, before the `currentCharges` filter. */
export function chargeVersions(catalogue: Catalogue, mp: MeteringPointSpec, nowMs: number): ChargeVersion[] {
  if (mp.parentId !== undefined) return [];
  const today = todayInDenmark(nowMs);
  const grid = catalogue.gridOperator;
  const production = mp.typeOfMP === "E18";
  const product = mp.role === "business" ? "B" : "C";
  const subscription: ChargeVersion = {
    kind: "subscription",
    priceId: production ? "DT_ABO_P" : `DT_ABO_${product}`,
    name: production ? "Netabonnement produktion" : `Netabonnement ${product}`,
    description: production ? "Abonnement for produktionsanlæg" : `Netabonnement ${product} forbrug`,
    owner: grid,
    periodType: "P1M",
    validFrom: "2024-01-01",
    validTo: null,
    price: production ? 20.5 : product === "B" ? 212.4 : 45.12,
    quantity: 1,
  };
  const versions: ChargeVersion[] = [subscription, ...stateCharges(catalogue.energinet, production)];
  if (!production) versions.push(...gridTariffs(mp, grid, today, product));
  if (mp.taxReduction) {
    versions.push({
      kind: "fee",
      priceId: "GEB_FJERN",
      name: "Gebyr for fjernaflæsning",
      description: "Årligt gebyr for fjernaflæst elvarmemåler",
      owner: grid,
      periodType: null,
      validFrom: "2024-01-01",
      validTo: null,
      price: 75,
      quantity: 1,
    });
  }
  return versions;
}

/**
 * What getcharges serves: for each charge (type, owner and price id) the one version in force
 * today, never its past or future changes (SPEC-C: "past and future changes to an existing charge
 * are not included"). A charge that has not started yet is served with its first version, so the
 * answer still holds every charge "valid now or in the future". A client reading prices by name
 * therefore never meets two prices for one tariff.
 */
export function currentCharges(versions: ChargeVersion[], nowMs: number): ChargeVersion[] {
  const today = todayInDenmark(nowMs);
  const chosen = new Map<string, ChargeVersion>();
  for (const v of versions) {
    if (v.validTo !== null && v.validTo <= today) continue; // past
    const key = `${v.kind}|${v.owner.gln}|${v.priceId}`;
    const held = chosen.get(key);
    const inForce = v.validFrom <= today;
    // In force beats not yet started; among charges not yet started, the earliest start.
    if (
      held === undefined ||
      (inForce && held.validFrom > today) ||
      (!inForce && v.validFrom < held.validFrom)
    ) {
      chosen.set(key, v);
    }
  }
  const served = new Set(chosen.values());
  return versions.filter((v) => served.has(v));
}

const when = (date: string | null): string | null =>
  date === null ? null : isoMillis(localDateStartUtc(date));

function toCharge(v: ChargeVersion): Wire.Charge {
  return {
    priceId: v.priceId,
    name: v.name,
    description: v.description,
    owner: v.owner.gln,
    validFromDate: when(v.validFrom),
    validToDate: when(v.validTo),
    periodType: v.periodType,
    price: v.price ?? 0,
    quantity: v.quantity ?? 1,
  };
}

function toTariff(v: ChargeVersion): Wire.Tariff {
  return {
    priceId: v.priceId,
    name: v.name,
    description: v.description,
    owner: v.owner.gln,
    validFromDate: when(v.validFrom),
    validToDate: when(v.validTo),
    periodType: v.periodType,
    prices: (v.prices ?? []).map((price, index) => ({ position: String(index + 1), price })),
  };
}

export function customerCharges(
  catalogue: Catalogue,
  mp: MeteringPointSpec,
  nowMs: number,
): Wire.CustomerCharges {
  const versions = currentCharges(chargeVersions(catalogue, mp, nowMs), nowMs);
  return {
    meteringPointId: mp.id,
    subscriptions: versions.filter((v) => v.kind === "subscription").map(toCharge),
    fees: versions.filter((v) => v.kind === "fee").map(toCharge),
    tariffs: versions.filter((v) => v.kind === "tariff").map(toTariff),
  };
}

/** The Third Party view has no `fees` (SPEC-T `MeteringPointChargesDto`). */
export function thirdPartyCharges(
  catalogue: Catalogue,
  mp: MeteringPointSpec,
  nowMs: number,
): Wire.ThirdPartyCharges {
  const { fees: _fees, ...rest } = customerCharges(catalogue, mp, nowMs);
  return rest;
}
