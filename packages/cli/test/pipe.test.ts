import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { type RunningSimulator, startSimulator } from "@eloverblik-kit/simulator/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ANSI, runCli, STACK, scratchHome } from "./helpers.js";

let sim: RunningSimulator;
const home = scratchHome();
const ids = () => sim.simulator.meteringPoints;
const env = (extra: NodeJS.ProcessEnv = {}) => ({
  ...home.env,
  ELOVERBLIK_REFRESH_TOKEN: sim.tokens.customer,
  ELOVERBLIK_BASE_URL: sim.url,
  ...extra,
});

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 7 });
});
afterAll(async () => {
  await sim.close();
  home.cleanup();
});
beforeEach(() => sim.simulator.reset());

describe("in a pipe", () => {
  it("writes JSON data on stdout by default, and nothing else", async () => {
    const r = await runCli(["metering-points", "--all"], { env: env() });
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ meteringPointId: string; hasRelation: boolean }>;
    expect(rows.map((p) => p.meteringPointId)).toContain(ids().household.id);
    expect(rows.find((p) => p.meteringPointId === ids().cprOnly.id)?.hasRelation).toBe(false);
    expect(r.stdout).not.toMatch(ANSI);
  });

  it("writes ndjson and the insights layer's CSV", async () => {
    const args = ["time-series", ids().flex.id, "--from", "2025-10-26", "--aggregation", "Hour"];
    const nd = await runCli([...args, "--format", "ndjson"], { env: env() });
    expect(nd.code).toBe(0);
    const lines = nd.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    // The autumn clock change: 25 hours, the repeated 02:00 once with each offset.
    expect(lines).toHaveLength(25);
    expect(lines.filter((l) => l.localStart.startsWith("2025-10-26 02:00")).map((l) => l.localStart)).toEqual(
      ["2025-10-26 02:00+02:00", "2025-10-26 02:00+01:00"],
    );
    const csv = await runCli([...args, "--format", "csv"], { env: env() });
    expect(csv.code).toBe(0);
    const rows = csv.stdout.trim().split("\n");
    expect(rows[0]).toMatch(/^metering_point_id,start_utc,end_utc,start_local,/);
    expect(rows).toHaveLength(26);
  });

  it("shows no progress bar in a pipe, even for a fetch of several requests", async () => {
    // 1000 days are two requests of at most 730 days each.
    const r = await runCli(
      ["time-series", ids().flex.id, "--period", "last-1000-days", "--format", "ndjson"],
      {
        env: env(),
      },
    );
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n").length).toBeGreaterThan(730 * 24);
    expect(r.stderr).not.toMatch(/requests|\[|█|░/);
  });
});

describe("exit codes", () => {
  it("2 for an invalid id, before any request and without a stack trace", async () => {
    const before = sim.simulator.requests.length;
    const r = await runCli(["details", "12345"], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("12345");
    expect(r.stderr).toContain("18 digits");
    expect(r.stderr).not.toMatch(STACK);
    expect(sim.simulator.requests.length).toBe(before);
  });

  it("2 for bad dates and ranges, an unknown option, command or period", async () => {
    for (const args of [
      ["time-series", ids().flex.id, "--from", "2025-02-30"],
      ["time-series", ids().flex.id, "--from", "2025-03-02", "--to", "2025-03-01"],
      ["time-series", ids().flex.id, "--from", "2099-01-01"],
      ["time-series", ids().flex.id, "--period", "last-fortnight"],
      ["time-series", ids().flex.id, "--aggregation", "Weekly", "--period", "yesterday"],
      ["metering-points", "--bogus"],
      ["frobnicate"],
    ]) {
      const r = await runCli(args, { env: env() });
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).not.toMatch(STACK);
    }
  });

  it("writes errors as JSON on stderr with --format json", async () => {
    const r = await runCli(["details", "12345", "--format", "json"], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const { error } = JSON.parse(r.stderr) as { error: { code: string; exitCode: number; advice: string[] } };
    expect(error).toMatchObject({ code: "INVALID_INPUT", exitCode: 2 });
    const usage = await runCli(["--format", "json", "metering-points", "--bogus"], { env: env() });
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stderr).error.code).toBe("USAGE");
  });

  it("4 without a token, with an expired one, and with one Eloverblik refuses", async () => {
    const none = await runCli(["metering-points"], { env: { ...home.env, ELOVERBLIK_BASE_URL: sim.url } });
    expect(none.code).toBe(4);
    expect(none.stderr).toContain("eloverblik login");
    const expired = sim.simulator.issueRefreshToken({ api: "customer", expiresInMs: -1000 });
    const r = await runCli(["metering-points"], { env: env({ ELOVERBLIK_REFRESH_TOKEN: expired }) });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/expired/i);
    const other = await startSimulator({ port: 0, seed: 99 });
    try {
      const refused = await runCli(["metering-points"], {
        env: env({ ELOVERBLIK_REFRESH_TOKEN: other.tokens.customer }),
      });
      expect(refused.code).toBe(4);
      expect(refused.stderr).not.toContain(other.tokens.customer);
    } finally {
      await other.close();
    }
  });

  it("3 when some metering points fail, each named on stderr", async () => {
    const r = await runCli(["details", ids().household.id, ids().blocked.id, "--format", "json"], {
      env: env(),
    });
    expect(r.code).toBe(3);
    expect((JSON.parse(r.stdout) as unknown[]).length).toBe(1);
    const { failures } = JSON.parse(r.stderr) as {
      failures: Array<{ meteringPointId: string; code: string }>;
    };
    expect(failures).toEqual([expect.objectContaining({ meteringPointId: ids().blocked.id })]);
  });

  it("5 when rate-limited or DataHub is unavailable", async () => {
    await fetch(`${sim.url}/__simulator/scenario`, {
      method: "POST",
      body: JSON.stringify({ preset: "rate-limited-long" }),
    });
    const limited = await runCli(["metering-points"], { env: env() });
    expect(limited.code).toBe(5);
    expect(limited.stderr).toMatch(/rate/i);
    sim.simulator.reset();
    await fetch(`${sim.url}/__simulator/scenario`, {
      method: "POST",
      body: JSON.stringify({ unavailable: {} }),
    });
    const down = await runCli(["metering-points", "--retries", "1"], { env: env() });
    expect(down.code).toBe(5);
    expect(down.stderr).toMatch(/unavailable/i);
  });

  it("130 when interrupted", async () => {
    await fetch(`${sim.url}/__simulator/scenario`, {
      method: "POST",
      body: JSON.stringify({ slow: { delayMs: 20_000 } }),
    });
    let pid = 0;
    const running = runCli(["metering-points"], { env: env(), onStart: (p) => (pid = p) });
    // The first request is under way once the simulator has logged nothing yet but the process is up.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    process.kill(pid, "SIGINT");
    const r = await running;
    expect(r.code).toBe(130);
    expect(r.stderr).not.toMatch(STACK);
  });
});

