import { describeError, type ErrorVocabulary, type ItemResult } from "@eloverblik-kit/client";
import { EXIT, type ExitCode, exitCodeFor, UsageError } from "./exit-codes.js";
import type { Io } from "./io.js";
import type { Format } from "./output.js";

/** The client's operations and inputs under the names a CLI user types. */
const COMMANDS: Record<string, string> = {
  addRelations: "`eloverblik relation add`",
  addRelationByWebAccessCode: "`eloverblik relation add --code`",
  deleteRelation: "`eloverblik relation remove`",
  getCharges: "`eloverblik charges`",
  getTimeSeries: "`eloverblik time-series`",
  getDetails: "`eloverblik details`",
  listMeteringPoints: "`eloverblik metering-points`",
  listAuthorizations: "`eloverblik authorizations`",
  listAuthorizedMeteringPoints: "`eloverblik metering-points`",
  exportTimeSeriesCsv: "`eloverblik export time-series`",
};
const OPTIONS: Record<string, string> = {
  from: "--from",
  to: "--to",
  aggregation: "--aggregation",
  webAccessCode: "--code",
  meteringPointIds: "the metering point ids",
  meteringPointId: "the metering point id",
};

export const cliVocabulary: ErrorVocabulary = {
  operation: (name) => COMMANDS[name] ?? name,
  field: (name) => OPTIONS[name] ?? `\`${name}\``,
};

/** An error as data: what `--format json` writes to stderr. Never carries a token. */
export function errorRecord(error: unknown, exitCode: ExitCode = exitCodeFor(error)) {
  if (error instanceof UsageError) {
    return {
      code: "USAGE",
      title: "Invalid command line",
      message: error.message,
      advice: ["Run `eloverblik --help` or `eloverblik <command> --help`."],
      exitCode,
    };
  }
  const d = describeError(error, cliVocabulary);
  return {
    code: d.code,
    title: d.title,
    message: d.message,
    advice: d.advice,
    exitCode,
    ...(d.meteringPointId ? { meteringPointId: d.meteringPointId } : {}),
    ...(d.period ? { period: d.period } : {}),
    ...(d.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: d.retryAfterSeconds }),
    ...(d.apiCode === undefined ? {} : { apiCode: d.apiCode }),
    ...(d.correlationId ? { correlationId: d.correlationId } : {}),
  };
}

/** Says what went wrong on stderr (as JSON with `--format json`), and returns the exit code. */
export function reportError(io: Io, format: Format | undefined, error: unknown): ExitCode {
  const record = errorRecord(error);
  if (format === "json" || format === "ndjson") {
    io.err(JSON.stringify({ error: record }));
  } else {
    const lines = [`eloverblik: ${record.title} (${record.code}).`, record.message];
    if (record.advice.length > 0) lines.push(`What to do: ${record.advice.join(" ")}`);
    if ("correlationId" in record)
      lines.push(`Correlation id for Energinet support: ${record.correlationId}.`);
    io.err(lines.join("\n"));
  }
  return record.exitCode;
}

/**
 * Names every metering point (and period) that failed on stderr and gives the exit code: 3 when
 * some succeeded, the failure's own code (token 4, unavailable 5, …) when all failed, 0 when none.
 */
export function reportFailures(
  io: Io,
  format: Format | undefined,
  results: readonly ItemResult<unknown>[],
  what = "metering point",
): ExitCode {
  const failed = results.filter((r) => !r.ok);
  if (failed.length === 0) return EXIT.ok;
  const records = failed.map((r) => ({ meteringPointId: r.id, ...errorRecord(r.ok ? undefined : r.error) }));
  const code: ExitCode = failed.length < results.length ? EXIT.partial : (records[0]?.exitCode ?? EXIT.error);
  if (format === "json" || format === "ndjson") {
    io.err(JSON.stringify({ failures: records.map(({ exitCode: _, ...rest }) => rest), exitCode: code }));
  } else {
    io.err(`eloverblik: ${failed.length} of ${results.length} ${what}(s) failed:`);
    for (const r of records) {
      io.err(`  ${r.meteringPointId}: ${r.title} (${r.code}). ${r.message} ${r.advice.join(" ")}`.trimEnd());
    }
  }
  return code;
}
