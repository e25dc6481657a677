import { execFile, execFileSync, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { type RunningSimulator, startSimulator } from "@eloverblik-kit/simulator/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, scratchHome } from "./helpers.js";

// A pseudo-terminal as a user has one: tmux when installed, else util-linux `script`.
const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
const hasScript = spawnSync("script", ["--version"]).status === 0;

let sim: RunningSimulator;
const home = scratchHome();
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const envLine = (extra: Record<string, string> = {}) =>
  Object.entries({ ...home.env, ...extra })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${quote(v as string)}`)
    .join(" ");

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 3 });
});
afterAll(async () => {
  await sim.close();
  home.cleanup();
});

/** Runs the command in a pty via `script`: what the terminal received (stdout and stderr). */
async function inPty(
  args: string[],
  extra: Record<string, string> = {},
): Promise<{ text: string; code: number }> {
  const command = `env -i ${envLine({ COLUMNS: "120", ...extra })} ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(" ")}; echo "[exit $?]"`;
  // Asynchronously: the simulator that answers the command runs in this process.
  const { stdout: text } = await promisify(execFile)("script", ["-qec", command, "/dev/null"], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const code = Number(/\[exit (\d+)\]/.exec(text)?.[1] ?? -1);
  return { text, code };
}

describe.skipIf(!hasScript)("in a pseudo-terminal", () => {
  it("shows a table by default", async () => {
    const { text, code } = await inPty(["metering-points"], {
      ELOVERBLIK_REFRESH_TOKEN: sim.tokens.customer,
      ELOVERBLIK_BASE_URL: sim.url,
    });
    expect(code).toBe(0);
    expect(text).toContain("┌");
    expect(text).toContain(sim.simulator.meteringPoints.household.id);
    expect(text).not.toContain(sim.tokens.customer);
    expect(text).not.toMatch(/^\s*\[\s*\{/m);
  });

  it("draws a progress bar for a fetch of several requests, and a chart", async () => {
    const { text, code } = await inPty(
      ["time-series", sim.simulator.meteringPoints.flex.id, "--period", "last-1000-days", "--chart", "day"],
      { ELOVERBLIK_REFRESH_TOKEN: sim.tokens.customer, ELOVERBLIK_BASE_URL: sim.url },
    );
    expect(code).toBe(0);
    expect(text).toMatch(/time series \[.*\] \d\/2 requests/);
    expect(text).toMatch(/kWh per day/);
    expect(text).toMatch(/[┤┼]/);
  });
});

describe.skipIf(!hasTmux)("login in a terminal", () => {
  it("reads the token without echoing it", async () => {
    const session = `eloverblik-login-${process.pid}`;
    const token = sim.simulator.issueRefreshToken({ api: "customer", tokenName: "pty" });
    const tmux = (...args: string[]) => execFileSync("tmux", args, { encoding: "utf8" });
    const screen = () => tmux("capture-pane", "-p", "-t", session);
    const waitFor = async (pattern: RegExp) => {
      for (let i = 0; i < 200; i++) {
        const s = screen();
        if (pattern.test(s)) return s;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`timed out waiting for ${pattern}; screen:\n${screen()}`);
    };
    tmux(
      "new-session",
      "-d",
      "-s",
      session,
      "-x",
      "200",
      "-y",
      "50",
      `env -i ${envLine({ ELOVERBLIK_BASE_URL: sim.url })} ${quote(process.execPath)} ${quote(BIN)} login; echo "[exit $?]"; sleep 30`,
    );
    try {
      await waitFor(/it is not shown/);
      tmux("send-keys", "-t", session, "-l", token);
      tmux("send-keys", "-t", session, "Enter");
      const after = await waitFor(/\[exit \d+\]/);
      expect(after).toContain("[exit 0]");
      expect(after).toContain('"pty"');
      // Neither the whole token nor any piece of it reached the screen.
      expect(after).not.toContain(token.slice(0, 20));
      expect(after).not.toContain(token.slice(-20));
    } finally {
      spawnSync("tmux", ["kill-session", "-t", session]);
    }
  });
});
