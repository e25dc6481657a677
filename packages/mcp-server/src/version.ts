import { createRequire } from "node:module";

// src/ and dist/ both sit one level below package.json, so the same relative path works in tests
// (running the sources) and in the published build.
const pkg = createRequire(import.meta.url)("../package.json") as { name: string; version: string };

export const PACKAGE_NAME = pkg.name;
export const VERSION = pkg.version;
