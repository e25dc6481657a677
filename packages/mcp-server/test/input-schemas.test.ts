// The input schemas say what the code accepts, and what they say is enforced: a call that breaks
// them is refused by the SDK before the tool runs, so nothing is sent to Eloverblik.
import type { RunningSimulator } from "@eloverblik-kit/simulator/server";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, idsOf, type Session, simClient, startSim, textOf } from "./support/harness.js";

let sim: RunningSimulator;
let s: Session;
let ids: ReturnType<typeof idsOf>;
let tools: Map<string, Tool>;

beforeAll(async () => {
  sim = await startSim();
  ids = idsOf(sim);
  s = await connect({ client: simClient(sim), refreshToken: sim.tokens.customer });
  tools = new Map((await s.client.listTools()).tools.map((t) => [t.name, t]));
});

afterAll(async () => {
  await s.close();
  await sim.close();
});

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema read freely
function property(tool: string, name: string): any {
  const schema = tools.get(tool)?.inputSchema as { properties: Record<string, unknown> };
  return schema.properties[name];
}

describe("advertised", () => {
  it("ids: 18-digit strings, 1 to 10 of them", () => {
    for (const tool of [
      "get_time_series",
      "get_charges",
      "get_metering_point_details",
      "add_relations_by_cpr",
    ]) {
      expect(property(tool, "metering_point_ids"), tool).toMatchObject({
        type: "array",
        minItems: 1,
        maxItems: 10,
        items: { type: "string", pattern: "^\\d{18}$" },
      });
    }
    expect(property("delete_relation", "metering_point_id")).toMatchObject({ pattern: "^\\d{18}$" });
  });

  it("dates, page sizes and the web access code", () => {
    for (const tool of ["get_time_series", "get_consumption_profile", "estimate_grid_charges"]) {
      expect(property(tool, "from"), tool).toMatchObject({
        type: "string",
        pattern: "^\\d{4}-\\d{2}-\\d{2}$",
      });
      expect(property(tool, "to"), tool).toMatchObject({ type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" });
    }
    expect(property("get_time_series", "page_size")).toMatchObject({
      type: "integer",
      minimum: 1,
      maximum: 500,
    });
    expect(property("add_relation_by_web_access_code", "web_access_code")).toMatchObject({
      type: "string",
      pattern: "^[A-Za-z0-9]{8}$",
    });
  });

  it("no argument beyond those listed, on every tool", () => {
    for (const tool of tools.values()) {
      expect(tool.inputSchema, tool.name).toMatchObject({ type: "object", additionalProperties: false });
      expect(tool.inputSchema, tool.name).not.toHaveProperty("$schema");
    }
  });
});

describe("enforced before anything is sent", () => {
  const period = { from: "2026-01-05", to: "2026-01-07" };
  const cases: Array<[string, string, () => Record<string, unknown>, RegExp]> = [
    [
      "an unknown argument",
      "get_time_series",
      () => ({ metering_point_ids: [ids.household], ...period, metering_point: ids.household }),
      /Unrecognized key\(s\) in object: 'metering_point'/,
    ],
    [
      "an unknown argument to a tool without arguments",
      "api_status",
      () => ({ verbose: true }),
      /Unrecognized key/,
    ],
    [
      "a 17-digit id",
      "get_charges",
      () => ({ metering_point_ids: ["57131318010000000"] }),
      /exactly 18 digits[\s\S]* at metering_point_ids\[0\]/,
    ],
    [
      "no ids",
      "get_metering_point_details",
      () => ({ metering_point_ids: [] }),
      /at least one metering point id/,
    ],
    [
      "eleven ids",
      "get_charges",
      () => ({ metering_point_ids: Array.from({ length: 11 }, () => ids.household) }),
      /At most 10 metering points per call/,
    ],
    [
      "a date in another form",
      "get_consumption_profile",
      () => ({ metering_point_ids: [ids.household], from: "05-01-2026" }),
      /`from` is a Danish local date written YYYY-MM-DD at from/,
    ],
    [
      "a `to` with a time",
      "estimate_grid_charges",
      () => ({ metering_point_ids: [ids.household], from: "2026-01-05", to: "2026-01-07T00:00" }),
      /`to` is a Danish local date written YYYY-MM-DD at to/,
    ],
    [
      "page_size above its maximum",
      "get_time_series",
      () => ({ metering_point_ids: [ids.household], ...period, include_points: true, page_size: 501 }),
      /less than or equal to 500 at page_size/,
    ],
    [
      "a web access code of 7 characters",
      "add_relation_by_web_access_code",
      () => ({ metering_point_id: ids.neighbour, web_access_code: "ABC1234" }),
      /exactly 8 letters or digits[^\n]* at web_access_code/,
    ],
    [
      "a web access code with a space",
      "add_relation_by_web_access_code",
      () => ({ metering_point_id: ids.neighbour, web_access_code: "ABC 1234" }),
      /exactly 8 letters or digits/,
    ],
  ];
  for (const [name, tool, args, message] of cases) {
    it(`${tool}: ${name}`, async () => {
      const before = sim.simulator.requests.length;
      const r = await s.call(tool, args());
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/Input validation error/);
      expect(textOf(r)).toMatch(message);
      expect(sim.simulator.requests.length).toBe(before);
    });
  }

  it("the prompt's arguments too", async () => {
    await expect(
      s.client.getPrompt({ name: "consumption_review", arguments: { metering_point_id: "123" } }),
    ).rejects.toThrow(/exactly 18 digits/);
    await expect(
      s.client.getPrompt({ name: "consumption_review", arguments: { from: "last year" } }),
    ).rejects.toThrow(/YYYY-MM-DD/);
    const ok = await s.client.getPrompt({
      name: "consumption_review",
      arguments: { metering_point_id: ids.household, from: "2025-01-01", to: "2026-01-01" },
    });
    expect(JSON.stringify(ok.messages)).toContain(ids.household);
  });
});
