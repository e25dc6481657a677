/** A unit as people write it: the API says `KWH`, a reader expects `kWh`. Others pass unchanged. */
export function unitLabel(unit: string | null | undefined): string {
  if (!unit) return "";
  const upper = unit.toUpperCase();
  return upper === "KWH" ? "kWh" : upper === "MWH" ? "MWh" : unit;
}
