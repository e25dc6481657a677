// The tools that change the account: delete_relation asks the user through the host when the
// host can show a confirmation (elicitation), and --read-only leaves every write tool out.
import type { RunningSimulator } from "@eloverblik-kit/simulator/server";
import { ElicitRequestSchema, type ElicitResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toolNamesFor } from "../src/index.js";
import { connect, data, idsOf, simClient, startSim, textOf } from "./support/harness.js";

let sim: RunningSimulator;
let ids: ReturnType<typeof idsOf>;

beforeAll(async () => {
  sim = await startSim();
  ids = idsOf(sim);
});

afterAll(async () => {
  await sim.close();
});

const WRITE_TOOLS = ["add_relation_by_web_access_code", "add_relations_by_cpr", "delete_relation"];
const deleteRequests = () =>
  sim.simulator.requests.filter((r) => r.method === "DELETE" && /\/relation\//i.test(r.path)).length;

/** A session whose host shows confirmations and answers them with `answer`. */
async function withHost(answer: (message: string) => ElicitResult) {
  const s = await connect({ client: simClient(sim), refreshToken: sim.tokens.customer }, { elicitation: {} });
  const asked: string[] = [];
  s.client.setRequestHandler(ElicitRequestSchema, async (request) => {
    asked.push(request.params.message);
    return answer(request.params.message);
  });
  return { s, asked };
}

describe("delete_relation asks for confirmation where the host can", () => {
  it("declined: nothing is sent, and the answer says so", async () => {
    const { s, asked } = await withHost(() => ({ action: "decline" }));
    try {
      const before = deleteRequests();
      const r = await s.call("delete_relation", { metering_point_id: ids.production });
      expect(asked).toHaveLength(1);
      expect(asked[0]).toMatch(new RegExp(`Unlink metering point ${ids.production}`));
      expect(r.isError).toBeFalsy();
      expect(data(r)).toEqual({ meteringPointId: ids.production, deleted: false, declined: true });
      expect(textOf(r)).toMatch(/did not confirm[\s\S]*stays linked/);
      expect(deleteRequests()).toBe(before);
    } finally {
      await s.close();
    }
  });

  it("accepted without ticking the box counts as declined", async () => {
    const { s } = await withHost(() => ({ action: "accept", content: { confirm: false } }));
    try {
      const before = deleteRequests();
      const r = await s.call("delete_relation", { metering_point_id: ids.production });
      expect(data(r)).toMatchObject({ deleted: false, declined: true });
      expect(deleteRequests()).toBe(before);
    } finally {
      await s.close();
    }
  });

  it("confirmed: the link is removed", async () => {
    const { s, asked } = await withHost(() => ({ action: "accept", content: { confirm: true } }));
    try {
      expect(
        (await s.call("add_relations_by_cpr", { metering_point_ids: [ids.cprOnly] })).isError,
      ).toBeFalsy();
      const before = deleteRequests();
      const r = await s.call("delete_relation", { metering_point_id: ids.cprOnly });
      expect(asked).toHaveLength(1);
      expect(r.isError).toBeFalsy();
      expect(data(r)).toEqual({ meteringPointId: ids.cprOnly, deleted: true });
      expect(deleteRequests()).toBe(before + 1);
    } finally {
      await s.close();
    }
  });

  it("a host without elicitation is not asked: the tool's description tells the assistant to ask", async () => {
    const s = await connect({ client: simClient(sim), refreshToken: sim.tokens.customer });
    try {
      const { tools } = await s.client.listTools();
      expect(tools.find((t) => t.name === "delete_relation")?.description).toMatch(
        /otherwise ask the user first/,
      );
      const link = await s.call("add_relations_by_cpr", { metering_point_ids: [ids.cprOnly] });
      expect(link.isError).toBeFalsy();
      const r = await s.call("delete_relation", { metering_point_id: ids.cprOnly });
      expect(data(r)).toMatchObject({ deleted: true });
    } finally {
      await s.close();
    }
  });
});

describe("read-only", () => {
  it("lists no write tool, and refuses a call to one", async () => {
    expect(toolNamesFor("customer", true)).toEqual(
      toolNamesFor("customer").filter((name) => !WRITE_TOOLS.includes(name)),
    );
    const s = await connect({ client: simClient(sim), refreshToken: sim.tokens.customer, readOnly: true });
    try {
      const names = (await s.client.listTools()).tools.map((t) => t.name);
      expect(names).toContain("get_time_series");
      for (const tool of WRITE_TOOLS) expect(names).not.toContain(tool);
      const before = deleteRequests();
      const r = await s.call("delete_relation", { metering_point_id: ids.production });
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/Tool delete_relation not found/);
      expect(deleteRequests()).toBe(before);
    } finally {
      await s.close();
    }
  });
});
