import type { AuthorizedMeteringPoint } from "../model/authorizations.js";
import type { Catalogue, MeteringPointSpec } from "../model/catalogue.js";
import { localDateStartUtc } from "../time/copenhagen.js";
import type * as Wire from "../wire.js";
import { childMeteringPoints, currentReadingOccurrence } from "./details.js";
import { isoMillis } from "./format.js";

type Common = Omit<Wire.ThirdPartyMeteringPoint, "accessFrom" | "accessTo">;

function common(catalogue: Catalogue, mp: MeteringPointSpec, nowMs: number): Common {
  const a = mp.address;
  return {
    meteringPointId: mp.id,
    typeOfMP: mp.typeOfMP,
    streetCode: a.streetCode,
    streetName: a.streetName,
    buildingNumber: a.buildingNumber,
    floorId: a.floorId,
    roomId: a.roomId,
    postcode: a.postcode,
    cityName: a.cityName,
    citySubDivisionName: a.citySubDivisionName,
    municipalityCode: a.municipalityCode,
    locationDescription: a.locationDescription,
    settlementMethod: mp.settlementMethod,
    meterReadingOccurrence: currentReadingOccurrence(mp, nowMs),
    firstConsumerPartyName: mp.consumerNames[0],
    secondConsumerPartyName: mp.consumerNames[1],
    consumerCVR: mp.consumerCVR,
    dataAccessCVR: "",
    meterNumber: mp.meterNumber,
    consumerStartDate: isoMillis(localDateStartUtc(mp.consumerStartDate)),
    childMeteringPoints: childMeteringPoints(catalogue, mp, nowMs),
  };
}

/** A `MeteringPointApiDto`: children are nested, never listed at the top level. */
export function customerListItem(
  catalogue: Catalogue,
  mp: MeteringPointSpec,
  hasRelation: boolean,
  nowMs: number,
): Wire.MeteringPoint {
  const { childMeteringPoints: children, ...rest } = common(catalogue, mp, nowMs);
  return {
    ...rest,
    balanceSupplierName: catalogue.balanceSupplier.name,
    hasRelation,
    childMeteringPoints: children,
  };
}

/** A `MeteringPointThirdPartyDto`: the customer item without supplier and relation, plus the access window. */
export function thirdPartyListItem(
  catalogue: Catalogue,
  mp: MeteringPointSpec,
  access: AuthorizedMeteringPoint,
  nowMs: number,
): Wire.ThirdPartyMeteringPoint {
  return {
    ...common(catalogue, mp, nowMs),
    accessFrom: isoMillis(localDateStartUtc(access.accessFrom)),
    accessTo: isoMillis(localDateStartUtc(access.accessTo)),
  };
}
