import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { StoredAccessToken, TokenStore } from "@eloverblik-kit/client";
import type { RedisConnection } from "./connection.js";
import { checkPrefix } from "./pacer.js";
import { RELEASE_LOCK } from "./scripts.js";

export interface RedisTokenStoreOptions {
  connection: RedisConnection;
  /** Prefix of every Redis key. Default "eloverblik-kit". */
  prefix?: string;
  /**
   * An entry leaves Redis this long before its token expires, so that the process that finds it gone
   * renews it for everyone (the client itself renews 5 minutes before expiry). Default 10 minutes.
   */
  renewBeforeMs?: number;
  /**
   * How long one process may hold the right to exchange (ms). Others wait for its token up to this
   * long, then exchange themselves. Default 15 s.
   */
  exchangeLockMs?: number;
}

const INFO_KEY = "eloverblik-kit:redis:key-name";
const INFO_SECRET = "eloverblik-kit:redis:entry-key";

/**
 * A `TokenStore` in Redis, so that N processes with one refresh token make one token exchange.
 *
 * What Redis holds, per refresh token: `<prefix>:token:<digest>`, the data-access token and its
 * expiry encrypted with AES-256-GCM, expiring (Redis TTL) `renewBeforeMs` before the token does
 * (a data-access token lives 24 hours); and while one process exchanges, `<prefix>:token-lock:<digest>`
 * (a random id, TTL `exchangeLockMs`). The key name and the encryption key are both derived (HKDF)
 * from the client's store key, itself a SHA-256 digest of the refresh token that never leaves the
 * process: someone who can read Redis but does not hold the refresh token can neither tell which
 * refresh token an entry belongs to nor read the data-access token in it.
 *
 * On a miss, `get` claims the exchange for this process (SET NX with a TTL) and answers undefined
 * (the client then exchanges and `set` stores the token and releases the claim); a process that finds
 * the claim taken waits for the token to appear, at most `exchangeLockMs`. While Redis is
 * unreachable the store keeps entries in memory (the client also keeps its token in memory).
 */
export class RedisTokenStore implements TokenStore {
  private readonly connection: RedisConnection;
  private readonly prefix: string;
  private readonly renewBeforeMs: number;
  private readonly lockMs: number;
  private readonly holder = randomBytes(12).toString("hex");
  private readonly memory = new Map<string, StoredAccessToken>();

  constructor(options: RedisTokenStoreOptions) {
    this.connection = options.connection;
    this.prefix = checkPrefix(options.prefix);
    this.renewBeforeMs = nonNegative(options.renewBeforeMs, 10 * 60_000, "renewBeforeMs");
    // Redis's PX takes whole milliseconds, 1 or more (it refuses 0 and fractions).
    this.lockMs = nonNegative(options.exchangeLockMs, 15_000, "exchangeLockMs");
    if (!Number.isInteger(this.lockMs) || this.lockMs < 1) {
      throw new TypeError("exchangeLockMs must be a whole number of milliseconds, 1 or more.");
    }
  }

  /** The Redis key names of a store key (for tests and for operators: digests only). */
  keysOf(storeKey: string): { entry: string; lock: string } {
    const name = Buffer.from(hkdfSync("sha256", storeKey, "", INFO_KEY, 32)).toString("hex");
    return { entry: `${this.prefix}:token:${name}`, lock: `${this.prefix}:token-lock:${name}` };
  }

