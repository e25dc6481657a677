// Synthesises realistic gettimeseries bodies: PT15M data, one Period per Danish local day, so DST
// days carry 92 or 100 positions, with a sprinkle of estimated (A03) and missing (A02) points.
// Every day of every metering point has its own seed, so any request (ids × period) gives the same
// points for the same days however the period is cut, and a body can be streamed piece by piece.
import { addLocalDays, daysBetween, hoursInLocalDay, localDateStartUtc } from "@eloverblik-kit/client";

const QUARTER_MS = 900_000;
const DAY_MS = 86_400_000;

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

/** Points of one PT15M day. */
export function pointsInDay(date) {
  return hoursInLocalDay(date) * 4;
}

function periodText(id, date) {
  const start = localDateStartUtc(date);
  const slots = pointsInDay(date);
  const random = rng(Math.imul(Number(id.slice(-7)) + 1, 2_654_435_761) ^ Math.floor(start / DAY_MS));
  const pts = new Array(slots);
  for (let p = 0; p < slots; p++) {
    const r = random();
    const quality = r < 0.002 ? "A02" : r < 0.02 ? "A03" : "A04";
    pts[p] =
      quality === "A02"
        ? `{"position":"${p + 1}","out_Quantity.quality":"A02"}`
        : `{"position":"${p + 1}","out_Quantity.quantity":"${(random() * 0.8).toFixed(3)}","out_Quantity.quality":"${quality}"}`;
  }
  return `{"resolution":"PT15M","timeInterval":{"start":"${iso(start)}","end":"${iso(start + slots * QUARTER_MS)}"},"Point":[${pts.join(",")}]}`;
}

/**
 * The body of one gettimeseries answer for `ids` over [from, to), as a sequence of strings whose
 * concatenation is the JSON text (one piece per metering point and day).
 */
export function* bodyPieces({ ids, from, to }) {
  const days = daysBetween(from, to);
  yield '{"result":[';
  for (let m = 0; m < ids.length; m++) {
    const id = ids[m];
    const interval = `{"start":"${iso(localDateStartUtc(from))}","end":"${iso(localDateStartUtc(to))}"}`;
    yield `${m === 0 ? "" : ","}{"MyEnergyData_MarketDocument":{"mRID":"doc-${m}","createdDateTime":"2025-01-02T10:00:00Z","sender_MarketParticipant.name":"","sender_MarketParticipant.mRID":{"codingScheme":null,"name":null},"period.timeInterval":${interval},"TimeSeries":[{"mRID":"${id}","businessType":"A04","curveType":"A01","measurement_Unit.name":"KWH","MarketEvaluationPoint":{"mRID":{"codingScheme":"A10","name":"${id}"}},"Period":[`;
    let date = from;
    for (let d = 0; d < days; d++) {
      yield d === 0 ? periodText(id, date) : `,${periodText(id, date)}`;
      date = addLocalDays(date, 1);
    }
    yield `]}]},"success":true,"errorCode":10000,"errorText":"NoError","id":"${id}","stackTrace":null}`;
  }
  yield "]}";
}

/** Points in a body for `ids` over [from, to). */
export function pointCount({ ids, from, to }) {
  let points = 0;
  for (let date = from; date < to; date = addLocalDays(date, 1)) points += pointsInDay(date);
  return points * ids.length;
}

/** The body as a byte stream, produced piece by piece as it is read (like a network answer). */
export function bodyStream(query) {
  const pieces = bodyPieces(query);
  const encoder = new TextEncoder();
  return new ReadableStream({
    pull(controller) {
      // About 64 kB per read, as a socket would deliver it.
      let text = "";
      while (text.length < 65_536) {
        const next = pieces.next();
        if (next.done) break;
        text += next.value;
      }
      if (text === "") controller.close();
      else controller.enqueue(encoder.encode(text));
    },
  });
}

/** Body text and expected point count for `mpCount` metering points × `days` days from `from`. */
export function synthesizeBody({ mpCount, days, from }) {
  const ids = Array.from({ length: mpCount }, (_, i) => meteringPointId(i));
  const query = { ids, from, to: addLocalDays(from, days) };
  return { text: [...bodyPieces(query)].join(""), points: pointCount(query) };
}
