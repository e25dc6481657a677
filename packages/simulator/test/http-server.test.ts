import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, USAGE } from "../src/cli.js";
import { type RunningSimulator, startSimulator } from "../src/index.js";
import { caller } from "./support.js";

const running: RunningSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

describe("startSimulator", () => {
  it("listens on loopback and a free port by default, and answers like the API", async () => {
    const server = await startSimulator();
    running.push(server);
    expect(server.host).toBe("127.0.0.1");
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const api = caller(server.url);
    const token = await api("GET", "/customerapi/api/token", { token: server.tokens.customer });
    expect(token.status).toBe(200);
    expect(token.headers.get("content-type")).toBe("application/json; charset=utf-8");
  });

  it("keeps two servers apart", async () => {
    const a = await startSimulator({ scenario: { unavailable: {} } });
    const b = await startSimulator();
    running.push(a, b);
    expect((await caller(a.url)("GET", "/customerapi/api/isalive")).status).toBe(503);
    expect((await caller(b.url)("GET", "/customerapi/api/isalive")).status).toBe(200);
    expect(a.simulator.requests).toHaveLength(1);
  });

  it("refuses oversized bodies and stops on close()", async () => {
    const server = await startSimulator({ maxBodyBytes: 100 });
    const api = caller(server.url);
    const big = await api("POST", "/customerapi/api/meteringpoints/meteringpoint/getdetails", {
      rawBody: "x".repeat(1000),
    });
    expect(big.status).toBe(413);
    await server.close();
    await expect(api("GET", "/customerapi/api/isalive")).rejects.toThrow();
  });
});

describe("the eloverblik-simulator command", () => {
  it("prints the base URL, a refresh token per API and how to connect tools", async () => {
    let output = "";
    const server = await runCli(
      ["--port", "0", "--seed", "3", "--scenario", "charge-links,no-cpr-consent", "--limits", "2024"],
      (t) => {
        output += t;
      },
    );
    if (server === undefined) throw new Error("no server");
    running.push(server);
    expect(output).toContain(`listening on ${server.url} (seed 3, limits 2024)`);
    expect(output).toContain(server.tokens.customer);
    expect(output).toContain(server.tokens.thirdparty);
    expect(output).toMatch(/n8n:.*Base URL/);
    expect(output).toMatch(/Node-RED:/);
    expect(output).toContain(`curl ${server.url}/__simulator`);
    expect(output).toContain(`curl -X POST ${server.url}/__simulator/scenario -d '{"preset":"outage"}'`);
    expect(output).toContain(`curl -X POST ${server.url}/__simulator/reset`);
    expect(output).toContain(server.simulator.meteringPoints.household.id);
    expect(server.simulator.scenario).toMatchObject({ chargeLinks: "available", cprConsent: false });
    const state = await caller(server.url)("GET", "/__simulator");
    expect(state.json).toMatchObject({
      seed: 3,
      tokens: server.tokens,
      scenario: { chargeLinks: "available" },
    });
    const api = caller(server.url);
    expect((await api("GET", "/customerapi/api/token", { token: server.tokens.customer })).status).toBe(200);
    expect((await api("GET", "/customerapi/api/token", { token: server.tokens.customer })).status).toBe(429);
  });

  it("prints usage for --help and rejects bad arguments", async () => {
    let output = "";
    expect(await runCli(["--help"], (t) => (output += t))).toBeUndefined();
    expect(output).toBe(USAGE);
    await expect(runCli(["--port", "70000"], () => {})).rejects.toThrow(/--port/);
    await expect(runCli(["--limits", "2023"], () => {})).rejects.toThrow(/--limits/);
    await expect(runCli(["--scenario", "meteor-strike"], () => {})).rejects.toThrow(/Unknown scenario/);
    await expect(runCli(["--scenario", '{"unavailable":{"call":3}}'], () => {})).rejects.toThrow(/"call"/);
    await expect(runCli(["--scenario", '{"slow":{"delayMs":2147483648}}'], () => {})).rejects.toThrow(
      /at most 2147483647/,
    );
  });

  it("prints the package version for --version, and starts nothing", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    let output = "";
    expect(await runCli(["--version"], (t) => (output += t))).toBeUndefined();
    expect(output).toBe(`${version}\n`);
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    expect(USAGE).toContain("--version");
  });

  it("starts with a 429 preset from --scenario", async () => {
    const server = await runCli(
      ["--port", "0", "--limits", "off", "--scenario", "rate-limited-long"],
      () => {},
    );
    if (server === undefined) throw new Error("no server");
    running.push(server);
    const api = caller(server.url);
    const refused = await api("GET", "/customerapi/api/token", { token: server.tokens.customer });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("3600");
    expect((await api("GET", "/customerapi/api/token", { token: server.tokens.customer })).status).toBe(200);
  });
});
