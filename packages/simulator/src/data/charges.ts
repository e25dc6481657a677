import { linkedVersions, type PricelistVersion } from "../eds/pricelist.js";
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

/** A DatahubPricelist row as getcharges shows it (positions from Price1..24, Price1 where null). */
function fromPricelist(v: PricelistVersion): ChargeVersion {
  const kind: ChargeKind =
    v.chargeType === "D01" ? "subscription" : v.chargeType === "D02" ? "fee" : "tariff";
  const base = {
    kind,
    priceId: v.code,
    name: v.note,
    description: v.description,
    owner: v.owner,
    periodType: v.resolution,
    validFrom: v.validFrom,
    validTo: v.validTo,
    ...(v.tax ? { tax: true } : {}),
  };
  const first = v.prices[0] ?? 0;
  if (kind !== "tariff") return { ...base, price: first, quantity: 1 };
  const hourly = v.prices.map((p) => p ?? first);
  const prices =
    v.resolution === "PT15M"
      ? Array.from({ length: 96 }, (_, q) => hourly[Math.floor(q / 4)] as number)
      : v.resolution === "PT1H"
        ? hourly
        : [first];
  return { ...base, prices };
}

/** Every charge version linked to a metering point, before the `currentCharges` filter. */
export function chargeVersions(catalogue: Catalogue, mp: MeteringPointSpec, nowMs: number): ChargeVersion[] {
  return linkedVersions(catalogue, mp, nowMs).map(fromPricelist);
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
