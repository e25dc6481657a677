/**
 * The Energinet business codes the simulator answers with, and the names the API puts in an item's
 * `errorText`: the SPEC-C/T tables of 2026 and, for 10004, 30010 and 30012, the 2020 PDF's Appendix A
 * (the Eloverblik API reference, §4 "Error codes"). The simulator keeps this list itself rather than read the client's catalogue, so the
 * fake never agrees with the client merely because both read the same table; a test holds it against
 * the contract in spec/error-codes.json.
 */
export const ERROR_CODE_NAMES = {
  10000: "NoError",
  10004: "MaximumNumberOfMeteringPointsExceeded",
  10007: "NoCprConsent",
  20000: "WrongMeteringPointIdOrWebAccessCode",
  20001: "MeteringPointBlocked",
  20002: "MeteringPointRelationAlreadyExist",
  20003: "MeteringPointIdNot18CharsLong",
  20006: "WebAccessCodeNot8CharsLong",
  20007: "WebAccessCodeContainsIllegalChars",
  20008: "MeteringPointNotFound",
  20009: "MeteringPointIsChild",
  20010: "RelationNotFound",
  20012: "Unauthorized",
  20013: "NoValidMeteringPointsInList",
  30000: "FromDateIsGreaterThanToday",
  30001: "FromDateIsGreaterThanToDate",
  30002: "ToDateCanNotBeEqualToFromDate",
  30003: "ToDateIsGreaterThanToday",
  30004: "InvalidDateFormat",
  30005: "InvalidRequestParameters",
  30008: "RequestedAggregationUnavailable",
  30010: "DateNotCoveredByAuthorization",
  30012: "RequestToHuge",
} as const;

/** A business code the simulator can answer with. */
export type ErrorCode = keyof typeof ERROR_CODE_NAMES;
