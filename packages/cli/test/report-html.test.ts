import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, scratchHome } from "./helpers.js";

// Debian's chromium (`apt-get install chromium`; .ci/run installs it). The binary behind the
// /usr/bin/chromium wrapper avoids the wrapper's shell noise.
const CHROMIUM = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].find((p) => existsSync(p));
if (!CHROMIUM) {
  process.stderr.write(
    "report-html.test.ts: SKIPPED the browser check: no chromium at /usr/lib/chromium/chromium or /usr/bin/chromium (apt-get install -y --no-install-recommends chromium).\n",
  );
}
const OUTPUT = fileURLToPath(new URL("../test-output/", import.meta.url));
const home = scratchHome();
let browser: Browser | undefined;

beforeAll(async () => {
  if (CHROMIUM) browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
});
afterAll(async () => {
  await browser?.close();
  home.cleanup();
});

interface Report {
  series: Array<{
    meteringPointId: string;
    businessType: string;
    periods: Array<{ period: string; hours: number; missingPoints: number; points: number }>;
  }>;
}

describe("report --html", () => {
  // October 2025 holds the autumn clock change (26 October, 25 hours).
  const args = ["--simulator", "report", "--from", "2025-10-01", "--to", "2025-11-01", "--format", "json"];
  let html = "";
  let report: Report;

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    const file = join(OUTPUT, "report.html");
    const r = await runCli([...args, "--html", file], { env: home.env });
    expect(r.code).toBe(3); // the simulator's blocked metering point
    report = JSON.parse(r.stdout) as Report;
    html = readFileSync(file, "utf8");
  });

  it("is self-contained: no script, no external address", () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\((?!#)/i);
    expect(html).toContain("Content-Security-Policy");
  });

  it.skipIf(!CHROMIUM)(
    "renders in headless Chromium without console errors or requests; DST days and gaps marked",
    async () => {
      const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
      });
      page.on("pageerror", (e) => problems.push(e.message));
      page.on("request", (q) => requests.push(q.url()));
      const url = `file://${join(OUTPUT, "report.html")}`;
      await page.goto(url);
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);

      const sections = await page.locator("section.mp").count();
      expect(sections).toBe(report.series.length);
      const days = report.series.reduce((n, s) => n + s.periods.length, 0);
      expect(await page.locator("svg.bars g[data-date]").count()).toBe(days);
      // Every series marks 26 October as a 25-hour day, in the bars and in the heatmap's row label.
      expect(await page.locator('svg.bars g[data-date="2025-10-26"][data-hours="25"]').count()).toBe(
        sections,
      );
      expect(await page.locator("svg.heatmap text.dst-label", { hasText: "2025-10-26 25h" }).count()).toBe(
        sections,
      );
      // The repeated hour is drawn as two halves, one per offset.
      expect(await page.locator("svg.heatmap rect.repeated").count()).toBe(2 * sections);
      const gapDays = report.series.reduce(
        (n, s) => n + s.periods.filter((p) => p.missingPoints > 0).length,
        0,
      );
      expect(await page.locator("svg.bars g[data-gap]").count()).toBe(gapDays);
      // The cost per day of each consumption metering point, the 25-hour day included.
      const consumption = report.series.filter((s) => s.businessType === "A04");
      expect(consumption.length).toBeGreaterThan(0);
      expect(await page.locator("svg.cost-bars").count()).toBe(consumption.length);
      expect(await page.locator("svg.cost-bars g[data-cost-date]").count()).toBe(
        consumption.reduce((n, s) => n + s.periods.length, 0),
      );
      const autumn = page.locator('svg.cost-bars g[data-cost-date="2025-10-26"]');
      expect(await autumn.count()).toBe(consumption.length);
      expect(Number(await autumn.first().getAttribute("data-total"))).toBeGreaterThan(0);
      const screenshot = join(OUTPUT, "report.png");
      await page.screenshot({ path: screenshot, fullPage: true });
      process.stdout.write(`report-html.test.ts: screenshot of the HTML report: ${screenshot}\n`);
      expect(readFileSync(screenshot).length).toBeGreaterThan(10_000);
      await page.close();
    },
  );
});
