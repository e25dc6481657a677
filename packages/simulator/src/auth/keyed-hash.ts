/**
 * The simulator's token signature: a keyed hash of its own, not HMAC-SHA256.
 *
 * Why not a real HMAC: the only party that ever checks a simulator token's signature is the simulator
 * that issued it (clients only read the claims; Energinet's real signatures cannot be checked by
 * anyone but Energinet either). So the signature has one job: a token issued under another seed or
 * secret, or one whose signature was changed, must not verify. `node:crypto` would do that, but would
 * tie the transport-free core (`handle()`, behind the msw handlers) to Node; Web Crypto is async and
 * would make every token check async; and copying a SHA-256 from the client would share code with the
 * package under test. This is small, synchronous and runs anywhere.
 *
 * It is NOT a security boundary: FNV-1a is not a cryptographic hash, and the key is derived from a
 * seed that is usually public (default 1). Do not use it for anything but a test double.
 *
 * Construction: four FNV-1a 64-bit lanes (so the tag is 32 bytes, as long as an HS256 one), each over
 * key ‖ lane ‖ message ‖ lane ‖ key, so neither end of the message can be extended without the key.
 */

const LANES = 4;
// FNV-1a 64: offset basis 0xcbf29ce484222325, prime 2^40 + 0x1b3. Kept as two 32-bit halves.
const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
const PRIME_LOW_BITS = 0x1b3;
const TWO_32 = 0x1_0000_0000;

class Fnv1a64 {
  private hi = OFFSET_HI;
  private lo = OFFSET_LO;

  update(bytes: Uint8Array): this {
    for (const byte of bytes) this.step(byte);
    return this;
  }

  step(byte: number): void {
    const lo = (this.lo ^ byte) >>> 0;
    // (hi·2^32 + lo) · (2^40 + 0x1b3) mod 2^64, without BigInt: lo · 0x1b3 stays below 2^53.
    const low = lo * PRIME_LOW_BITS;
    const carry = Math.floor(low / TWO_32);
    this.lo = low >>> 0;
    this.hi = (Math.imul(this.hi, PRIME_LOW_BITS) + carry + (lo << 8)) >>> 0;
  }

  /** The state as 8 bytes, big-endian. */
  digestInto(out: Uint8Array, at: number): void {
    for (let i = 0; i < 4; i++) {
      out[at + i] = (this.hi >>> (24 - 8 * i)) & 0xff;
      out[at + 4 + i] = (this.lo >>> (24 - 8 * i)) & 0xff;
    }
  }
}

/** Plain (unkeyed) FNV-1a 64 of `bytes`, 8 bytes big-endian; for checking the arithmetic. */
export function fnv1a64(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(8);
  new Fnv1a64().update(bytes).digestInto(out, 0);
  return out;
}

/** A 32-byte tag of `message` under `key`. */
export function keyedHash(key: Uint8Array, message: Uint8Array): Uint8Array {
  const tag = new Uint8Array(LANES * 8);
  for (let lane = 0; lane < LANES; lane++) {
    const hash = new Fnv1a64().update(key);
    hash.step(lane);
    hash.update(message);
    hash.step(lane);
    hash.update(key).digestInto(tag, lane * 8);
  }
  return tag;
}
