import type { ReportSeries } from "./commands/report.js";

export interface ReportPage {
  period: { from: string; to: string };
  series: readonly ReportSeries[];
  failures: readonly { id: string; message: string }[];
  simulator: boolean;
  generatedAtMs: number;
}

/** A self-contained HTML page (filled in below). */
export function reportHtml(page: ReportPage): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Eloverblik report</title></head><body><h1>Eloverblik report ${page.period.from}</h1></body></html>\n`;
}
