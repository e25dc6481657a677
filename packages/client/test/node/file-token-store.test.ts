import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tokenStoreKey, tokenVerifier } from "../../src/index.js";
import { createFileTokenStore } from "../../src/node.js";

const dirs: string[] = [];
const fresh = () => {
  const dir = join(mkdtempSync(join(tmpdir(), "ek-store-")), "tokens");
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  dirs.length = 0;
});

const refreshToken = "refresh-token-that-must-never-be-written-down";
const key = tokenStoreKey("customer", "http://127.0.0.1:1", refreshToken);

describe("createFileTokenStore", () => {
  it("keeps an entry across store instances (a restart) in a 0600 file inside a 0700 directory", async () => {
    const dir = fresh();
    let clock = 1_000;
    const first = createFileTokenStore(dir, { now: () => clock });
    const entry = { accessToken: "access-abc", expiresAtMs: 10_000, verifier: tokenVerifier(refreshToken) };
    await first.set(key, entry);
    const second = createFileTokenStore(dir, { now: () => clock });
    expect(await second.get(key)).toEqual(entry);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(statSync(join(dir, files[0] as string)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    // Neither the refresh token nor the store key shows in a listing or a file.
    const text = readFileSync(join(dir, files[0] as string), "utf8");
    expect(text).not.toContain(refreshToken);
    expect(files[0]).not.toContain(key.split(":").at(-1)?.slice(0, 12));
    clock = 10_000;
    expect(await second.get(key)).toBeUndefined();
    expect(readdirSync(dir)).toHaveLength(0);
  });

  it("treats unreadable or foreign content as absent and can delete", async () => {
    const dir = fresh();
    const store = createFileTokenStore(dir, { now: () => 0 });
    await store.set(key, { accessToken: "a", expiresAtMs: 5 });
    const file = join(dir, readdirSync(dir)[0] as string);
    writeFileSync(file, "{not json");
    expect(await store.get(key)).toBeUndefined();
    writeFileSync(file, JSON.stringify({ accessToken: 3, expiresAtMs: "x" }));
    expect(await store.get(key)).toBeUndefined();
    await store.set(key, { accessToken: "b", expiresAtMs: 5 });
    await store.delete?.(key);
    expect(await store.get(key)).toBeUndefined();
    expect(await store.get("another-key")).toBeUndefined();
  });

  it("refuses a missing directory", () => {
    expect(() => createFileTokenStore("")).toThrow(/directory/);
  });
});
