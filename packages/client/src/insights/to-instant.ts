import { invalidInput } from "../errors/eloverblik-error.js";

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Epoch ms of an instant given as epoch ms or as an ISO 8601 instant with a zone (what every
 * TimeSeriesPoint carries). A string without a zone is refused: read as local time it would be
 * wrong by one or two hours, and the layer never guesses.
 */
export function toInstant(instant: number | string, name = "instant"): number {
  if (typeof instant === "number" && Number.isFinite(instant)) return instant;
  if (typeof instant === "string" && INSTANT_RE.test(instant)) {
    const ms = Date.parse(instant);
    if (!Number.isNaN(ms)) return ms;
  }
  const shown =
    typeof instant === "string"
      ? JSON.stringify(instant.length > 40 ? `${instant.slice(0, 40)}…` : instant)
      : instant === null
        ? "null"
        : typeof instant === "number"
          ? String(instant)
          : typeof instant;
  throw invalidInput(
    `${name} must be epoch milliseconds or an ISO 8601 instant with a zone (e.g. 2025-10-26T01:00:00Z); got ${shown}.`,
  );
}
