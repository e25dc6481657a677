import { createRequire } from "node:module";

// src/ and dist/ sit one level below package.json, the command's dist/cli/ two: the nearest
// package.json of this package is the one (the same code runs in tests, from the sources).
const require = createRequire(import.meta.url);

function ownPackage(): { name: string; version: string } {
  for (const path of ["../package.json", "../../package.json"]) {
    try {
      const pkg = require(path) as { name: string; version: string };
      if (pkg.name === "@eloverblik-kit/mcp-server") return pkg;
    } catch {
      // not at this level
    }
  }
  throw new Error("@eloverblik-kit/mcp-server: package.json not found next to the build.");
}

const pkg = ownPackage();

export const PACKAGE_NAME = pkg.name;
export const VERSION = pkg.version;
