import type { TimeSeriesPoint } from "@eloverblik-kit/client";
import type { ElectricityCost } from "@eloverblik-kit/client/energi-data-service";
import type { CostDay } from "@eloverblik-kit/client/insights";
import {
  danishDay,
  formatDanishTime,
  pointRecord,
  qualityLabel,
  unitLabel,
} from "@eloverblik-kit/client/insights";
import type { ReportSeries } from "./commands/report.js";

export interface ReportPage {
  period: { from: string; to: string };
  series: readonly ReportSeries[];
  failures: readonly { id: string; message: string }[];
  simulator: boolean;
  generatedAtMs: number;
  /** What each metering point's consumption cost per day, when prices could be had. */
  cost?: { costs: readonly ElectricityCost[]; problem?: string | undefined };
}

const esc = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
const num = (n: number, digits = 3) => Number(n.toFixed(digits)).toString();

/** From pale yellow (low) to dark red (high), for a share 0…1. */
function heat(share: number): string {
  const s = Math.max(0, Math.min(1, share));
  return `hsl(${Math.round(55 - 55 * s)}, 90%, ${Math.round(88 - 50 * s)}%)`;
}

function dailyBars(s: ReportSeries, unit: string): string {
  const periods = s.summary?.periods ?? [];
  if (periods.length === 0) return "<p>No data in this period.</p>";
  const max = Math.max(...periods.map((p) => p.total), 0.001);
  const w = 22;
  const h = 160;
  const top = 18;
  const bars = periods.map((p, i) => {
    const x = 40 + i * w;
    const day = danishDay(p.period);
    const bh = (p.total / max) * h;
    const gap = p.missingPoints > 0;
    const empty = p.points === 0;
    const cls = ["bar", day.change ? "dst" : "", gap ? "gap" : "", empty ? "empty" : ""]
      .filter(Boolean)
      .join(" ");
    const tip = `${p.period}: ${num(p.total)} ${unit} in ${p.points} of ${p.hours} hours${day.change ? ` (clock change: ${day.hours}-hour day)` : ""}${gap ? `, ${p.missingPoints} missing` : ""}${p.estimatedPoints ? `, ${p.estimatedPoints} estimated` : ""}`;
    const marks = [
      day.change
        ? `<text class="mark dst-mark" x="${x + w / 2 - 1}" y="${top + h + 30}">${day.hours}h</text>`
        : "",
      gap || empty
        ? `<text class="mark gap-mark" x="${x + w / 2 - 1}" y="${top - 5}">${empty ? "∅" : "!"}</text>`
        : "",
    ].join("");
    const label =
      i % 5 === 0 || day.change
        ? `<text class="axis" x="${x + w / 2 - 1}" y="${top + h + 14}">${p.period.slice(5)}</text>`
        : "";
    return `<g data-date="${p.period}"${day.change ? ` data-hours="${day.hours}"` : ""}${gap ? ' data-gap="true"' : ""}><title>${esc(tip)}</title><rect class="${cls}" x="${x}" y="${top + h - (empty ? h : bh)}" width="${w - 4}" height="${empty ? h : Math.max(bh, 0.5)}"/>${marks}${label}</g>`;
  });
  const width = 40 + periods.length * w + 10;
  return `<svg class="bars" role="img" aria-label="daily totals" viewBox="0 0 ${width} ${top + h + 40}" width="${width}" height="${top + h + 40}">
<text class="axis" x="2" y="${top + 4}">${num(max, 1)}</text><text class="axis" x="2" y="${top + h}">0</text>
<line class="base" x1="38" x2="${width - 6}" y1="${top + h}" y2="${top + h}"/>
${bars.join("\n")}
</svg>`;
}

