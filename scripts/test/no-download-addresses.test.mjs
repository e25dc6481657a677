// The lockfile carries no download addresses (integrity hashes only), and no tracked file points at a
// package registry's host: installs resolve through whatever registry the machine is configured for.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("download addresses", () => {
  it("the lockfile has integrity hashes and no tarball or URL", () => {
    const lock = readFileSync(`${root}/pnpm-lock.yaml`, "utf8");
    expect(lock).toMatch(/integrity: sha512-/);
    expect(lock).not.toMatch(/tarball:/);
    expect(lock.match(/[a-z+]+:\/\/[^\s'"]+/g) ?? []).toEqual([]);
  });

  it("no tracked file names a registry host", () => {
    const files = spawnSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" });
    expect(files.status, files.stderr).toBe(0);
    const hits = [];
    for (const file of files.stdout.split("\0").filter(Boolean)) {
      if (/\.(png|ico|woff2?|gz)$/.test(file)) continue;
      let text;
      try {
        text = readFileSync(`${root}/${file}`, "utf8");
      } catch {
        continue;
      }
      for (const match of text.matchAll(/https?:\/\/(registry\.[a-z0-9.-]+|[a-z0-9.-]*pkg\.com)\b/gi)) {
        hits.push(`${file}: ${match[1]}`);
      }
    }
    expect(hits).toEqual([]);
  });
});
