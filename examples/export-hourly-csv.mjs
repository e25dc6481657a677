// Hourly consumption of one metering point as CSV on stdout, with Danish local and UTC times.
//   node examples/export-hourly-csv.mjs [meteringPointId] [from YYYY-MM-DD] [to YYYY-MM-DD] > hours.csv
// The local time carries its offset on the repeated hour of the 25-hour October day
// ("2025-10-26 02:00+02:00", then "2025-10-26 02:00+01:00"), so no two rows read the same.
import { addLocalDays, localDateOf } from "@eloverblik-kit/client";
import { writePointsCsv } from "@eloverblik-kit/client/insights";
import { connect } from "./connect.mjs";

const { client, meteringPoints, close } = await connect();
try {
  const [argId, argFrom, argTo] = process.argv.slice(2);
  const id = argId ?? (await meteringPoints())[0]?.meteringPointId;
  if (!id) throw new Error("No metering point: give one as the first argument.");
  const to = argTo ?? localDateOf(Date.now());
  const from = argFrom ?? addLocalDays(to, -7);
  const [result] = await client.getTimeSeries([id], { from, to, aggregation: "Hour" });
  if (!result?.ok) throw result?.error ?? new Error("no result");
  // Streams in chunks and waits when stdout is full; { decimal: "," } would suit a Danish spreadsheet.
  await writePointsCsv(result.data.points, process.stdout, {
    columns: ["meteringPointId", "startLocal", "start", "quantity", "quality"],
    headers: { meteringPointId: "metering_point", start: "start_utc", quantity: "kwh" },
    separator: ";",
    localOffset: "ambiguous",
  });
  for (const gap of result.data.gaps) process.stderr.write(`no data ${gap.start} to ${gap.end}\n`);
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
} finally {
  await close();
}