function heatmap(s: ReportSeries, unit: string): string {
  const periods = s.summary?.periods ?? [];
  if (periods.length === 0) return "";
  // Per Danish day and clock hour; the 25-hour day has two points at 02 (summer, then winter time).
  const cells = new Map<string, { point: TimeSeriesPoint; localStart: string }[]>();
  let max = 0.001;
  for (const p of s.data.points) {
    const r = pointRecord(p);
    const key = `${r.localDate} ${r.localStart.slice(11, 13)}`;
    const list = cells.get(key) ?? [];
    list.push({ point: p, localStart: r.localStart });
    cells.set(key, list);
    if (p.quantity !== null && p.quantity > max) max = p.quantity;
  }
  const cw = 26;
  const ch = 14;
  const left = 112;
  const top = 20;
  const rows: string[] = [];
  for (const [row, p] of periods.entries()) {
    const day = danishDay(p.period);
    const y = top + row * ch;
    rows.push(
      `<text class="axis${day.change ? " dst-label" : ""}" x="2" y="${y + ch - 3}">${p.period}${day.change ? ` ${day.hours}h` : ""}</text>`,
    );
    for (let hour = 0; hour < 24; hour++) {
      const x = left + hour * cw;
      const hh = String(hour).padStart(2, "0");
      const list = cells.get(`${p.period} ${hh}`) ?? [];
      if (list.length === 0) {
        const skipped = day.hours === 23 && hour === 2;
        const dataEnded = p.points === 0;
        const tip = skipped
          ? `${p.period} 02:00–02:59 does not exist (clocks jump to 03:00)`
          : `${p.period} ${hh}:00 no data${dataEnded ? " yet" : " (missing)"}`;
        rows.push(
          `<rect class="${skipped ? "cell none" : "cell missing"}" x="${x}" y="${y}" width="${cw - 1}" height="${ch - 1}"><title>${esc(tip)}</title></rect>`,
        );
        continue;
      }
      const part = (cw - 1) / list.length;
      list.forEach(({ point, localStart }, i) => {
        const missing = point.quantity === null || point.quality === "A02";
        const tip = `${localStart}: ${missing ? "missing" : `${point.quantity} ${unit}`} (${qualityLabel(point.quality)})${list.length > 1 ? ", the repeated hour of the clock change" : ""}`;
        const cls = [
          "cell",
          missing ? "missing" : "",
          point.quality === "A03" ? "estimated" : "",
          list.length > 1 ? "repeated" : "",
        ]
          .filter(Boolean)
          .join(" ");
        const fill = missing ? "" : ` style="fill:${heat((point.quantity ?? 0) / max)}"`;
        rows.push(
          `<rect class="${cls}"${fill} x="${x + i * part}" y="${y}" width="${part - (list.length > 1 ? 1 : 0)}" height="${ch - 1}"><title>${esc(tip)}</title></rect>`,
        );
      });
    }
  }
  const head = Array.from(
    { length: 24 },
    (_, h) =>
      `<text class="axis" x="${left + h * cw + 6}" y="${top - 6}">${String(h).padStart(2, "0")}</text>`,
  );
  const width = left + 24 * cw + 10;
  const height = top + periods.length * ch + 10;
  return `<svg class="heatmap" role="img" aria-label="hour of day by day" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
${head.join("")}
${rows.join("\n")}
</svg>`;
}

/** DKK per day, stacked by component, with the day's total over each bar. */
function costBars(cost: ElectricityCost): string {
  const days = cost.days;
  if (days.length === 0) return "<p>No prices for this period.</p>";
  const parts = [
    ["spot", (d: CostDay) => d.spotDkk],
    ["grid", (d: CostDay) => d.gridTariffDkk],
    ["energinet", (d: CostDay) => d.transmissionTariffDkk + d.systemTariffDkk],
    ["elafgift", (d: CostDay) => d.elafgiftDkk],
    ["other", (d: CostDay) => d.supplierMarkupDkk + d.subscriptionsDkk],
    ["vat", (d: CostDay) => d.vatDkk],
  ] as const;
  const max = Math.max(...days.map((d) => d.totalDkk), 0.01);
  const w = 22;
  const h = 160;
  const top = 18;
  const bars = days.map((d, i) => {
    const x = 40 + i * w;
    let y = top + h;
    const rects = parts.map(([name, value]) => {
      const height = (Math.max(0, value(d)) / max) * h;
      y -= height;
      return `<rect class="cost ${name}" x="${x}" y="${y.toFixed(1)}" width="${w - 4}" height="${height.toFixed(1)}"/>`;
    });
    const day = danishDay(d.date);
    const tip = `${d.date}: ${d.totalDkk.toFixed(2)} DKK incl. VAT for ${num(d.kWh)} kWh${day.change ? ` (${day.hours} hours)` : ""}${d.unpricedPoints ? `, ${d.unpricedPoints} hours not priced` : ""}`;
    return `<g data-cost-date="${esc(d.date)}" data-total="${d.totalDkk.toFixed(2)}"><title>${esc(tip)}</title>${rects.join("")}${i % 7 === 0 ? `<text class="axis" x="${x}" y="${top + h + 14}">${esc(d.date.slice(5))}</text>` : ""}</g>`;
  });
  const width = 40 + days.length * w + 10;
  return `<svg class="cost-bars" role="img" aria-label="DKK per day" viewBox="0 0 ${width} ${top + h + 24}" width="${width}" height="${top + h + 24}">
<text class="axis" x="0" y="${top}">${max.toFixed(0)} kr</text><line class="base" x1="38" x2="${width}" y1="${top + h}" y2="${top + h}"/>
${bars.join("\n")}
</svg>
<p class="legend">${parts.map(([name]) => `<span class="cost-key ${name}">${name}</span>`).join("")} — ${cost.totalDkk.toFixed(2)} DKK incl. VAT for ${num(cost.kWh)} kWh (${cost.priceArea.area}${cost.priceArea.source === "postcode" ? ", from the postcode" : ""}).</p>`;
}

