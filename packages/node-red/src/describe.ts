import { describeError, type ErrorDescription, type ErrorVocabulary } from "@eloverblik-kit/client";

/** The client's operations as the nodes of this package name them. */
const OPERATIONS: Record<string, string> = {
  isAlive: "the Eloverblik status node",
  listMeteringPoints: "the metering points node (list)",
  getDetails: "the metering points node (details)",
  getTimeSeries: "the time series node",
  getTimeSeriesColumnar: "the time series node",
  getMeterReadings: "the time series node (meter readings)",
  getCharges: "the charges node",
  getChargeLinks: "the charges node (charge links)",
  exportTimeSeriesCsv: "the export node (time series)",
  exportMasterDataCsv: "the export node (master data)",
  exportChargesCsv: "the export node (charges)",
  addRelations: "the relations node (add by CPR/CVR)",
  addRelationByWebAccessCode: "the relations node (add with web access code)",
  deleteRelation: "the relations node (delete)",
  listAuthorizations: "the authorizations node (list)",
  listAuthorizedMeteringPoints: "the authorizations node (metering points)",
  listAuthorizedMeteringPointIds: "the authorizations node (metering point ids)",
};

const FIELDS: Record<string, string> = {
  from: "From (msg.from)",
  to: "To (msg.to)",
  meteringPointIds: "Metering points (msg.meteringPointIds)",
  meteringPointId: "Metering point (msg.meteringPointId)",
  aggregation: "Aggregation (msg.aggregation)",
  webAccessCode: "Web access code (msg.webAccessCode)",
  refreshToken: "the config node's refresh token",
};

export const VOCABULARY: ErrorVocabulary = {
  operation: (name) => OPERATIONS[name] ?? name,
  field: (name) => FIELDS[name] ?? `msg.${name}`,
};

/** Any error in this package's terms. */
export function describe(error: unknown): ErrorDescription {
  return describeError(error, VOCABULARY);
}

/**
 * The Error handed to `done(err)`: Catch nodes see its message (what happened and what to do) and
 * its `code`; the whole description is on the message as `msg.eloverblikError`.
 */
export function nodeError(description: ErrorDescription): Error & { code: string } {
  const message = [`${description.title}: ${description.message}`, ...description.advice].join(" ");
  const error = new Error(message) as Error & { code: string };
  error.code = description.code;
  return error;
}

/** One failed item of a multi-id operation, as `msg.payload.failed` lists it. */
export interface FailedItem {
  id: string;
  code: string;
  message: string;
  period?: { from: string; to: string };
  advice: string[];
}

export function failedItem(id: string, error: unknown): FailedItem {
  const d = describe(error);
  return {
    id,
    code: d.code,
    message: d.message,
    ...(d.period ? { period: d.period } : {}),
    advice: d.advice,
  };
}
