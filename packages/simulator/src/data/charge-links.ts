import type { Catalogue, MeteringPointSpec } from "../model/catalogue.js";
import { addLocalMonths } from "../time/calendar.js";
import { localDateOf, localDateStartUtc, localParts } from "../time/copenhagen.js";
import type * as Wire from "../wire.js";
import { type ChargeVersion, chargeVersions } from "./charges.js";
import { isoSeconds } from "./format.js";

/** DataHub charge type codes: D01 subscription, D02 fee, D03 tariff. */
const TYPE_CODES = { subscription: "D01", fee: "D02", tariff: "D03" } as const;
const STEP_MS: Record<string, number> = { PT15M: 900_000, PT1H: 3_600_000 };

const identifier = (v: ChargeVersion) => ({ code: v.priceId, owner: v.owner.gln, type: TYPE_CODES[v.kind] });
const key = (v: ChargeVersion) => `${v.priceId}|${v.owner.gln}|${v.kind}`;

function overlap(v: ChargeVersion, fromMs: number, toMs: number): [number, number] | undefined {
  const start = Math.max(fromMs, localDateStartUtc(v.validFrom));
  const end = Math.min(toMs, v.validTo === null ? Number.POSITIVE_INFINITY : localDateStartUtc(v.validTo));
  return start < end ? [start, end] : undefined;
}

/** Price points inside the window: per quarter hour, hour, day or month as the charge is priced. */
function seriesPoints(
  v: ChargeVersion,
  startMs: number,
  endMs: number,
): Array<{ from: number; to: number; price: number }> {
  const out: Array<{ from: number; to: number; price: number }> = [];
  const step = STEP_MS[v.periodType ?? ""];
  if (step !== undefined) {
    for (let t = startMs; t < endMs; t += step) {
      const p = localParts(t);
      const position = v.periodType === "PT15M" ? p.hour * 4 + Math.floor(p.minute / 15) : p.hour;
      out.push({ from: t, to: t + step, price: v.prices?.[position] ?? 0 });
    }
    return out;
  }
  const monthly = v.periodType === "P1M" || v.kind !== "tariff";
  for (let date = localDateOf(startMs); localDateStartUtc(date) < endMs; ) {
    const next = monthly
      ? addLocalMonths(`${date.slice(0, 7)}-01`, 1)
      : localDateOf(localDateStartUtc(date) + 36 * 3_600_000);
    const from = Math.max(startMs, localDateStartUtc(date));
    const to = Math.min(endMs, localDateStartUtc(next));
    out.push({ from, to, price: v.prices?.[0] ?? v.price ?? 0 });
    date = next;
  }
  return out;
}

/**
 * The body of the (normally undeployed) getchargelinkswithcharges, built from the same charge
 * versions getcharges serves, but for a window, so past versions inside it are included.
 */
export class ChargeLinksBuilder {
  readonly results: Wire.ChargeLinksResult[] = [];
  private readonly informations = new Map<string, Wire.ChargeInformation>();

  constructor(
    private readonly catalogue: Catalogue,
    private readonly nowMs: number,
  ) {}

  fail(meteringPointId: string, error: string): void {
    this.results.push({ meteringPointId, error, chargeLinks: [] });
  }

  add(mp: MeteringPointSpec, fromMs: number, toMs: number): void {
    const chargeLinks: NonNullable<Wire.ChargeLinksResult["chargeLinks"]> = [];
    for (const v of chargeVersions(this.catalogue, mp, this.nowMs)) {
      const window = overlap(v, fromMs, toMs);
      if (window === undefined) continue;
      chargeLinks.push({
        meteringPointId: mp.id,
        chargeIdentifier: identifier(v),
        chargeLinkPeriods: [
          {
            from: isoSeconds(localDateStartUtc(v.validFrom)),
            to: v.validTo === null ? null : isoSeconds(localDateStartUtc(v.validTo)),
            factor: 1,
          },
        ],
      });
      this.information(v, window);
    }
    this.results.push({ meteringPointId: mp.id, error: null, chargeLinks });
  }

  response(): Wire.ChargeLinksResponse {
    return { results: this.results, chargeInformations: [...this.informations.values()] };
  }

  private information(v: ChargeVersion, [start, end]: [number, number]): void {
    let info = this.informations.get(key(v));
    if (info === undefined) {
      info = {
        chargeIdentifier: identifier(v),
        pricingCategory: null,
        resolution: v.periodType ?? "P1M",
        taxIndicator: v.tax === true,
        chargeInformationPeriods: [],
        chargeSeriesPoints: [],
      };
      this.informations.set(key(v), info);
    }
    const periodFrom = isoSeconds(localDateStartUtc(v.validFrom));
    if (!info.chargeInformationPeriods?.some((p) => p.from === periodFrom)) {
      info.chargeInformationPeriods?.push({
        from: periodFrom,
        to: v.validTo === null ? null : isoSeconds(localDateStartUtc(v.validTo)),
        name: v.name,
        description: v.description,
        vatClassification: "D02",
        transparentInvoicing: v.owner.gln !== this.catalogue.energinet.gln,
      });
    }
    const points = info.chargeSeriesPoints ?? [];
    const known = new Set(points.map((p) => p.from));
    for (const p of seriesPoints(v, start, end)) {
      const from = isoSeconds(p.from);
      if (!known.has(from)) points.push({ from, to: isoSeconds(p.to), price: p.price });
    }
  }
}
