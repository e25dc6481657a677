// Loads an OpenAPI document from a .json or .yaml file and fails with a message a person can act on
// (which file, what is wrong) instead of a parser stack trace.

import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";

/** An error whose message is meant for the terminal as is. */
export class SpecError extends Error {
  name = "SpecError";
}

/**
 * @param {string} file
 * @param {string} [label] how the file is referred to in messages
 * @returns {Record<string, any>}
 */
export function loadOpenApiFile(file, label = file) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = /** @type {NodeJS.ErrnoException} */ (error).code;
    throw new SpecError(code === "ENOENT" ? `${label} does not exist` : `cannot read ${label} (${code})`);
  }
  return parseOpenApiText(text, label, extname(file).toLowerCase() === ".json" ? "json" : "yaml");
}

/**
 * @param {string} text
 * @param {string} label
 * @param {"json" | "yaml"} syntax
 * @returns {Record<string, any>}
 */
export function parseOpenApiText(text, label, syntax) {
  /** @type {unknown} */
  let doc;
  try {
    doc = syntax === "json" ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new SpecError(`${label} is not valid ${syntax.toUpperCase()}: ${reason}`);
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new SpecError(
      `${label} does not contain an OpenAPI document (expected an object at the top level)`,
    );
  }
  const record = /** @type {Record<string, any>} */ (doc);
  if (typeof record.swagger === "string") {
    throw new SpecError(`${label} is Swagger ${record.swagger}; only OpenAPI 3.x documents can be compared`);
  }
  if (typeof record.openapi !== "string" || !record.openapi.startsWith("3.")) {
    throw new SpecError(`${label} has no "openapi: 3.x" field, so it is not an OpenAPI 3 document`);
  }
  if (record.paths === null || typeof record.paths !== "object" || Array.isArray(record.paths)) {
    throw new SpecError(`${label} has no "paths" object`);
  }
  return record;
}
