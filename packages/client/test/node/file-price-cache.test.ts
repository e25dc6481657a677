import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFilePriceCache } from "../../src/node.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("createFilePriceCache", () => {
  it("keeps values between instances, apart per scope, and reads a broken file as absent", async () => {
    const dir = mkdtempSync(join(tmpdir(), "prices-"));
    dirs.push(dir);
    const a = createFilePriceCache(join(dir, "c"), { scope: "https://api.energidataservice.dk" });
    expect(await a.get("k")).toBeUndefined();
    await a.set("k", [[1, 2.5, null]]);
    const again = createFilePriceCache(join(dir, "c"), { scope: "https://api.energidataservice.dk" });
    expect(await again.get("k")).toEqual([[1, 2.5, null]]);
    const other = createFilePriceCache(join(dir, "c"), { scope: "http://127.0.0.1:8080" });
    expect(await other.get("k")).toBeUndefined();
    const files = readdirSync(join(dir, "c"));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{40}\.json$/);
  });
});
