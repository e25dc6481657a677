import { addLocalDays, addLocalMonths, addLocalYears } from "../time/calendar.js";
import type { Catalogue, MeterRole } from "./catalogue.js";
import { makeDigits } from "./identifiers.js";
import { createStream } from "./prng.js";

export interface AuthorizedMeteringPoint {
  id: string;
  /** First local date the third party may read. */
  accessFrom: string;
  /** Last local date the third party may read (inclusive). */
  accessTo: string;
}

export interface AuthorizationSpec {
  id: string;
  thirdPartyName: string;
  validFrom: string;
  validTo: string;
  customerName: string;
  customerCVR: string;
  customerKey: string;
  /** Instant the power of attorney was signed. */
  timeStamp: number;
  includeFutureMeteringPoints: boolean;
  meteringPoints: AuthorizedMeteringPoint[];
}

export interface ThirdParty {
  name: string;
  cvr: string;
  thirdPartyId: string;
  userId: string;
  nameIdentifier: string;
  authorizations: AuthorizationSpec[];
}

/**
 * The third party's powers of attorney. Their dates are placed relative to the day the simulator
 * starts (`today`), so the active ones stay active however far the injected clock is from now.
 */
export function buildThirdParty(seed: number, catalogue: Catalogue, today: string): ThirdParty {
  const random = createStream(seed ^ 0x7a1d0c);
  const name = "Simuleret Energirådgivning ApS";
  const grant = (role: MeterRole, accessFrom: string, accessTo: string): AuthorizedMeteringPoint => ({
    id: catalogue.byRole[role].id,
    accessFrom,
    accessTo,
  });
  const privateFrom = addLocalMonths(today.slice(0, 8) + "01", -30);
  const privateTo = addLocalYears(today, 1);
  const businessFrom = addLocalYears(today, -1);
  const businessTo = addLocalYears(today, 2);
  const expiredFrom = addLocalYears(today, -2);
  const expiredTo = addLocalDays(today, -10);
  const signedAt = (date: string, hourUtc: number) =>
    Date.parse(`${date}T${String(hourUtc).padStart(2, "0")}:17:42Z`);
  return {
    name,
    cvr: "10000017",
    thirdPartyId: random.uuid(),
    userId: makeDigits(random, 6),
    nameIdentifier: `EIA:${random.uuid()}`,
    authorizations: [
      {
        id: random.uuid(),
        thirdPartyName: name,
        validFrom: privateFrom,
        validTo: privateTo,
        customerName: catalogue.customer.name,
        customerCVR: "",
        customerKey: "kunde-1001",
        timeStamp: signedAt(privateFrom, 9),
        includeFutureMeteringPoints: false,
        meteringPoints: [
          grant("household", privateFrom, privateTo),
          // Granted later than the power of attorney itself, so early periods give 30010.
          grant("production", addLocalMonths(privateFrom, 6), privateTo),
        ],
      },
      {
        id: random.uuid(),
        thirdPartyName: name,
        validFrom: businessFrom,
        validTo: businessTo,
        customerName: catalogue.byRole.business.consumerNames[0],
        customerCVR: catalogue.byRole.business.consumerCVR,
        customerKey: "bageriet",
        timeStamp: signedAt(businessFrom, 13),
        includeFutureMeteringPoints: true,
        meteringPoints: [grant("business", businessFrom, businessTo)],
      },
      {
        // Expired: never listed and gives no access (only active authorizations count, SPEC-T).
        id: random.uuid(),
        thirdPartyName: name,
        validFrom: expiredFrom,
        validTo: expiredTo,
        customerName: catalogue.byRole.neighbour.consumerNames[0],
        customerCVR: "",
        customerKey: "kunde-0999",
        timeStamp: signedAt(expiredFrom, 11),
        includeFutureMeteringPoints: false,
        meteringPoints: [grant("neighbour", expiredFrom, expiredTo)],
      },
    ],
  };
}
