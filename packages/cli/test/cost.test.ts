// `eloverblik cost` run as a user runs it: the built bin in pipes, against the simulator.
import { type RunningSimulator, startSimulator } from "@eloverblik-kit/simulator/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, scratchHome } from "./helpers.js";

let sim: RunningSimulator;
const home = scratchHome();
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 1 });
});
afterAll(async () => {
  await sim.close();
  home.cleanup();
});

const edsRequests = () => sim.simulator.requests.filter((r) => r.operation?.startsWith("eds:")).length;
const env = () => ({
  ...home.env,
  ELOVERBLIK_REFRESH_TOKEN: sim.tokens.customer,
  ELOVERBLIK_BASE_URL: sim.url,
  ENERGI_DATA_SERVICE_BASE_URL: sim.url,
});

describe("eloverblik cost", () => {
  it("prices a period per day, caches the published prices in files, and asks nothing the second time", {
    timeout: 60_000,
  }, async () => {
    const id = sim.simulator.meteringPoints.household.id;
    const args = [
      "cost",
      id,
      "--from",
      "2025-10-01",
      "--to",
      "2025-11-01",
      "--format",
      "json",
      "--markup",
      "0.05",
    ];
    const first = await runCli(args, { env: env() });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const { costs } = JSON.parse(first.stdout);
    expect(costs).toHaveLength(1);
    const [cost] = costs;
    expect(cost.days).toHaveLength(31);
    expect(cost.days.find((d: { date: string }) => d.date === "2025-10-26").kWh).toBeGreaterThan(0);
    const sum =
      cost.spotDkk +
      cost.gridTariffDkk +
      cost.transmissionTariffDkk +
      cost.systemTariffDkk +
      cost.elafgiftDkk +
      cost.supplierMarkupDkk +
      cost.subscriptionsDkk;
    expect(cost.exclVatDkk).toBeCloseTo(sum, 1);
    expect(cost.totalDkk).toBeCloseTo(cost.exclVatDkk * 1.25, 1);
    expect(cost.supplierMarkupDkk).toBeCloseTo(cost.kWh * 0.05, 1);
    const afterFirst = edsRequests();
    expect(afterFirst).toBe(2); // DayAheadPrices and DatahubPricelist: the minimum for the period
    const second = await runCli(args, { env: env() });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).costs[0].totalDkk).toBe(cost.totalDkk);
    expect(edsRequests()).toBe(afterFirst);
  });

  it("prints a per-day table with the components and a chart, and the hours as CSV", {
    timeout: 60_000,
  }, async () => {
    const table = await runCli(
      ["--simulator", "cost", "--from", "2025-10-25", "--to", "2025-10-28", "--format", "table"],
      { env: home.env },
    );
    // The simulator's linked points include a blocked one: partial (3), named with its period.
    expect(table.code).toBe(3);
    expect(table.stderr).toMatch(
      /1 of 4 metering point\(s\) failed:\n {2}\d{18}: .*FORBIDDEN.*Period 2025-10-25 to 2025-10-28/,
    );
    expect(table.stdout).toMatch(/spot .*grid .*energinet .*elafgift/s);
    expect(table.stdout).toMatch(/DKK incl\. VAT per day/);
    expect(table.stdout).toMatch(/note: Price area DK[12] inferred from postcode/);
    const id = sim.simulator.meteringPoints.household.id;
    const csv = await runCli(
      [
        "cost",
        id,
        "--from",
        "2025-10-26",
        "--to",
        "2025-10-27",
        "--hourly",
        "--format",
        "csv",
        "--price-area",
        "DK2",
      ],
      { env: env() },
    );
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split(/\r?\n/);
    expect(lines[0]).toMatch(/^start,end,kWh,spotDkkPerKwh/);
    expect(lines).toHaveLength(1 + 100); // the 25-hour day in quarter hours
  });

  it("refuses bad options with exit 2 before any request", async () => {
    const before = sim.simulator.requests.length;
    for (const bad of [
      ["--price-area", "DK3"],
      ["--markup", "lots"],
      ["--year-to-date", "100"],
    ]) {
      const r = await runCli(["cost", "--from", "2025-10-01", "--to", "2025-10-02", ...bad], { env: env() });
      expect(r.code, bad.join(" ")).toBe(2);
    }
    expect(sim.simulator.requests.length).toBe(before);
  });
});
