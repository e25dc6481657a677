import { type ApiErrorCodeEntry, apiErrorCodes } from "../generated/error-codes.gen.js";
import type { EloverblikErrorCode } from "./eloverblik-error.js";

export type { ApiErrorCodeEntry };
export { apiErrorCodes };

const byCode = new Map<number, ApiErrorCodeEntry>(apiErrorCodes.map((entry) => [entry.code, entry]));

/** The catalogue entry for one of the API's numeric business codes (10000–60000). */
export function lookupApiErrorCode(code: number): ApiErrorCodeEntry | undefined {
  return byCode.get(code);
}

/**
 * What each of our error codes means for a user and what to do about it. Every surface (client,
 * MCP tools, n8n, Node-RED, CLI) shows these words, so they are kept in one place.
 */
export const errorGuidance: Record<string, { title: string; hint: string }> = {
  INVALID_INPUT: { title: "Invalid input", hint: "Correct the input; nothing was sent to Eloverblik." },
  TOKEN_MISSING: {
    title: "No refresh token is configured",
    hint: "Create one on eloverblik.dk (log in with MitID → Datadeling → Opret token).",
  },
  TOKEN_INVALID: {
    title: "The refresh token is not usable",
    hint: "Copy the whole refresh token from eloverblik.dk (Datadeling → Opret token): one long line in three parts separated by dots.",
  },
  TOKEN_REFUSED: {
    title: "Eloverblik refused the refresh token",
    hint: "It is revoked, expired or not a refresh token for this API: create a new one on eloverblik.dk (Datadeling → Opret token) and use it instead.",
  },
  UNAUTHORIZED: {
    title: "Eloverblik did not accept the token",
    hint: "Create a new refresh token on eloverblik.dk (Datadeling → Opret token) and use it instead.",
  },
  FORBIDDEN: {
    title: "Eloverblik refused access",
    hint: "Check that the token is a refresh token for this API and that you have access to the metering point.",
  },
  TOKEN_EXPIRED: {
    title: "The refresh token has expired",
    hint: "Create a new refresh token on eloverblik.dk (Datadeling → Opret token); they last about a year.",
  },
  WRONG_TOKEN_TYPE: {
    title: "The token is of the wrong type",
    hint: "Use a refresh token created on eloverblik.dk for this API (Customer or Third Party), not a data-access token.",
  },
  RATE_LIMITED: {
    title: "Eloverblik's rate limit was reached",
    hint: "Wait a minute before retrying; fetch fewer metering points or shorter periods per run.",
  },
  DATAHUB_UNAVAILABLE: {
    title: "DataHub is unavailable or overloaded",
    hint: "Retry in a minute or two; Energinet answers 503 when DataHub is busy.",
  },
  BAD_REQUEST: {
    title: "Eloverblik rejected the request",
    hint: "Check the metering point ids and the period.",
  },
  NOT_FOUND: {
    title: "Not found",
    hint: "Check the metering point id, or whether you have a relation to it.",
  },
  NOT_AVAILABLE: {
    title: "The endpoint is not available",
    hint: "Energinet has not enabled this endpoint; the current charges, tariffs included, are available instead.",
  },
  ENDPOINT_WITHDRAWN: {
    title: "Energinet has withdrawn this endpoint",
    hint: "Meter readings are no longer served; the time series give the same consumption.",
  },
  API_ERROR: { title: "Eloverblik reported an error", hint: "See the API code and message for details." },
  NETWORK: { title: "Network error", hint: "Check the connection to api.eloverblik.dk and retry." },
  TIMEOUT: { title: "The request timed out", hint: "Retry with fewer metering points or a shorter period." },
  ABORTED: { title: "The operation was cancelled", hint: "Nothing more will be sent for this operation." },
  UNEXPECTED_RESPONSE: {
    title: "Eloverblik sent a response we could not read",
    hint: "Retry later; if it persists, report it with the correlation id.",
  },
};

/** Maps an API business code to our error code. */
export function errorCodeForApiCode(apiCode: number): EloverblikErrorCode {
  if (apiCode === 20008 || apiCode === 20010) return "NOT_FOUND";
  if (apiCode === 20012 || apiCode === 20001 || apiCode === 30006 || apiCode === 30010) return "FORBIDDEN";
  if (apiCode === 50000) return "WRONG_TOKEN_TYPE";
  if (apiCode === 50001) return "UNAUTHORIZED";
  if (apiCode >= 20000 && apiCode < 40000) return "BAD_REQUEST";
  return "API_ERROR";
}
