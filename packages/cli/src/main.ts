import { Command, CommanderError, Option } from "commander";
import { costCommand } from "./commands/cost.js";
import {
  chargeLinksCommand,
  chargesCommand,
  detailsCommand,
  exportCommand,
  relationAddCommand,
  relationRemoveCommand,
  timeSeriesCommand,
} from "./commands/data.js";
import { authorizationsCommand, meteringPointsCommand } from "./commands/listing.js";
import { reportCommand } from "./commands/report.js";
import { loginCommand, logoutCommand, statusCommand, tokenInfoCommand } from "./commands/token.js";
import { EXIT, type ExitCode, UsageError } from "./exit-codes.js";
import type { Io } from "./io.js";
import type { Format } from "./output.js";
import { reportError } from "./problems.js";
import { createRuntime, type GlobalOptions, type Runtime } from "./runtime.js";
import { VERSION } from "./version.js";

const EXIT_TABLE = `
Exit codes:
  0    ok
  1    error
  2    usage or invalid input (nothing was sent)
  3    partial: some metering points or periods failed (named on stderr)
  4    token missing, expired or refused
  5    rate-limited, or Eloverblik unavailable or unreachable
  130  interrupted (Ctrl-C)

Environment:
  ELOVERBLIK_REFRESH_TOKEN  refresh token (else the OS keychain, else the file from \`eloverblik login\`)
  ELOVERBLIK_API            customer (default) or thirdparty
  ELOVERBLIK_BASE_URL       default https://api.eloverblik.dk
  ENERGI_DATA_SERVICE_BASE_URL  default https://api.energidataservice.dk (prices for \`eloverblik cost\`;
                            published prices are cached under $XDG_CACHE_HOME/eloverblik-kit/prices)
  ELOVERBLIK_KEYCHAIN=off   never use the OS keychain (a 0600 file instead)
  ELOVERBLIK_REDIS_URL      redis://host:port: share the rate limit and the data-access token with
                            every process using this Redis (the quota is per IP address)
  ELOVERBLIK_REDIS_PROCESSES  processes sharing the quota (each one's share while Redis is away)
`;

/** `--format json` as typed, found before parsing so that usage errors are JSON too. */
function formatInArgv(argv: readonly string[]): Format | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--format") return argv[i + 1] as Format;
    if (a.startsWith("--format=")) return a.slice(9) as Format;
  }
  return undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: each command declares its own positional arguments and options.
type Handler = (rt: Runtime, ...args: any[]) => Promise<ExitCode>;

