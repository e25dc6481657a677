import { describe, expect, it } from "vitest";
import { runCli, STACK, scratchHome } from "./helpers.js";

const home = scratchHome();

describe("--simulator", () => {
  it("runs the report with no token: a daily table per metering point, the blocked one named (exit 3)", async () => {
    const r = await runCli(["--simulator", "report", "--format", "json"], { env: home.env });
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout) as {
      from: string;
      to: string;
      series: Array<{ periods: unknown[] }>;
    };
    expect(report.series.length).toBe(3);
    for (const s of report.series) expect(s.periods.length).toBeGreaterThan(25);
    expect(r.stderr).toContain("built-in simulator");
    const failures = r.stderr
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .flatMap(
        (l) => (JSON.parse(l) as { failures?: Array<{ code: string; period: unknown }> }).failures ?? [],
      );
    expect(failures).toEqual([
      expect.objectContaining({ code: "FORBIDDEN", period: { from: report.from, to: report.to } }),
    ]);
    const text = await runCli(["--simulator", "report"], { env: home.env });
    expect(text.code).toBe(3);
    expect(text.stderr).toMatch(/1 of 4 metering point\(s\) failed/);
    expect(r.stderr).not.toMatch(STACK);
  });

  it("status and token info work against it", async () => {
    const status = await runCli(["--simulator", "status"], { env: home.env });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ api: "customer", alive: true });
    const info = await runCli(["--simulator", "--api", "thirdparty", "token", "info"], { env: home.env });
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ api: "thirdparty", source: { kind: "simulator" } });
  });
});
