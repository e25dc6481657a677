/**
 * Seeded randomness. Two kinds are needed: a stream (mulberry32) for things that happen in
 * order, such as correlation ids and fault dice, and a stateless hash for meter values, which
 * must be a pure function of (seed, meter, instant) so that any range can be generated alone
 * and still agree with every overlapping range.
 */

/** 32-bit avalanche mix (the murmur3 finaliser). */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes a string to 32 bits (FNV-1a followed by a mix), for turning names into salts. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** A uniform number in [0, 1) that depends only on its integer inputs. */
export function unitHash(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    // Fold doubles wider than 32 bits (epoch minutes) in two halves so no input bit is lost.
    const lo = part | 0;
    const hi = Math.floor(part / 4294967296) | 0;
    h = mix32(h ^ lo);
    h = mix32(h ^ hi ^ 0x27d4eb2f);
  }
  return h / 4294967296;
}

export interface RandomStream {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, max). */
  int(max: number): number;
  hex(chars: number): string;
  uuid(): string;
}

/** mulberry32: small, fast and good enough for test data. */
export function createStream(seed: number): RandomStream {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (chars: number): string => {
    let out = "";
    while (out.length < chars)
      out += Math.floor(next() * 0x10000)
        .toString(16)
        .padStart(4, "0");
    return out.slice(0, chars);
  };
  return {
    next,
    int: (max) => Math.floor(next() * max),
    hex,
    uuid: () => {
      const h = hex(32);
      // Version 4 and RFC 4122 variant bits, so validators that check the uuid format accept it.
      const variant = ((Number.parseInt(h[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}
