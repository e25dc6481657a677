// Renders the result of spec:check for a terminal: one block per API, differences grouped by kind,
// one line per difference, and a closing summary whose wording the tests and CI logs rely on.

import { DIFFERENCE_KINDS } from "./openapi-diff.mjs";

/**
 * @typedef {object} ApiSection
 * @property {string} title e.g. "Customer API"
 * @property {string} ours where our contract was read from
 * @property {string} upstream where the published document was read from, and why that one
 * @property {Array<{ id: string, message: string }>} differences
 */

/**
 * @typedef {object} Styler
 * @property {(text: string) => string} bad
 * @property {(text: string) => string} good
 * @property {(text: string) => string} warn
 * @property {(text: string) => string} dim
 * @property {(text: string) => string} bold
 */

/** @type {Styler} */
export const PLAIN = { bad: (t) => t, good: (t) => t, warn: (t) => t, dim: (t) => t, bold: (t) => t };

/** @type {Styler} */
export const ANSI = {
  bad: (t) => `\u001b[31m${t}\u001b[39m`,
  good: (t) => `\u001b[32m${t}\u001b[39m`,
  warn: (t) => `\u001b[33m${t}\u001b[39m`,
  dim: (t) => `\u001b[2m${t}\u001b[22m`,
  bold: (t) => `\u001b[1m${t}\u001b[22m`,
};

/**
 * @param {ApiSection} section
 * @param {Set<string>} accepted
 * @param {Styler} style
 * @returns {string[]}
 */
export function renderSection(section, accepted, style) {
  const lines = [style.bold(section.title), `  ours:     ${section.ours}`, `  upstream: ${section.upstream}`];
  if (section.differences.length === 0) {
    lines.push(`  ${style.good("no structural differences")}`);
    return lines;
  }
  /** @type {Map<string, Array<{ id: string, message: string }>>} */
  const byKind = new Map();
  for (const difference of section.differences) {
    const kind = difference.id.split(" ")[1] ?? "other";
    byKind.set(kind, [...(byKind.get(kind) ?? []), difference]);
  }
  const kinds = [...byKind.keys()].sort((a, b) => kindRank(a) - kindRank(b));
  for (const kind of kinds) {
    const group = (byKind.get(kind) ?? []).slice().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const open = group.filter((d) => !accepted.has(d.id)).length;
    const tally = open > 0 ? style.bad(`${open} unexpected`) : style.good("all accepted");
    lines.push("", `  ${kind} (${group.length}, ${tally})`);
    for (const difference of group) {
      if (accepted.has(difference.id)) {
        lines.push(`    ${style.dim("accepted  ")}  ${difference.id}`);
      } else {
        lines.push(`    ${style.bad("UNEXPECTED")}  ${difference.id}`);
        lines.push(`                ${style.dim(`↳ ${difference.message}`)}`);
      }
    }
  }
  return lines;
}

/** @param {string} kind */
function kindRank(kind) {
  const rank = DIFFERENCE_KINDS.indexOf(kind);
  return rank === -1 ? DIFFERENCE_KINDS.length : rank;
}

/**
 * @param {{ total: number, accepted: number, unexpected: number, stale: number }} counts
 * @param {Styler} style
 */
export function renderSummary(counts, style) {
  /** @param {number} n @param {string} one @param {string} many */
  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  const text =
    `Summary: ${plural(counts.total, "difference", "differences")}, ` +
    `${plural(counts.accepted, "accepted deviation", "accepted deviations")}, ${counts.unexpected} unexpected` +
    (counts.stale > 0
      ? `; ${plural(counts.stale, "stale deviation entry", "stale deviation entries")}`
      : "") +
    ".";
  return counts.unexpected > 0 ? style.bad(text) : style.good(text);
}
