import type { Catalogue, MeteringPointSpec } from "../model/catalogue.js";
import { hashString, unitHash } from "../model/prng.js";
import { localDateStartUtc, todayInDenmark } from "../time/copenhagen.js";
import type * as Wire from "../wire.js";
import { dotnetBool, isoMillis } from "./format.js";
import { nativeResolutionOn } from "./meter-data.js";

const localMidnight = (date: string): string => isoMillis(localDateStartUtc(date));

/** Reading resolution reported in master data: what the meter reads today. */
export function currentReadingOccurrence(mp: MeteringPointSpec, nowMs: number): string {
  return nativeResolutionOn(mp, todayInDenmark(nowMs));
}

export function childMeteringPoints(catalogue: Catalogue, mp: MeteringPointSpec, nowMs: number) {
  return mp.childIds.map((id): Wire.ChildMeteringPoint => {
    const child = catalogue.byId.get(id) as MeteringPointSpec;
    return {
      meteringPointId: child.id,
      parentMeteringPointId: mp.id,
      typeOfMP: child.typeOfMP,
      meterReadingOccurrence: currentReadingOccurrence(child, nowMs),
      meterNumber: child.meterNumber,
    };
  });
}

function contact(mp: MeteringPointSpec, addressCode: "D01" | "D04"): Wire.ContactAddress {
  const [first, second] = mp.consumerNames;
  const mailbox = first.toLowerCase().replace(/[^a-z]+/g, ".");
  const a = mp.address;
  return {
    contactName1: first,
    contactName2: addressCode === "D04" ? second : "",
    addressCode,
    streetName: a.streetName,
    buildingNumber: a.buildingNumber,
    floorId: a.floorId,
    roomId: a.roomId,
    citySubDivisionName: a.citySubDivisionName,
    postcode: a.postcode,
    cityName: a.cityName,
    countryName: "",
    contactPhoneNumber: `+4520${String(hashString(mp.id) % 1_000_000).padStart(6, "0")}`,
    contactMobileNumber: "",
    contactEmailAddress: `${mailbox}@example.com`,
    contactType: "",
    attention: "",
    postBox: "",
    protectedAddress: "False",
  };
}

/**
 * Third-party master data: every field is a string, empty values are "" and booleans are
 * "True"/"False", as in the real response (EDDIE-FIX); `powerLimitKWDecimal` is the one number.
 */
export function thirdPartyDetails(
  catalogue: Catalogue,
  mp: MeteringPointSpec,
  nowMs: number,
): Wire.ThirdPartyDetails {
  const a = mp.address;
  const isChild = mp.parentId !== undefined;
  const virtual = mp.typeOfMP === "D06" || mp.typeOfMP === "D07";
  const darSeed = hashString(`${mp.address.streetName}${mp.address.buildingNumber}`);
  const hex = (salt: number, n: number) =>
    Math.floor(unitHash(darSeed, salt) * 16 ** n)
      .toString(16)
      .padStart(n, "0");
  return {
    mpAddressWashInstructions: "D01",
    meteringPointId: mp.id,
    parentMeteringPointId: mp.parentId ?? "",
    typeOfMP: mp.typeOfMP,
    energyTimeSeriesMeasureUnit: "KWH",
    estimatedAnnualVolume: mp.estimatedAnnualVolume,
    settlementMethod: mp.settlementMethod,
    meterNumber: mp.meterNumber,
    gridOperatorName: catalogue.gridOperator.name,
    meteringGridAreaIdentification: "791",
    netSettlementGroup: mp.netSettlementGroup,
    physicalStatusOfMP: "E22",
    consumerCategory: "",
    powerLimitKW: mp.powerLimitKW === undefined ? "" : String(mp.powerLimitKW),
    powerLimitA: "",
    powerLimitKWDecimal: mp.powerLimitKW ?? null,
    subTypeOfMP: virtual ? "D02" : "D01",
    productionObligation: "",
    mpCapacity: mp.typeOfMP === "E18" && mp.powerLimitKW !== undefined ? String(mp.powerLimitKW) : "",
    mpConnectionType: isChild ? "D01" : "",
    disconnectionType: "D01",
    product: "Item8716867000030",
    consumerCVR: mp.consumerCVR,
    dataAccessCVR: "",
    consumerStartDate: localMidnight(mp.consumerStartDate),
    meterReadingOccurrence: currentReadingOccurrence(mp, nowMs),
    mpReadingCharacteristics: "",
    meterCounterDigits: "7.3",
    meterCounterMultiplyFactor: "1.0",
    meterCounterUnit: "KWH",
    meterCounterType: "D02",
    taxReduction: dotnetBool(mp.taxReduction),
    taxSettlementDate: mp.taxReduction ? localMidnight(mp.consumerStartDate) : "",
    mpRelationType: isChild ? "D01" : "",
    firstConsumerPartyName: mp.consumerNames[0],
    secondConsumerPartyName: mp.consumerNames[1],
    occurrence: localMidnight(mp.consumerStartDate),
    meteringPointAlias: "",
    gridOperatorID: catalogue.gridOperator.gln,
    gridOperatorID_SchemeAgencyIdentifier: "GLN",
    assetType: mp.typeOfMP === "E18" ? "" : "D01",
    darReference: `${hex(1, 8)}-${hex(2, 4)}-4${hex(3, 3)}-a${hex(4, 3)}-${hex(5, 12)}`,
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
    contactAddresses: [contact(mp, "D01"), contact(mp, "D04")],
    childMeteringPoints: childMeteringPoints(catalogue, mp, nowMs),
  };
}

/** Customer master data: the third-party fields plus the balance supplier and `protectedName`. */
export function customerDetails(
  catalogue: Catalogue,
  mp: MeteringPointSpec,
  nowMs: number,
): Wire.CustomerDetails {
  const supplier = mp.parentId === undefined ? catalogue.balanceSupplier : { name: "", gln: "" };
  return {
    balanceSupplierName: supplier.name,
    balanceSupplierId: supplier.gln,
    balanceSupplierStartDate: mp.parentId === undefined ? localMidnight(mp.consumerStartDate) : "",
    balanceSupplierId_SchemeAgencyIdentifier: mp.parentId === undefined ? "GLN" : "",
    protectedName: "False",
    ...thirdPartyDetails(catalogue, mp, nowMs),
  };
}
