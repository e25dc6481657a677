/** A Danish price area and how it was decided. */
export interface PriceAreaChoice {
  area: "DK1" | "DK2";
  /** "option": the user gave it; "postcode": inferred from the metering point's postcode. */
  source: "option" | "postcode";
  postcode?: string;
}

/**
 * The price area of a Danish postcode: 1000–4999 (Zealand, Lolland-Falster, Bornholm's 3700–3799
 * included) is DK2 (east), the rest DK1 (west: Jutland, Funen). Eloverblik has no price-area field,
 * so this is an inference: report it as such and let the user override it. Undefined for what is not
 * a four-digit postcode.
 */
export function priceAreaFromPostcode(postcode: unknown): PriceAreaChoice | undefined {
  const text =
    typeof postcode === "number" ? String(postcode) : typeof postcode === "string" ? postcode.trim() : "";
  if (!/^\d{4}$/.test(text)) return undefined;
  const n = Number(text);
  if (n < 1000) return undefined;
  return { area: n <= 4999 ? "DK2" : "DK1", source: "postcode", postcode: text };
}
