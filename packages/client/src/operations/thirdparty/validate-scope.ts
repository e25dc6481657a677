import { describeValue, invalidInput } from "../../errors/eloverblik-error.js";
import { AUTHORIZATION_SCOPES, type AuthorizationScope } from "../../types.js";

/** Checks the scope/identifier pair before a request; the identifier goes into the URL path. */
export function validateScope(scope: unknown, identifier: unknown, operation: string): AuthorizationScope {
  const match = AUTHORIZATION_SCOPES.find((s) => s.toLowerCase() === String(scope).toLowerCase());
  if (!match) {
    throw invalidInput(
      `${operation}: scope must be one of ${AUTHORIZATION_SCOPES.join(", ")}; got ${JSON.stringify(scope)}.`,
    );
  }
  // The identifier becomes one path segment: "." or "..", slashes, percent-escapes or other
  // characters outside letters, digits and - _ : @ could make the request go to another path.
  if (
    typeof identifier !== "string" ||
    !/^[A-Za-z0-9_:@-][A-Za-z0-9._:@-]{0,99}$/.test(identifier.trim()) ||
    /^\.+$/.test(identifier.trim())
  ) {
    throw invalidInput(
      `${operation}: identifier must be a ${match} of letters, digits and - _ . : @ (at most 100, not starting with a dot); got ${describeValue(identifier)}.`,
    );
  }
  if (match === "customerCVR" && !/^\d{8}$/.test(identifier.trim())) {
    throw invalidInput(`${operation}: a customerCVR is 8 digits; got ${JSON.stringify(identifier)}.`);
  }
  return match;
}
