// Reads spec/DEVIATIONS.md. The document is prose for people; the machine-readable part is narrow
// on purpose: in every markdown table row, each backticked string in the FIRST cell is an accepted
// difference id. Ids starting with `note:` document non-structural deviations (enums, wording)
// that the checker cannot see; they are listed for readers and otherwise ignored.

import { DIFFERENCE_KINDS } from "./openapi-diff.mjs";

/**
 * @typedef {object} Deviations
 * @property {string[]} ids accepted difference ids, in document order, without duplicates
 * @property {string[]} notes `note:` entries (ignored by the checker)
 * @property {string[]} duplicates ids listed more than once
 * @property {string[]} malformed backticked first-cell strings that cannot be a difference id
 */

const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const FENCE = /^\s*(```|~~~)/;

/**
 * @param {string} markdown
 * @returns {Deviations}
 */
export function parseDeviations(markdown) {
  /** @type {Deviations} */
  const result = { ids: [], notes: [], duplicates: [], malformed: [] };
  const seen = new Set();
  for (const cell of firstCells(markdown)) {
    for (const match of cell.matchAll(/`([^`]+)`/g)) {
      const id = (match[1] ?? "").replaceAll("\\|", "|").trim().replace(/\s+/g, " ");
      if (id === "") continue;
      if (/^note:/i.test(id)) {
        result.notes.push(id);
      } else if (!isDifferenceId(id)) {
        result.malformed.push(id);
      } else if (seen.has(id)) {
        result.duplicates.push(id);
      } else {
        seen.add(id);
        result.ids.push(id);
      }
    }
  }
  return result;
}

/**
 * The first cell of every table row (header rows included, delimiter rows excluded), skipping
 * fenced code blocks so that examples in the prose are not taken as entries.
 * @param {string} markdown
 * @returns {string[]}
 */
function firstCells(markdown) {
  const lines = markdown.split(/\r?\n/);
  /** @type {string[]} */
  const cells = [];
  let inFence = false;
  let inTable = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (FENCE.test(line)) {
      inFence = !inFence;
      inTable = false;
      continue;
    }
    if (inFence) continue;
    const next = lines[i + 1] ?? "";
    if (!inTable && line.includes("|") && DELIMITER_ROW.test(next) && next.includes("|")) {
      // A header row: the table starts here.
      inTable = true;
      cells.push(firstCell(line));
      i++;
      continue;
    }
    if (inTable) {
      if (line.trim() === "" || !line.includes("|")) {
        inTable = false;
        continue;
      }
      cells.push(firstCell(line));
    }
  }
  return cells;
}

/** @param {string} row */
function firstCell(row) {
  const body = row.trim().replace(/^\|/, "");
  // Cells end at a pipe that is not escaped with a backslash (GFM rule, also inside code spans).
  const end = body.search(/(?<!\\)\|/);
  return end === -1 ? body : body.slice(0, end);
}

/** @param {string} id */
function isDifferenceId(id) {
  const [api, kind, ...rest] = id.split(" ");
  return (
    api !== undefined &&
    /^[a-z][a-z0-9-]*$/.test(api) &&
    DIFFERENCE_KINDS.includes(kind ?? "") &&
    rest.length > 0
  );
}

/**
 * Splits differences into accepted and unexpected, and finds listed ids that no longer occur.
 * Only deviations of the APIs that were actually compared can be stale.
 * @param {Array<{ id: string, message: string }>} differences
 * @param {string[]} acceptedIds
 * @param {string[]} comparedApis
 */
export function classifyDifferences(differences, acceptedIds, comparedApis) {
  const accepted = new Set(acceptedIds);
  const found = new Set(differences.map((d) => d.id));
  const apis = new Set(comparedApis);
  return {
    accepted: differences.filter((d) => accepted.has(d.id)),
    unexpected: differences.filter((d) => !accepted.has(d.id)),
    stale: acceptedIds.filter((id) => apis.has(id.split(" ")[0] ?? "") && !found.has(id)),
  };
}
