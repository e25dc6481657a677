const QUALITIES: Readonly<Record<string, string>> = {
  A01: "adjusted",
  A02: "not available",
  A03: "estimated",
  A04: "measured",
  A05: "incomplete",
};

/**
 * A point's quality code in words: A04 measured, A03 estimated, A02 not available (no usable
 * quantity), A05 incomplete, A01 adjusted (not sent since 2020).
 */
export function qualityLabel(quality: string | null | undefined): string {
  if (!quality) return "unknown";
  return QUALITIES[quality] ?? `quality ${quality}`;
}
