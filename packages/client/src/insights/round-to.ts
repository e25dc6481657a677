/**
 * Rounds to a fixed number of decimals without float noise (0.1 + 0.2 → 0.3). The insights round
 * energy to 3 decimals (the API's own precision), averages to 4 and money to 2, so that every
 * surface shows the same figures.
 */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  // -0 reads as "0" in JSON but as "-0" in some hosts' displays.
  return rounded === 0 ? 0 : rounded;
}
