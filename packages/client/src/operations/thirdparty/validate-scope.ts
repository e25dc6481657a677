import { invalidInput } from "../../errors/eloverblik-error.js";
import { AUTHORIZATION_SCOPES, type AuthorizationScope } from "../../types.js";

/** Checks the scope/identifier pair before a request; the identifier goes into the URL path. */
export function validateScope(scope: unknown, identifier: unknown, operation: string): AuthorizationScope {
  const match = AUTHORIZATION_SCOPES.find((s) => s.toLowerCase() === String(scope).toLowerCase());
  if (!match) {
    throw invalidInput(
      `${operation}: scope must be one of ${AUTHORIZATION_SCOPES.join(", ")}; got ${JSON.stringify(scope)}.`,
    );
  }
  if (typeof identifier !== "string" || !identifier.trim() || /[/?#\s]/.test(identifier.trim())) {
    throw invalidInput(`${operation}: identifier must be a non-empty ${match} without slashes or spaces.`);
  }
  if (match === "customerCVR" && !/^\d{8}$/.test(identifier.trim())) {
    throw invalidInput(`${operation}: a customerCVR is 8 digits; got ${JSON.stringify(identifier)}.`);
  }
  return match;
}
