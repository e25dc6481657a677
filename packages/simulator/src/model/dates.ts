// Local dates are `YYYY-MM-DD` strings, which compare correctly as text (Math.max/min do not apply).

export function laterDate(a: string, b: string): string {
  return a > b ? a : b;
}

export function earlierDate(a: string, b: string): string {
  return a < b ? a : b;
}
