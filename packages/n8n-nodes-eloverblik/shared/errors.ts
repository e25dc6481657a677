import { describeError, type ErrorVocabulary, isEloverblikError } from "@eloverblik-kit/client/core";
import { type INode, type JsonObject, NodeApiError, NodeOperationError } from "n8n-workflow";

/** The client's names as a user of this node sees them. */
const OPERATIONS: Record<string, string> = {
  listMeteringPoints: "Metering Point → Get Many",
  getDetails: "Metering Point → Get Details",
  addRelations: "Metering Point → Add Relations",
  addRelationByWebAccessCode: "Metering Point → Add Relation by Web Access Code",
  deleteRelation: "Metering Point → Delete Relation",
  getTimeSeries: "Time Series → Get",
  getCharges: "Charges → Get",
  exportTimeSeriesCsv: "Export → Time Series CSV",
  listAuthorizations: "Authorization → Get Many",
  listAuthorizedMeteringPoints: "Authorization → Get Metering Points",
  listAuthorizedMeteringPointIds: "Authorization → Get Metering Point IDs",
};
const FIELDS: Record<string, string> = {
  from: "From",
  to: "To",
  meteringPointIds: "Metering Points",
  meteringPointId: "Metering Point",
  aggregation: "Aggregation",
  webAccessCode: "Web Access Code",
  scope: "Scope",
  identifier: "Scope ID",
};

export const vocabulary: ErrorVocabulary = {
  operation: (name) => OPERATIONS[name] ?? name,
  field: (name) => `"${FIELDS[name] ?? name}"`,
};

/** True for an error the user fixes in the node's parameters (nothing was sent). */
export function isInputError(error: unknown): boolean {
  return isEloverblikError(error) && error.code === "INVALID_INPUT";
}

/**
 * Any error as n8n's own: invalid input as a NodeOperationError, everything Eloverblik answered
 * as a NodeApiError with its HTTP code; both with the item index and the client's message and
 * advice. The original error is not attached (its text is already scrubbed of tokens, and n8n
 * shows nothing more from it).
 */
export function toNodeError(
  node: INode,
  error: unknown,
  itemIndex?: number,
): NodeApiError | NodeOperationError {
  if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
  const described = describeError(error, vocabulary);
  const description = described.advice.join(" ") || undefined;
  const at = itemIndex === undefined ? {} : { itemIndex };
  if (isInputError(error) || !isEloverblikError(error)) {
    return new NodeOperationError(node, described.message, { description, ...at });
  }
  const status = error.status;
  return new NodeApiError(node, { code: described.code, message: described.message } as JsonObject, {
    message: described.message,
    description,
    ...(status ? { httpCode: String(status) } : {}),
    ...at,
  });
}

/** An error as one output item for "Continue (using error output)" and "continueOnFail". */
export function errorJson(error: unknown): JsonObject {
  const d = describeError(error, vocabulary);
  return {
    error: d.message,
    code: d.code,
    ...(d.advice.length > 0 ? { advice: d.advice.join(" ") } : {}),
    ...(d.meteringPointId ? { meteringPointId: d.meteringPointId } : {}),
    ...(d.period ? { period: d.period } : {}),
    ...(d.retryAfterSeconds !== undefined ? { retryAfterSeconds: d.retryAfterSeconds } : {}),
    ...(d.correlationId ? { correlationId: d.correlationId } : {}),
  } as JsonObject;
}
