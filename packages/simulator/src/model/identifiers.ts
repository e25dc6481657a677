import type { RandomStream } from "./prng.js";

/** GS1 check digit (weights 3,1,3,… from the right), as carried by GSRN metering point ids. */
export function gs1CheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits[digits.length - 1 - i]);
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** An 18-digit GSRN starting 5713131 (the Danish DataHub prefix) with a valid check digit. */
export function makeGsrn(random: RandomStream, taken: Set<string>): string {
  for (;;) {
    let body = "5713131";
    while (body.length < 17) body += String(random.int(10));
    const id = body + String(gs1CheckDigit(body));
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** A 13-digit GLN with a valid check digit, for fictional market participants. */
export function makeGln(random: RandomStream, prefix = "57900"): string {
  let body = prefix;
  while (body.length < 12) body += String(random.int(10));
  return body + String(gs1CheckDigit(body));
}

// No 0/O or 1/I, as printed codes usually avoid them; any letter or digit is accepted on input.
const WAC_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function makeWebAccessCode(random: RandomStream): string {
  let out = "";
  for (let i = 0; i < 8; i++) out += WAC_ALPHABET[random.int(WAC_ALPHABET.length)];
  return out;
}

export function makeDigits(random: RandomStream, count: number): string {
  let out = String(1 + random.int(9));
  while (out.length < count) out += String(random.int(10));
  return out;
}