describe("tokens", () => {
  it("keeps the data-access token between runs in a 0600 file named by a digest, never printed", async () => {
    const cache = join(home.env.XDG_CACHE_HOME!, "eloverblik-kit", "access-tokens");
    const exchanges = () => sim.simulator.requests.filter((q) => /\/api\/token$/i.test(q.path)).length;
    const first = await runCli(["metering-points"], { env: env() });
    const afterFirst = exchanges();
    const second = await runCli(["details", ids().household.id], { env: env() });
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(exchanges()).toBe(afterFirst);
    const files = readdirSync(cache);
    expect(files.length).toBeGreaterThanOrEqual(1);
    for (const f of files) {
      expect(f).toMatch(/^[0-9a-f]{40}\.json$/);
      expect(statSync(join(cache, f)).mode & 0o777).toBe(0o600);
    }
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    const accessTokens = files.map(
      (f) => (JSON.parse(readFileSync(join(cache, f), "utf8")) as { accessToken: string }).accessToken,
    );
    for (const out of [first.stdout, first.stderr, second.stdout, second.stderr]) {
      expect(out).not.toContain(sim.tokens.customer);
      for (const t of accessTokens) expect(out).not.toContain(t);
    }
  });

  it("login reads the token from a pipe into a 0600 file; token info says where, never the token", async () => {
    const own = scratchHome();
    try {
      const base = { ...own.env, ELOVERBLIK_BASE_URL: sim.url };
      const token = sim.simulator.issueRefreshToken({ api: "thirdparty", tokenName: "CLI test" });
      const login = await runCli(["login"], { env: base, input: `${token}\n` });
      expect(login.code).toBe(0);
      const file = join(own.env.XDG_CONFIG_HOME!, "eloverblik-kit", "refresh-token-thirdparty");
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(own.env.XDG_CONFIG_HOME!, "eloverblik-kit")).mode & 0o777).toBe(0o700);
      expect(readFileSync(file, "utf8").trim()).toBe(token);
      const info = await runCli(["token", "info", "--format", "json"], { env: base });
      expect(info.code).toBe(0);
      const record = JSON.parse(info.stdout) as Record<string, unknown> & {
        source: { kind: string; path: string };
      };
      expect(record).toMatchObject({ api: "thirdparty", name: "CLI test", expired: false });
      expect(record.source).toMatchObject({ kind: "file", path: file });
      // The API comes from the stored token: third-party commands work without --api.
      const auth = await runCli(["authorizations"], { env: base });
      expect(auth.code).toBe(0);
      expect((JSON.parse(auth.stdout) as unknown[]).length).toBeGreaterThan(0);
      for (const out of [login.stdout, login.stderr, info.stdout, info.stderr, auth.stdout, auth.stderr]) {
        expect(out).not.toContain(token);
      }
      const logout = await runCli(["logout"], { env: base });
      expect(logout.code).toBe(0);
      expect((await runCli(["token", "info"], { env: base })).code).toBe(4);
    } finally {
      own.cleanup();
    }
  });

  it("login refuses a data-access token and an unreadable one, storing nothing", async () => {
    const own = scratchHome();
    try {
      const base = { ...own.env, ELOVERBLIK_BASE_URL: sim.url };
      const access = sim.simulator.issueDataAccessToken({ api: "customer" });
      const r = await runCli(["login"], { env: base, input: access });
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/data-access/);
      expect(r.stderr).not.toContain(access);
      const junk = await runCli(["login"], { env: base, input: "not a token" });
      expect(junk.code).toBe(4);
      expect((await runCli(["token", "info"], { env: base })).code).toBe(4);
    } finally {
      own.cleanup();
    }
  });
});
