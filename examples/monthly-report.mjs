// Consumption per Danish calendar month for the last 12 months, per consumption metering point.
//   node examples/monthly-report.mjs
import { addLocalMonths, localDateOf, localParts } from "@eloverblik-kit/client";
import { connect } from "./connect.mjs";

const { client, meteringPoints, close } = await connect();
try {
  const ids = (await meteringPoints()).filter((p) => p.typeOfMP === "E17").map((p) => p.meteringPointId);
  const today = localDateOf(Date.now());
  const firstOfMonth = `${today.slice(0, 8)}01`;
  const from = addLocalMonths(firstOfMonth, -12);
  const results = await client.getTimeSeries(ids, { from, to: firstOfMonth, aggregation: "Month" });
  for (const r of results) {
    if (!r.ok) {
      console.log(`${r.id}: ${r.error.code} — ${r.error.message}`);
      continue;
    }
    console.log(`${r.id} (kWh per month, ${from} to ${firstOfMonth})`);
    for (const p of r.data.points) {
      const { year, month } = localParts(Date.parse(p.start));
      const label = `${year}-${String(month).padStart(2, "0")}`;
      console.log(
        `  ${label}  ${p.quantity === null ? "   n/a" : p.quantity.toFixed(1).padStart(8)}  ${p.quality}`,
      );
    }
  }
} finally {
  await close();
}
