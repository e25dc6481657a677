// Synthesises a realistic gettimeseries body: PT15M data, one Period per Danish local day, so
// DST days carry 92 or 100 positions, with a sprinkle of estimated (A03) and missing (A02) points.
import { addLocalDays, hoursInLocalDay, localDateStartUtc } from "../dist/index.js";

const QUARTER_MS = 900_000;

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}

const iso = (ms) => new Date(ms).toISOString().replace(".000Z", "Z");

export function meteringPointId(i) {
  return `5713131800000${String(i).padStart(5, "0")}`;
}

/** Body text and expected point count for `mpCount` metering points × `days` days from `from`. */
export function synthesizeBody({ mpCount, days, from }) {
  const random = rng(12345);
  let points = 0;
  const items = [];
  const to = addLocalDays(from, days);
  for (let m = 0; m < mpCount; m++) {
    const id = meteringPointId(m);
    const periods = [];
    let date = from;
    for (let d = 0; d < days; d++) {
      const start = localDateStartUtc(date);
      const slots = hoursInLocalDay(date) * 4;
      const pts = new Array(slots);
      for (let p = 0; p < slots; p++) {
        const r = random();
        const quality = r < 0.002 ? "A02" : r < 0.02 ? "A03" : "A04";
        const point = { position: String(p + 1) };
        if (quality !== "A02") point["out_Quantity.quantity"] = (random() * 0.8).toFixed(3);
        point["out_Quantity.quality"] = quality;
        pts[p] = point;
      }
      points += slots;
      periods.push({
        resolution: "PT15M",
        timeInterval: { start: iso(start), end: iso(start + slots * QUARTER_MS) },
        Point: pts,
      });
      date = addLocalDays(date, 1);
    }
    items.push({
      MyEnergyData_MarketDocument: {
        mRID: `doc-${m}`,
        createdDateTime: "2025-01-02T10:00:00Z",
        "sender_MarketParticipant.name": "",
        "sender_MarketParticipant.mRID": { codingScheme: null, name: null },
        "period.timeInterval": { start: iso(localDateStartUtc(from)), end: iso(localDateStartUtc(to)) },
        TimeSeries: [
          {
            mRID: id,
            businessType: "A04",
            curveType: "A01",
            "measurement_Unit.name": "KWH",
            MarketEvaluationPoint: { mRID: { codingScheme: "A10", name: id } },
            Period: periods,
          },
        ],
      },
      success: true,
      errorCode: 10000,
      errorText: "NoError",
      id,
      stackTrace: null,
    });
  }
  return { text: JSON.stringify({ result: items }), points };
}
