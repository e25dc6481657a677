import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningSimulator, startSimulator } from "@eloverblik-kit/simulator/server";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { register } from "../src/index.js";

const DAY_MS = 86_400_000;
const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: node-red-node-test-helper has no types
export const helper: any = require("node-red-node-test-helper");
helper.init(require.resolve("node-red"));

// biome-ignore lint/suspicious/noExplicitAny: tests read the payload field by field
export type Msg = Record<string, any>;

export interface TestNode {
  id: string;
  receive(msg: Msg): void;
  // biome-ignore lint/suspicious/noExplicitAny: the helper emits messages and spy calls
  on(event: string, listener: (value: any) => void): void;
  status: { args: unknown[][] };
}

/**
 * A simulator on loopback and a Node-RED runtime (the real one, through the test helper) per test,
 * with a user directory of its own so the token files of one test never reach another.
 */
export function useNodeRed(
  options: { settings?: Record<string, unknown>; simulator?: Parameters<typeof startSimulator>[0] } = {},
) {
  const state = {} as { sim: RunningSimulator; userDir: string };
  beforeAll(async () => {
    // Energinet (and so the simulator) serves a day one to three days after it ends; two days ahead,
    // the simulator has "yesterday" (by the runtime's clock) for every metering point.
    state.sim = await startSimulator({
      port: 0,
      seed: 1,
      clock: () => Date.now() + 2 * DAY_MS,
      ...options.simulator,
    });
  });
  afterAll(async () => {
    await state.sim.close();
  });
  beforeEach(async () => {
    state.userDir = mkdtempSync(join(tmpdir(), "eloverblik-node-red-"));
    helper.settings({ userDir: state.userDir, ...options.settings });
    await new Promise((resolve) => helper.startServer(resolve));
  });
  afterEach(async () => {
    await helper.unload();
    await new Promise((resolve) => helper.stopServer(resolve));
    state.sim.simulator.reset();
    rmSync(state.userDir, { recursive: true, force: true });
  });
  return state;
}

export function config(sim: RunningSimulator, api: "customer" | "thirdparty" = "customer") {
  return { id: "cfg", type: "eloverblik-config", name: "simulator", api, baseUrl: sim.url };
}

export function credentials(sim: RunningSimulator, api: "customer" | "thirdparty" = "customer") {
  return { cfg: { refreshToken: sim.tokens[api] } };
}

/** Loads a flow of `[node] → helper "out"` (plus anything else given) and returns both nodes. */
export async function load(
  flow: Array<Record<string, unknown>>,
  creds: Record<string, unknown>,
): Promise<{ node: TestNode; out: TestNode }> {
  // Several flows in one test: each replaces the one before, as a deploy does.
  await helper.unload();
  await helper.load(register, flow, creds);
  return { node: helper.getNode("n1"), out: helper.getNode("out") };
}

/** The next message `out` receives, or the error the node under test reported. */
export function next(node: TestNode, out: TestNode): Promise<Msg> {
  return new Promise((resolve, reject) => {
    out.on("input", resolve);
    node.on("call:error", (call: { args: unknown[] }) => reject(call.args[0]));
  });
}

export function statusTexts(node: TestNode): string[] {
  return node.status.args.map((a) => String((a[0] as { text?: string }).text ?? ""));
}