  async get(storeKey: string): Promise<StoredAccessToken | undefined> {
    const { entry, lock } = this.keysOf(storeKey);
    const read = await this.connection.run((redis) => redis.get(entry));
    if (!read) return this.fromMemory(storeKey);
    const found = read.value === null ? undefined : open(storeKey, entry, read.value);
    if (found) return found;
    // A miss: claim the exchange, or wait for the process that claimed it.
    const deadline = Date.now() + this.lockMs;
    for (let pause = 50; ; pause = Math.min(pause * 2, 400)) {
      const claim = await this.connection.run((redis) =>
        redis.set(lock, this.holder, "PX", this.lockMs, "NX"),
      );
      if (!claim) return this.fromMemory(storeKey);
      if (claim.value === "OK") return this.afterClaim(storeKey, entry, lock);
      const holder = await this.connection.run((redis) => redis.get(lock));
      if (holder?.value === this.holder) return this.afterClaim(storeKey, entry, lock);
      if (Date.now() >= deadline) return undefined;
      await new Promise((resolve) => setTimeout(resolve, pause));
      const again = await this.connection.run((redis) => redis.get(entry));
      if (!again) return this.fromMemory(storeKey);
      const value = again.value === null ? undefined : open(storeKey, entry, again.value);
      if (value) return value;
    }
  }

  /**
   * The claim is ours, but the previous holder may have stored its token and released the claim
   * between our last read and our claim (it stores before it releases): read once more, and hand
   * back the claim with the token found, so that this process does not exchange a second time.
   */
  private async afterClaim(
    storeKey: string,
    entry: string,
    lock: string,
  ): Promise<StoredAccessToken | undefined> {
    const read = await this.connection.run((redis) => redis.get(entry));
    const found = read?.value ? open(storeKey, entry, read.value) : undefined;
    if (found) await this.connection.run((redis) => redis.eval(RELEASE_LOCK, 1, lock, this.holder));
    return found;
  }

  async set(storeKey: string, value: StoredAccessToken): Promise<void> {
    this.memory.set(storeKey, value);
    const { entry, lock } = this.keysOf(storeKey);
    const ttl = Math.floor(value.expiresAtMs - this.renewBeforeMs - Date.now());
    if (ttl > 0) {
      await this.connection.run((redis) => redis.set(entry, seal(storeKey, entry, value), "PX", ttl));
    }
    await this.connection.run((redis) => redis.eval(RELEASE_LOCK, 1, lock, this.holder));
  }

  async delete(storeKey: string): Promise<void> {
    this.memory.delete(storeKey);
    const { entry } = this.keysOf(storeKey);
    await this.connection.run((redis) => redis.del(entry));
  }

  private fromMemory(storeKey: string): StoredAccessToken | undefined {
    const value = this.memory.get(storeKey);
    if (value && value.expiresAtMs <= Date.now()) {
      this.memory.delete(storeKey);
      return undefined;
    }
    return value;
  }
}

function secretOf(storeKey: string): Buffer {
  return Buffer.from(hkdfSync("sha256", storeKey, "", INFO_SECRET, 32));
}

/** `v1.<iv>.<ciphertext>.<tag>` (base64url), the Redis key name as associated data. */
function seal(storeKey: string, entry: string, value: StoredAccessToken): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretOf(storeKey), iv);
  cipher.setAAD(Buffer.from(entry));
  const plain = JSON.stringify({ a: value.accessToken, e: value.expiresAtMs, v: value.verifier });
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, sealed, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** The entry, or undefined for anything that does not open (another key, tampered, other format). */
function open(storeKey: string, entry: string, text: string): StoredAccessToken | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || parts[0] !== "v1") return undefined;
  try {
    const [iv, sealed, tag] = parts.slice(1).map((part) => Buffer.from(part, "base64url"));
    const decipher = createDecipheriv("aes-256-gcm", secretOf(storeKey), iv!);
    decipher.setAAD(Buffer.from(entry));
    decipher.setAuthTag(tag!);
    const plain = Buffer.concat([decipher.update(sealed!), decipher.final()]).toString("utf8");
    const { a, e, v } = JSON.parse(plain) as { a?: unknown; e?: unknown; v?: unknown };
    if (typeof a !== "string" || a === "" || typeof e !== "number" || !Number.isFinite(e)) return undefined;
    return { accessToken: a, expiresAtMs: e, ...(typeof v === "string" ? { verifier: v } : {}) };
  } catch {
    return undefined;
  }
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`${name} must be a number of milliseconds (0 or more).`);
  }
  return value;
}
