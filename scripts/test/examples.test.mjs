// The examples in examples/ run against the built-in simulator exactly as a user would run them.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
// Built means the files the packages' exports point to exist (the layout inside dist/ may change).
const built = [
  ["packages/client/package.json", ".", "import"],
  ["packages/client/package.json", "./insights", "import"],
  ["packages/simulator/package.json", "./server", "import"],
].every(([pkg, entry, condition]) => {
  const exports = JSON.parse(readFileSync(`${root}/${pkg}`, "utf8")).exports[entry];
  const target = exports?.[condition]?.default ?? exports?.[condition] ?? exports?.default;
  return typeof target === "string" && existsSync(`${root}/${pkg.replace("package.json", "")}${target}`);
});
if (!built) console.log("[examples] skipped: build the packages first (pnpm build)");

function run(api, file, ...args) {
  const env = { ...process.env, ELOVERBLIK_API: api };
  delete env.ELOVERBLIK_REFRESH_TOKEN;
  return spawnSync(process.execPath, [`examples/${file}`, ...args], {
    cwd: root,
    encoding: "utf8",
    env,
    timeout: 60_000,
  });
}

// examples/README.md offers ELOVERBLIK_API=thirdparty: both APIs, against the simulator.
describe.skipIf(!built).each(["customer", "thirdparty"])("examples with ELOVERBLIK_API=%s", (api) => {
  it("monthly-report prints twelve Danish calendar months per consumption meter", () => {
    const result = run(api, "monthly-report.mjs");
    expect(result.status).toBe(0);
    const months = result.stdout.split("\n").filter((line) => /^ {2}\d{4}-\d{2} /.test(line));
    expect(months.length).toBeGreaterThanOrEqual(12);
    expect(months.length % 12).toBe(0);
  });

  it("export-hourly-csv writes a header and one row per hour", () => {
    const result = run(api, "export-hourly-csv.mjs");
    expect(result.status).toBe(0);
    const [header, ...rows] = result.stdout.trim().split("\n");
    expect(header).toBe("metering_point;start_local;start_utc;kwh;quality");
    expect(rows.length).toBeGreaterThan(24);
    expect(rows[0]).toMatch(
      /^\d{18};\d{4}-\d{2}-\d{2} \d{2}:\d{2};\d{4}-\d{2}-\d{2}T\d{2}:00:00\.000Z;[\d.]*;A0\d$/,
    );
  });

  it("export-hourly-csv refuses a bad metering point id clearly", () => {
    const result = run(api, "export-hourly-csv.mjs", "123");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/"123" has 3 digits/);
  });
});
