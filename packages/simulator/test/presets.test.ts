import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { USAGE } from "../src/cli.js";
import { validateScenario } from "../src/model/scenario.js";
import { type RunningSimulator, SCENARIO_PRESETS, startSimulator } from "../src/server.js";
import { body, caller } from "./support.js";

const README = readFileSync(new URL("../README.md", import.meta.url), "utf8");

/** The rows of the README's preset table: name and the JSON it says the preset sets. */
function documentedPresets(): Map<string, string> {
  const table = README.slice(
    README.indexOf("### Presets"),
    README.indexOf("\n## ", README.indexOf("### Presets")),
  );
  const rows = new Map<string, string>();
  for (const match of table.matchAll(/^\| `([a-z0-9-]+)` +\| `(\{.*?\})` +\|/gm)) {
    rows.set(match[1] as string, match[2] as string);
  }
  return rows;
}

describe("scenario presets", () => {
  it("are each documented in the README with exactly what they set", () => {
    const rows = documentedPresets();
    expect([...rows.keys()]).toEqual(Object.keys(SCENARIO_PRESETS));
    for (const [name, preset] of Object.entries(SCENARIO_PRESETS)) {
      validateScenario(preset);
      expect(rows.get(name), name).toBe(JSON.stringify(preset));
    }
  });

  it("are all listed by --help", () => {
    const flat = USAGE.replace(/\s+/g, " ");
    for (const name of Object.keys(SCENARIO_PRESETS)) expect(flat).toContain(` ${name}`);
    for (const line of USAGE.split("\n")) expect(line.length, line).toBeLessThanOrEqual(100);
  });
});

describe("fault presets through the control endpoint", () => {
  let server: RunningSimulator | undefined;
  afterEach(async () => server?.close());

  it("truncated-token cuts the next token answer and leaves data calls whole", async () => {
    server = await startSimulator({ limits: "off" });
    const api = caller(server.url);
    const token = server.simulator.issueDataAccessToken({ api: "customer" });
    const set = await api("POST", "/__simulator/scenario", { rawBody: '{"preset":"truncated-token"}' });
    expect(set.json).toMatchObject({ scenario: { malformedJson: { calls: 1, operation: "token" } } });
    const details = "/customerapi/api/meteringpoints/meteringpoint/getdetails";
    const id = server.simulator.meteringPoints.household.id;
    expect((await api("POST", details, { token, body: body(id) })).json).toBeDefined();
    const cut = await api("GET", "/thirdpartyapi/api/token", { token: server.tokens.thirdparty });
    expect(cut.status).toBe(200);
    expect(cut.json).toBeUndefined();
    const whole = await api("GET", "/customerapi/api/token", { token: server.tokens.customer });
    expect(whole.json).toMatchObject({ result: expect.any(String) });
  });

  it("rate-limited-no-retry-after answers the next call 429 without the header", async () => {
    server = await startSimulator({ limits: "off" });
    const api = caller(server.url);
    await api("POST", "/__simulator/scenario", { rawBody: '{"preset":"rate-limited-no-retry-after"}' });
    const refused = await api("GET", "/customerapi/api/isalive");
    expect(refused.status).toBe(429);
    expect(refused.headers.has("retry-after")).toBe(false);
    expect((await api("GET", "/customerapi/api/isalive")).status).toBe(200);
  });
});