export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: Io,
  signal: AbortSignal,
): Promise<number> {
  let exitCode: number = EXIT.ok;
  let runtime: Runtime | undefined;
  const typedFormat = formatInArgv(argv);

  const run =
    (handler: Handler) =>
    async (...args: unknown[]) => {
      const command = args.at(-1) as Command;
      const opts = command.optsWithGlobals() as GlobalOptions;
      runtime = createRuntime(opts, env, io, signal);
      // Positional arguments, then the command's own options.
      exitCode = await handler(runtime, ...args.slice(0, -2), command.opts());
    };

  const program = new Command("eloverblik")
    .description("Eloverblik (Energinet DataHub) on the command line: Customer and Third Party APIs.")
    .version(VERSION, "-v, --version")
    .addOption(new Option("--api <api>", "customer or thirdparty (default: the token's, else customer)"))
    .addOption(
      new Option(
        "--format <format>",
        "table (default on a terminal), json (default in a pipe), ndjson or csv",
      ),
    )
    .option("--simulator", "run against a built-in simulator with made-up data; no token needed")
    .option("--base-url <url>", "Eloverblik's address (default https://api.eloverblik.dk)")
    .option("--retries <n>", "attempts per request on 429/503 and network errors (1-10, default 4)")
    .option("--no-progress", "no progress bar on stderr")
    .addHelpText("after", EXIT_TABLE)
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdoutStream.write(s),
      writeErr: (s) => io.stderrStream.write(s),
      outputError: (message, write) => {
        if (typedFormat === "json" || typedFormat === "ndjson") return;
        write(message);
      },
    });

  program
    .command("metering-points")
    .description("list metering points (Customer: linked ones; Third Party: those of your authorizations)")
    .option("--all", "Customer API: also those on your CPR/CVR that are not linked yet")
    .option("--authorization <id>", "Third Party API: of one authorization")
    .option("--cvr <cvr>", "Third Party API: of one customer CVR")
    .option("--customer-key <key>", "Third Party API: of one customer key")
    .action(run(meteringPointsCommand));
  program
    .command("details")
    .description("master data of metering points")
    .argument("<ids...>", "18-digit metering point ids (GSRN)")
    .action(run(detailsCommand));
  program
    .command("time-series")
    .description(
      "meter data as points (UTC and Danish times, quality), any period; split and batched for you",
    )
    .argument("<ids...>", "18-digit metering point ids")
    .option("--period <name>", "yesterday, last-N-days, this-month, last-month, this-year, last-year")
    .option("--from <date>", "first Danish day, YYYY-MM-DD")
    .option("--to <date>", "day after the last, YYYY-MM-DD (exclusive; default the day after --from)")
    .option("--aggregation <a>", "Actual, Quarter, Hour (default), Day, Month or Year")
    .option("--chart [kind]", "draw a terminal chart: hour, day or auto")
    .option("--decimal-comma", "CSV with 0,734 and ; between fields (spreadsheets set to Danish)")
    .action(run(timeSeriesCommand));
  program
    .command("charges")
    .description("subscriptions, fees and tariffs, what is in force now and the day's tariff per hour")
    .argument("<ids...>", "18-digit metering point ids")
    .option("--date <date>", "the day of the tariff table (default today)")
    .action(run(chargesCommand));
  program
    .command("charge-links")
    .description("charge links with charges (the live API answers 404 today)")
    .argument("<ids...>", "18-digit metering point ids")
    .option("--period <name>", "default last-30-days")
    .option("--from <date>", "first Danish day")
    .option("--to <date>", "day after the last")
    .action(run(chargeLinksCommand));
  program
    .command("export")
    .description("Energinet's own CSV exports (Customer API): time-series, master-data or charges")
    .argument("<kind>", "time-series, master-data or charges")
    .argument("<ids...>", "up to 10 metering point ids")
    .option("--period <name>", "time-series: a named period")
    .option("--from <date>", "time-series: first Danish day")
    .option("--to <date>", "time-series: day after the last")
    .option("--aggregation <a>", "time-series: Actual, Quarter, Hour (default), Day, Month or Year")
    .action(run(exportCommand));
  const relation = program.command("relation").description("link or unlink metering points (Customer API)");
  relation
    .command("add")
    .description("link metering points on your CPR/CVR, or one with its web access code")
    .argument("<ids...>", "18-digit metering point ids")
    .option("--code <code>", "the metering point's web access code (8 letters or digits)")
    .action(run(relationAddCommand));
  relation
    .command("remove")
    .description("unlink a metering point")
    .argument("<id>", "18-digit metering point id")
    .action(run(relationRemoveCommand));
  program
    .command("authorizations")
    .description("the authorizations customers gave you (Third Party API)")
    .action(run(authorizationsCommand));
  program
    .command("status")
    .description("whether Eloverblik answers, and which token is used")
    .action(run(statusCommand));
  const token = program.command("token").description("the refresh token");
  token
    .command("info")
    .description("API, name, expiry and where the token is kept (never the token)")
    .action(run(tokenInfoCommand));
  program
    .command("login")
    .description("store a refresh token (read without echo) in the OS keychain or a 0600 file")
    .option("--no-verify", "store without exchanging it once")
    .action(run(loginCommand));
  program
    .command("logout")
    .description("remove the stored refresh token and its cached data-access token")
    .action(run(logoutCommand));
  program
    .command("report")
    .description("the last 30 days hourly of every metering point: a daily table and a chart")
    .option("--period <name>", "another named period (default last-30-days)")
    .option("--from <date>", "first Danish day")
    .option("--to <date>", "day after the last")
    .option("--html <file>", "also write a self-contained HTML page")
    .action(run(reportCommand));
  program
    .command("cost")
    .description(
      "what electricity really cost per day: spot price, grid tariff valid at each hour, Energinet, elafgift, VAT, subscriptions (Energi Data Service)",
    )
    .argument("[ids...]", "18-digit metering point ids (default: every linked one)")
    .option("--period <name>", "a named period (default last-30-days)")
    .option("--from <date>", "first Danish day")
    .option("--to <date>", "day after the last")
    .option("--price-area <area>", "DK1 or DK2 (default: inferred from the postcode)")
    .option("--electric-heating", "the home is electrically heated: reduced elafgift above 4,000 kWh a year")
    .option("--year-to-date <kWh>", "with --electric-heating: kWh used this calendar year before --from")
    .option("--markup <dkk>", "your supplier's markup, DKK/kWh excl. VAT (not in any public data)")
    .option("--supplier-subscription <dkk>", "your supplier's subscription, DKK/month excl. VAT")
    .option("--hourly", "one row per hour (or quarter) instead of per day; with --format csv a CSV")
    .option("--no-chart", "no chart under the table")
    .action(run(costCommand));

  try {
    await program.parseAsync([...argv], { from: "user" });
    if (argv.length === 0) {
      program.outputHelp();
      exitCode = EXIT.usage;
    }
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return EXIT.ok;
      if (error.code === "commander.help") return EXIT.usage;
      const message = error.message.replace(/^error: /, "");
      if (typedFormat === "json" || typedFormat === "ndjson") {
        return reportError(io, typedFormat, new UsageError(message));
      }
      return EXIT.usage;
    }
    exitCode = reportError(io, runtime ? runtime.errorFormat : (typedFormat as Format | undefined), error);
  } finally {
    await runtime?.close();
  }
  return exitCode;
}
