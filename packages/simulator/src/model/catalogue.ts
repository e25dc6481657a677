import { type Address, BAKERY, HEATED_HOUSE, HOME, NEIGHBOUR, SUMMER_HOUSE } from "./addresses.js";
import { makeDigits, makeGln, makeGsrn, makeWebAccessCode } from "./identifiers.js";
import { createStream } from "./prng.js";

/** The part each fictional metering point plays in the simulated household and its neighbours. */
export type MeterRole =
  | "household"
  | "production"
  | "productionExport"
  | "productionImport"
  | "flex"
  | "flexHeating"
  | "cprOnly"
  | "blocked"
  | "neighbour"
  | "business";

export type LoadProfile =
  | "household"
  | "cottage"
  | "solar"
  | "solarExport"
  | "solarImport"
  | "heatedHouse"
  | "heating"
  | "business";

export interface MeteringPointSpec {
  role: MeterRole;
  id: string;
  typeOfMP: "E17" | "E18" | "D06" | "D07" | "D14";
  parentId: string | undefined;
  childIds: string[];
  settlementMethod: string;
  /** A04 consumption, A01 production (reference §7). */
  businessType: "A04" | "A01";
  profile: LoadProfile;
  /** First Danish local date with data. */
  dataFrom: string;
  /** Local date from which the meter reads quarter hours; before it, hours. Undefined: always hours. */
  quarterHourFrom: string | undefined;
  /** A day is served only once its end lies more than this many days before the clock. */
  dataLagDays: number;
  meterNumber: string;
  webAccessCode: string;
  /** Found by a CPR lookup (`includeAll=true`) and linkable with relation/add. */
  registeredToCustomer: boolean;
  relatedAtStart: boolean;
  blocked: boolean;
  address: Address;
  consumerNames: [string, string];
  consumerCVR: string;
  consumerStartDate: string;
  netSettlementGroup: string;
  estimatedAnnualVolume: string;
  /** Reduced electricity tax for electric heating ("elvarme"). */
  taxReduction: boolean;
  powerLimitKW: number | undefined;
}

export interface Participant {
  name: string;
  gln: string;
}

export interface Catalogue {
  meteringPoints: MeteringPointSpec[];
  byId: Map<string, MeteringPointSpec>;
  byRole: Record<MeterRole, MeteringPointSpec>;
  gridOperator: Participant;
  balanceSupplier: Participant;
  /** Owner of state-set charges (electricity tax, Energinet's tariffs). */
  energinet: Participant;
  customer: { name: string; userId: string; nameIdentifier: string };
}

interface Blueprint
  extends Omit<MeteringPointSpec, "id" | "parentId" | "childIds" | "meterNumber" | "webAccessCode"> {
  parentRole?: MeterRole;
}

const CUSTOMER: [string, string] = ["Mette Simulatorsen", "Lars Simulatorsen"];

const consumer = (
  role: MeterRole,
  profile: LoadProfile,
  dataFrom: string,
  quarterHourFrom: string | undefined,
  dataLagDays: number,
  site: Address,
  extra: Partial<Blueprint> = {},
): Blueprint => ({
  role,
  typeOfMP: "E17",
  settlementMethod: "D01",
  businessType: "A04",
  profile,
  dataFrom,
  quarterHourFrom,
  dataLagDays,
  registeredToCustomer: true,
  relatedAtStart: true,
  blocked: false,
  address: site,
  consumerNames: CUSTOMER,
  consumerCVR: "",
  consumerStartDate: dataFrom,
  netSettlementGroup: "0",
  estimatedAnnualVolume: "3200",
  taxReduction: false,
  powerLimitKW: undefined,
  ...extra,
});

// Fixed dates keep every value a pure function of (seed, meter, instant); the hour→quarter
// switch mirrors the Nordic move to 15-minute settlement on 2025-10-01 (reference §7).
const PRODUCTION = consumer("production", "solar", "2021-04-27", undefined, 2, SUMMER_HOUSE, {
  typeOfMP: "E18",
  settlementMethod: "E02",
  businessType: "A01",
  netSettlementGroup: "6",
  estimatedAnnualVolume: "5400",
  powerLimitKW: 6,
});
const FLEX = consumer("flex", "heatedHouse", "2020-09-01", undefined, 1, HEATED_HOUSE, {
  estimatedAnnualVolume: "14500",
  taxReduction: true,
});

