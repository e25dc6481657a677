import { isEloverblikError, isTokenError } from "@eloverblik-kit/client";

/** The exit codes a script can rely on (README: "Exit codes"). */
export const EXIT = {
  ok: 0,
  error: 1,
  usage: 2,
  partial: 3,
  token: 4,
  unavailable: 5,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A mistake on the command line (unknown option, missing argument, bad value) found by the CLI itself. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Eloverblik could not answer now: waiting and trying again is what helps. */
const UNAVAILABLE = new Set(["RATE_LIMITED", "DATAHUB_UNAVAILABLE", "NETWORK", "TIMEOUT"]);

/** The one place where an error becomes an exit code. */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UsageError) return EXIT.usage;
  if (!isEloverblikError(error)) return EXIT.error;
  const { code } = error;
  if (code === "ABORTED") return EXIT.interrupted;
  if (isTokenError(error) || code === "UNAUTHORIZED") return EXIT.token;
  if (code === "INVALID_INPUT") return EXIT.usage;
  if (UNAVAILABLE.has(code)) return EXIT.unavailable;
  return EXIT.error;
}
