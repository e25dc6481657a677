import { afterEach, describe, expect, it } from "vitest";
import { utf8 } from "../src/auth/base64url.js";
import { fnv1a64, keyedHash } from "../src/auth/keyed-hash.js";
import { createSimulator } from "../src/index.js";
import { faces, type Started, useMsw, virtualClock } from "./support.js";

useMsw();

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const LIST = "/customerapi/api/meteringpoints/meteringpoints";

describe("the keyed hash behind the token signatures", () => {
  it("computes FNV-1a 64 exactly (the published test vectors)", () => {
    expect(hex(fnv1a64(utf8.encode("")))).toBe("cbf29ce484222325");
    expect(hex(fnv1a64(utf8.encode("a")))).toBe("af63dc4c8601ec8c");
    expect(hex(fnv1a64(utf8.encode("foobar")))).toBe("85944171f73967e8");
  });

  it("gives 32 bytes that change with the key and with any byte of the message", () => {
    const key = utf8.encode("eloverblik-simulator:1");
    const message = utf8.encode("header.payload");
    const tag = hex(keyedHash(key, message));
    expect(tag).toHaveLength(64);
    expect(hex(keyedHash(key, message))).toBe(tag);
    expect(hex(keyedHash(utf8.encode("eloverblik-simulator:2"), message))).not.toBe(tag);
    for (let i = 0; i < message.length; i++) {
      const changed = message.slice();
      changed[i] = (changed[i] as number) ^ 1;
      expect(hex(keyedHash(key, changed)), `byte ${i}`).not.toBe(tag);
    }
    expect(hex(keyedHash(key, utf8.encode("header.payloadX")))).not.toBe(tag);
  });
});

describe.each(faces)("signed tokens ($name)", (face) => {
  let s: Started;
  const clock = virtualClock();
  afterEach(async () => s?.stop());

  async function start(options: { tokenSecret?: string } = {}) {
    clock.set("2026-01-15T10:00:00Z");
    s = await face.start({ clock: clock.now, ...options });
    return s;
  }

  const exchange = (token: string) => {
    clock.advance(60_000); // one token call a minute stays inside the limit
    return s.api("GET", "/customerapi/api/token", { token });
  };

  it("are JWT-shaped: three base64url parts, a JSON header and readable claims", async () => {
    await start();
    const parts = s.sim.tokens.customer.split(".");
    expect(parts).toHaveLength(3);
    for (const part of parts) expect(part).toMatch(BASE64URL);
    const [header, payload] = parts
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, "base64url").toString("utf8")));
    expect(header).toEqual({ alg: "x-eloverblik-simulator", typ: "JWT" });
    expect(payload).toMatchObject({ tokenType: "CustomerAPI_Refresh", exp: expect.any(Number) });
  });

  it("refuse a token whose signature, payload or header was changed", async () => {
    await start();
    const token = s.sim.tokens.customer;
    expect((await exchange(token)).status).toBe(200);
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const flip = (text: string, at: number) =>
      text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
    const otherClaims = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString("utf8")), tokenName: "x" }),
    ).toString("base64url");
    const tampered = [
      `${header}.${payload}.${flip(signature, 0)}`,
      `${header}.${payload}.${flip(signature, signature.length - 1)}`,
      `${header}.${payload}.${signature.slice(0, -1)}`,
      `${header}.${payload}.`,
      `${header}.${otherClaims}.${signature}`,
      `${flip(header, 5)}.${payload}.${signature}`,
    ];
    for (const forged of tampered) expect((await exchange(forged)).status, forged).toBe(401);
    const access = ((await exchange(token)).json as { result: string }).result;
    expect((await s.api("GET", LIST, { token: access })).status).toBe(200);
    const [h, p, sig] = access.split(".") as [string, string, string];
    expect((await s.api("GET", LIST, { token: `${h}.${p}.${flip(sig, 3)}` })).status).toBe(401);
  });

  it("verify across instances with the same seed and secret, and only then", async () => {
    await start({ tokenSecret: "one" });
    const sameSecret = createSimulator({ clock: clock.now, tokenSecret: "one" }).tokens.customer;
    const otherSecret = createSimulator({ clock: clock.now, tokenSecret: "two" }).tokens.customer;
    expect((await exchange(sameSecret)).status).toBe(200);
    expect((await exchange(otherSecret)).status).toBe(401);
  });
});
