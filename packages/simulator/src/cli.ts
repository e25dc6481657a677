import { parseArgs } from "node:util";
import packageJson from "../package.json" with { type: "json" };
import { CONTROL_PATH } from "./control-endpoints.js";
import { type RunningSimulator, startSimulator } from "./http-server.js";
import type { LimitsOption } from "./limits/limits.js";
import { parseScenario, SCENARIO_PRESETS } from "./scenario-presets.js";

/** Breaks a list into lines of at most `width` characters, each indented by `indent` spaces. */
function wrap(text: string, indent: number, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines.map((l) => `${" ".repeat(indent)}${l}`).join("\n");
}

/** This package's version, as `--version` prints it. */
export const VERSION: string = packageJson.version;

export const USAGE = `Usage: eloverblik-simulator [options]

A local, offline fake of Energinet's Eloverblik Customer and Third Party APIs.

Options:
  --port <n>         Port to listen on (default 8080; 0 picks a free one)
  --host <address>   Address to bind (default 127.0.0.1, loopback only)
  --seed <n>         Seed for ids and data (default 1). The same seed gives the same ids and data;
                     the printed tokens change per start, but tokens from the same seed keep working
  --scenario <list>  Comma-separated presets or a JSON scenario object; the presets are
${wrap(Object.keys(SCENARIO_PRESETS).join(", "), 21, 100)}
  --limits <name>    Rate limits: current (2/120/1200 per minute, default), 2024 (1/25/400) or off
  --version          Print the version and exit
  --help             Show this text
`;

/**
 * Starts the simulator from command-line arguments and prints how to use it. Returns undefined
 * for --help and --version. Throws on bad arguments.
 */
export async function runCli(
  args: string[],
  write: (text: string) => void,
): Promise<RunningSimulator | undefined> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: "8080" },
      host: { type: "string", default: "127.0.0.1" },
      seed: { type: "string", default: "1" },
      scenario: { type: "string" },
      limits: { type: "string", default: "current" },
      help: { type: "boolean", default: false },
      version: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    write(USAGE);
    return undefined;
  }
  if (values.version) {
    write(`${VERSION}\n`);
    return undefined;
  }
  const port = Number(values.port);
  const seed = Number(values.seed);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0–65535, got ${values.port}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got ${values.seed}`);
  if (!["current", "2026", "2024", "off"].includes(values.limits)) {
    throw new Error(`--limits must be current, 2024 or off, got ${values.limits}`);
  }
  const running = await startSimulator({
    port,
    host: values.host,
    seed,
    limits: values.limits as LimitsOption,
    ...(values.scenario === undefined ? {} : { scenario: parseScenario(values.scenario) }),
  });
  const { url, tokens, simulator } = running;
  const lines = [
    `Eloverblik simulator listening on ${url} (seed ${seed}, limits ${values.limits})`,
    "",
    "Customer API refresh token:",
    tokens.customer,
    "",
    "Third Party API refresh token:",
    tokens.thirdparty,
    "",
    "Point your tools at it:",
    `  client:   createEloverblik({ api: "customer", refreshToken: "<customer token>", baseUrl: "${url}" })`,
    `  n8n:      Eloverblik credential → Base URL ${url}, Refresh Token <token above> (once released)`,
    `  Node-RED: eloverblik-config node → Base URL ${url}, Refresh token <token above> (once released)`,
    `  curl:     curl -H "Authorization: Bearer <customer token>" ${url}/customerapi/api/token`,
    "",
    `Control endpoints (from this machine only), ${url}${CONTROL_PATH}:`,
    `  state:    curl ${url}${CONTROL_PATH}`,
    `  scenario: curl -X POST ${url}${CONTROL_PATH}/scenario -d '{"preset":"outage"}'`,
    `  reset:    curl -X POST ${url}${CONTROL_PATH}/reset`,
    "",
    "Metering points:",
    ...Object.values(simulator.meteringPoints).map(
      (mp) => `  ${mp.id}  ${mp.role.padEnd(16)} ${mp.description}`,
    ),
    `  (web access code of the neighbour's flat: ${simulator.meteringPoints.neighbour.webAccessCode})`,
    "",
    "Press Ctrl-C to stop.",
  ];
  write(`${lines.join("\n")}\n`);
  return running;
}
