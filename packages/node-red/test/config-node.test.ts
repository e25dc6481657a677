import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { config, credentials, helper, load, type Msg, next, useNodeRed } from "./support.js";

const state = useNodeRed();

function flow() {
  return [
    config(state.sim),
    {
      id: "n1",
      type: "eloverblik-time-series",
      server: "cfg",
      period: "yesterday",
      aggregation: "Day",
      output: "points",
      wires: [["out"]],
    },
    { id: "out", type: "helper" },
  ];
}

const tokenCalls = () => state.sim.simulator.requests.filter((r) => r.operation === "getToken").length;
const tokenDir = () => join(state.userDir, ".eloverblik-kit", "tokens");

describe("eloverblik-config", () => {
  it("keeps the data-access token across a restart in a 0600 file that names neither token", async () => {
    let loaded = await load(flow(), credentials(state.sim));
    let got = next(loaded.node, loaded.out);
    loaded.node.receive({});
    await got;
    expect(tokenCalls()).toBe(1);

    const files = readdirSync(tokenDir());
    expect(files).toHaveLength(1);
    const file = join(tokenDir(), files[0]!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(tokenDir()).mode & 0o777).toBe(0o700);
    const stored = JSON.parse(readFileSync(file, "utf8")) as { accessToken: string };
    expect(files[0]).not.toContain(state.sim.tokens.customer.slice(0, 16));
    expect(readFileSync(file, "utf8")).not.toContain(state.sim.tokens.customer);

    // A restart: a new runtime with the same user directory, nothing in memory but the file.
    await helper.unload();
    await new Promise((resolve) => helper.stopServer(resolve));
    await new Promise((resolve) => helper.startServer(resolve));
    loaded = await load(flow(), credentials(state.sim));
    got = next(loaded.node, loaded.out);
    loaded.node.receive({});
    const msg = await got;
    expect(tokenCalls()).toBe(1);

    // No token in the message, in a status or in a log line.
    const seen =
      JSON.stringify(msg) + JSON.stringify(loaded.node.status.args) + JSON.stringify(helper.log().args);
    expect(seen).not.toContain(state.sim.tokens.customer);
    expect(seen).not.toContain(stored.accessToken);
  });

  it("reports a missing refresh token through done(err), which a Catch node receives", async () => {
    await helper.load(
      (await import("../src/index.js")).register,
      [
        ...flow(),
        { id: "c1", type: "catch", scope: null, uncaught: false, wires: [["caught"]] },
        { id: "caught", type: "helper" },
      ],
      {},
    );
    const node = helper.getNode("n1");
    const caught = helper.getNode("caught");
    const got = new Promise<Msg>((resolve) => caught.on("input", resolve));
    node.receive({});
    const msg = await got;
    expect(msg.error.code).toBe("TOKEN_MISSING");
    expect(msg.error.message).toMatch(/no refresh token.*eloverblik\.dk/i);
    expect(msg.eloverblikError.tokenProblem).toBe(true);
    expect(tokenCalls()).toBe(0);
  });
});
