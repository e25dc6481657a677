import { localDateOf } from "../time/danish-time.js";
import type { TimeSeriesPoint } from "../time-series/types.js";
import { formatDanishTime } from "./format-danish-time.js";
import { qualityLabel } from "./quality-label.js";
import { toInstant } from "./to-instant.js";

/**
 * One point as a flat record for hosts that hand data on item by item (n8n items, Node-RED
 * messages, CSV or NDJSON lines): UTC instants and the Danish wall clock with its offset, so that the
 * repeated hour of the autumn switch reads `02:00+02:00` then `02:00+01:00`.
 */
export interface PointRecord {
  meteringPointId: string;
  /** UTC ISO instants; `end` is exclusive. */
  start: string;
  end: string;
  /** `2025-10-26 02:00+02:00`. */
  localStart: string;
  localEnd: string;
  /** The Danish calendar date the point starts on. */
  localDate: string;
  quantity: number | null;
  unit: string;
  quality: string;
  /** measured, estimated, not available, … */
  qualityLabel: string;
  resolution: string;
  businessType: string;
}

export function pointRecord(point: TimeSeriesPoint): PointRecord {
  const startMs = toInstant(point.start);
  return {
    meteringPointId: point.meteringPointId,
    start: point.start,
    end: point.end,
    localStart: formatDanishTime(startMs),
    localEnd: formatDanishTime(point.end),
    localDate: localDateOf(startMs),
    quantity: point.quantity,
    unit: point.unit,
    quality: point.quality,
    qualityLabel: qualityLabel(point.quality),
    resolution: point.resolution,
    businessType: point.businessType,
  };
}
