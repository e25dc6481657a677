// Hourly consumption of one metering point as CSV on stdout, with Danish local and UTC times.
//   node examples/export-hourly-csv.mjs [meteringPointId] [from YYYY-MM-DD] [to YYYY-MM-DD] > hours.csv
import { addLocalDays, localDateOf } from "@eloverblik-kit/client";
import { connect } from "./connect.mjs";

const danish = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Copenhagen",
  dateStyle: "short",
  timeStyle: "short",
});

const { client, close } = await connect();
try {
  const [argId, argFrom, argTo] = process.argv.slice(2);
  const id = argId ?? (await client.listMeteringPoints()).find((p) => p.hasRelation)?.meteringPointId;
  if (!id) throw new Error("No metering point: give one as the first argument.");
  const to = argTo ?? localDateOf(Date.now());
  const from = argFrom ?? addLocalDays(to, -7);
  const [result] = await client.getTimeSeries([id], { from, to, aggregation: "Hour" });
  if (!result?.ok) throw result?.error ?? new Error("no result");
  process.stdout.write("metering_point;start_local;start_utc;kwh;quality\n");
  for (const p of result.data.points) {
    const kwh = p.quantity === null ? "" : String(p.quantity);
    process.stdout.write(`${id};${danish.format(new Date(p.start))};${p.start};${kwh};${p.quality}\n`);
  }
  for (const gap of result.data.gaps) process.stderr.write(`no data ${gap.start} to ${gap.end}\n`);
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
} finally {
  await close();
}