function section(s: ReportSeries, cost?: ElectricityCost): string {
  const unit = unitLabel(s.summary?.unit || s.data.points[0]?.unit || "KWH");
  const sum = s.summary;
  const dst = (sum?.periods ?? []).filter((p) => danishDay(p.period).change);
  const gaps = (sum?.periods ?? []).filter((p) => p.missingPoints > 0);
  const facts = sum
    ? [
        `${num(sum.total)} ${unit} in ${sum.points} hours`,
        sum.peakHour
          ? `peak hour ${esc(sum.peakHour.localStart)} (${num(sum.peakHour.quantity)} ${unit})`
          : "",
        sum.estimatedPoints ? `${sum.estimatedPoints} hours estimated` : "",
        sum.missingPoints ? `${sum.missingPoints} hours missing` : "no missing hours",
        sum.lastEnd ? `data until ${esc(formatDanishTime(sum.lastEnd))}` : "",
      ].filter(Boolean)
    : ["no data"];
  return `<section class="mp" id="mp-${esc(s.data.meteringPointId)}">
<h2>${esc(s.data.meteringPointId)}</h2>
<p class="facts">${facts.join(" · ")}</p>
${dst.length ? `<p class="note dst-note">Clock change: ${dst.map((p) => `${p.period} has ${p.hours} hours`).join("; ")}.</p>` : ""}
${gaps.length ? `<p class="note gap-note">Data gaps: ${gaps.map((p) => `${p.period} (${p.missingPoints} h)`).join("; ")}.</p>` : ""}
<h3>${unit} per day</h3>
${dailyBars(s, unit)}
<h3>${unit} per hour of the day (Danish time)</h3>
${heatmap(s, unit)}
${cost ? `<h3>What it cost per day (DKK incl. VAT; spot price, tariffs and taxes from Energi Data Service)</h3>\n${costBars(cost)}` : ""}
</section>`;
}

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;background:#fff}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;font-family:monospace}h3{font-size:1em;color:#555}
.facts{color:#333}.note{margin:.3em 0;padding:.3em .6em;border-left:4px solid}
.dst-note{border-color:#3a6ea5;background:#eef4fb}.gap-note{border-color:#c0392b;background:#fbeeee}
.bar{fill:#4a90c2}.bar.dst{fill:#3a6ea5;stroke:#1b3a5c;stroke-width:2}.bar.gap{fill:#e08e3c}
.bar.empty{fill:none;stroke:#bbb;stroke-dasharray:3 3}
.axis{font:10px monospace;fill:#666}.mark{font:bold 11px sans-serif;text-anchor:middle}
.dst-mark{fill:#1b3a5c}.gap-mark{fill:#c0392b}.dst-label{fill:#1b3a5c;font-weight:bold}.base{stroke:#999}
.cell.missing{fill:#ddd;stroke:#c0392b;stroke-width:1}.cell.none{fill:url(#none)}
.cell.estimated{stroke:#555;stroke-dasharray:2 1}.cell.repeated{stroke:#1b3a5c;stroke-width:1}
.failures{color:#c0392b}.legend span{display:inline-block;padding:0 .5em;margin-right:.5em;border:1px solid #999}
svg{display:block;max-width:100%;height:auto}
.cost.spot,.cost-key.spot{fill:#4a90c2;background:#4a90c2}.cost.grid,.cost-key.grid{fill:#e0a030;background:#e0a030}
.cost.energinet,.cost-key.energinet{fill:#7a5ea8;background:#7a5ea8}.cost.elafgift,.cost-key.elafgift{fill:#c0392b;background:#c0392b}
.cost.other,.cost-key.other{fill:#888;background:#888}.cost.vat,.cost-key.vat{fill:#bbb;background:#bbb}.cost-key{color:#fff}
`;

/** A self-contained page: inline CSS and SVG, no script, no network. */
export function reportHtml(page: ReportPage): string {
  const failures = page.failures.length
    ? `<section class="failures"><h2>Failed</h2><ul>${page.failures.map((f) => `<li><code>${esc(f.id)}</code>: ${esc(f.message)}</li>`).join("")}</ul></section>`
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Eloverblik report ${esc(page.period.from)} to ${esc(page.period.to)}</title>
<style>${STYLE}</style>
</head>
<body>
<svg width="0" height="0" aria-hidden="true"><defs><pattern id="none" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#f4f4f4"/><path d="M0 6L6 0" stroke="#aaa"/></pattern></defs></svg>
<h1>Electricity ${esc(page.period.from)} to ${esc(page.period.to)}</h1>
<p>Danish days, the last day excluded; hourly data from Eloverblik${page.simulator ? " (<strong>simulator</strong>: made-up data)" : ""}. Made ${esc(formatDanishTime(page.generatedAtMs))}.</p>
<p class="legend"><span style="background:#3a6ea5;color:#fff">23h/25h</span>clock change
<span style="background:#e08e3c">!</span>hours missing <span style="background:#ddd;border-color:#c0392b">grey</span>no reading
<span style="background:#f4f4f4">hatched</span>hour that does not exist</p>
${page.series
  .map((s) =>
    section(
      s,
      page.cost?.costs.find((c) => c.meteringPointId === s.data.meteringPointId),
    ),
  )
  .join("\n")}
${page.cost?.problem ? `<p class="note gap-note cost-problem">The cost per day is left out: ${esc(page.cost.problem)}</p>` : ""}
${failures}
</body>
</html>
`;
}
