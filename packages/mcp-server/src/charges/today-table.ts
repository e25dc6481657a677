import { type TariffTableRow, tariffRuns } from "@eloverblik-kit/client/insights";

/** "00:00–06:00 0.5123 · 06:00–17:00 0.7654 …": a day's tariff table as runs of equal prices. */
export function tariffTableText(rows: readonly TariffTableRow[]): string {
  return tariffRuns(rows)
    .map((r) => `${r.clock}–${r.clockEnd} ${r.total}`)
    .join(" · ");
}
