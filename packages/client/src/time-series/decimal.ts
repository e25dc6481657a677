/**
 * Strict, locale-independent number parsing for the string-typed numbers of the wire format.
 * `Number()`/`parseFloat()` would accept `""`, `" 1"`, `"1e3"`, `"0x1F"` or the prefix of
 * `"0,734"`; a wrong number is worse than an error, so only plain decimals pass here.
 */

// Exact powers of ten: dividing an exact integer mantissa by one of these is a single correctly
// rounded IEEE operation, so the result equals what `Number()` returns for the same text.
const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

/**
 * Parses `-?digits(.digits)?` and returns NaN for anything else (comma decimals, exponents,
 * whitespace, signs other than a leading minus, a bare or trailing dot).
 */
export function parseDecimal(text: string): number {
  const n = text.length;
  if (n === 0) return Number.NaN;
  let i = 0;
  let negative = false;
  if (text.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === 46 && fraction < 0 && digits > 0) {
      fraction = 0;
    } else {
      return Number.NaN;
    }
  }
  if (digits === 0 || fraction === 0) return Number.NaN;
  // Beyond 15 digits the running mantissa may be inexact; the text is known to be a plain
  // decimal by now, so the engine's correctly rounded conversion is safe to use.
  if (digits > 15 || fraction > 22) return Number(text);
  const value = fraction > 0 ? mantissa / (POW10[fraction] as number) : mantissa;
  return negative ? -value : value;
}

/** Parses a positive integer written with digits only; returns NaN otherwise. */
export function parsePositiveInt(value: unknown): number {
  if (typeof value === "number") return Number.isInteger(value) && value > 0 ? value : Number.NaN;
  if (typeof value !== "string") return Number.NaN;
  const n = value.length;
  if (n === 0 || n > 9) return Number.NaN;
  let out = 0;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return Number.NaN;
    out = out * 10 + (c - 48);
  }
  return out > 0 ? out : Number.NaN;
}
