/** Wire formats of the live API, kept in one place. */

/** `2024-02-11T23:00:00Z`: time-series instants carry no milliseconds (EDDIE-FIX). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** `2021-02-28T23:00:00.000Z`: master data and charges carry milliseconds (EDDIE-FIX, POWERUSE). */
export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/** Wh as a kWh decimal string with a dot and at most 3 decimals, no trailing zeros ("0.13", "591.5"). */
export function formatKwh(wh: number): string {
  const fixed = (wh / 1000).toFixed(3);
  return fixed.replace(/\.?0+$/, "") || "0";
}

/** Danish CSV decimal: comma, at most 3 decimals. */
export function formatKwhCsv(wh: number): string {
  return formatKwh(wh).replace(".", ",");
}

/** "True"/"False": booleans in master data arrive as strings (EDDIE-FIX). */
export function dotnetBool(value: boolean): "True" | "False" {
  return value ? "True" : "False";
}
