/** Energinet's GLN: its transmission and system tariffs and the electricity tax. */
export const ENERGINET_GLN = "5790000432752";
