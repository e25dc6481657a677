// The main job (`npm start` / `pnpm demo` after the build): scripts/demo.mjs runs the CLI's report
// against the built-in simulator. A new user once saw "KWH" and "kWh" on one line of the demo.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const built = existsSync(`${root}/packages/cli/dist`) && existsSync(`${root}/packages/simulator/dist`);
if (!built) console.log("[demo] skipped: build the packages first (pnpm build)");

describe.skipIf(!built)("the demo", () => {
  it("prints the report with one way of writing the unit, and exits 0 on the simulator", () => {
    const env = { ...process.env };
    delete env.ELOVERBLIK_REFRESH_TOKEN;
    const r = spawnSync(process.execPath, ["scripts/demo.mjs"], {
      cwd: root,
      encoding: "utf8",
      env,
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const text = r.stdout + r.stderr;
    expect(text).toMatch(/Report \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/);
    expect(text.match(/kWh/g)?.length).toBeGreaterThan(10);
    expect(text).not.toMatch(/KWH/);
    // The blocked metering point is named and explained, not a failure of the demo.
    expect(r.stderr).toMatch(/Exit code 3 \(partial\)/);
  });
});