/** Child metering points share their parent's site, owner and data window. */
const child = (
  parent: Blueprint,
  role: MeterRole,
  typeOfMP: MeteringPointSpec["typeOfMP"],
  businessType: "A04" | "A01",
  profile: LoadProfile,
): Blueprint => ({
  ...parent,
  role,
  typeOfMP,
  businessType,
  profile,
  parentRole: parent.role,
  settlementMethod: "",
  estimatedAnnualVolume: "",
  powerLimitKW: undefined,
});

const BLUEPRINTS: Blueprint[] = [
  consumer("household", "household", "2019-06-01", "2025-10-01", 1, HOME),
  PRODUCTION,
  child(PRODUCTION, "productionExport", "D06", "A01", "solarExport"),
  child(PRODUCTION, "productionImport", "D07", "A04", "solarImport"),
  FLEX,
  child(FLEX, "flexHeating", "D14", "A04", "heating"),
  consumer(
    "cprOnly",
    "cottage",
    "2022-03-15",
    undefined,
    3,
    { ...SUMMER_HOUSE, buildingNumber: "6" },
    {
      relatedAtStart: false,
      estimatedAnnualVolume: "1100",
    },
  ),
  consumer(
    "blocked",
    "household",
    "2019-06-01",
    undefined,
    1,
    { ...HOME, floorId: "kl" },
    {
      blocked: true,
      estimatedAnnualVolume: "400",
    },
  ),
  consumer("neighbour", "household", "2018-01-01", "2025-10-01", 2, NEIGHBOUR, {
    registeredToCustomer: false,
    relatedAtStart: false,
    consumerNames: ["Naboen Nielsen", ""],
    estimatedAnnualVolume: "2600",
  }),
  consumer("business", "business", "2023-01-01", "2023-01-01", 2, BAKERY, {
    settlementMethod: "E02",
    registeredToCustomer: false,
    relatedAtStart: false,
    consumerNames: ["Bageriet Simulering ApS", ""],
    consumerCVR: "10000009",
    estimatedAnnualVolume: "48000",
    powerLimitKW: 40,
  }),
];

/** Builds the fixed cast of metering points; ids, meter numbers and codes depend on the seed only. */
export function buildCatalogue(seed: number): Catalogue {
  const random = createStream(seed ^ 0x5eed1d5);
  const taken = new Set<string>();
  const ids = new Map<MeterRole, string>(BLUEPRINTS.map((b) => [b.role, makeGsrn(random, taken)]));
  const meteringPoints: MeteringPointSpec[] = BLUEPRINTS.map(({ parentRole, ...blueprint }) => ({
    ...blueprint,
    id: ids.get(blueprint.role) as string,
    parentId: parentRole === undefined ? undefined : ids.get(parentRole),
    childIds: BLUEPRINTS.filter((b) => b.parentRole === blueprint.role).map((b) => ids.get(b.role) as string),
    meterNumber: makeDigits(random, 8),
    webAccessCode: makeWebAccessCode(random),
  }));
  const byRole = Object.fromEntries(meteringPoints.map((mp) => [mp.role, mp])) as Record<
    MeterRole,
    MeteringPointSpec
  >;
  return {
    meteringPoints,
    byId: new Map(meteringPoints.map((mp) => [mp.id, mp])),
    byRole,
    // Radius Elnet's name and GLN appear in the real details fixture; suppliers are fictional.
    gridOperator: { name: "Radius Elnet A/S", gln: "5790000705689" },
    balanceSupplier: { name: "Simuleret Strøm A/S", gln: makeGln(random) },
    energinet: { name: "Energinet", gln: "5790000432752" },
    customer: { name: CUSTOMER[0], userId: makeDigits(random, 6), nameIdentifier: `EIA:${random.uuid()}` },
  };
}
