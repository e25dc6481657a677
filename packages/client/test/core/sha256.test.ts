import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hmacSha256, sha256Hex } from "../../src/index.js";

describe("sha256", () => {
  it("matches the published test vectors", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("agrees with node:crypto on inputs around the 55/56/64-byte padding edges and beyond", () => {
    for (const length of [1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 1000]) {
      const text = "æøå-x".repeat(length).slice(0, length);
      expect(sha256Hex(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
    }
    const key = new TextEncoder().encode("k".repeat(80));
    const message = new TextEncoder().encode("header.payload");
    expect(Buffer.from(hmacSha256(key, message)).toString("hex")).toBe(
      createHmac("sha256", Buffer.from(key)).update(Buffer.from(message)).digest("hex"),
    );
  });
});
