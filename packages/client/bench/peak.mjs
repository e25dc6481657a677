// Child process of run.mjs: runs one job in a fresh process and prints its peak RSS.
//   node bench/peak.mjs <job> <ids> <from> <to>
// Jobs: "rows" (getTimeSeries) and "columnar" (getTimeSeriesColumnar) through an in-memory fetch
// whose answers are produced as they are read; "parse" reads and parses the same answers and keeps
// them all, which is what holding every chunk parsed until the last one arrives costs.
import { planDataRequests } from "@eloverblik-kit/client";
import { inMemoryClient } from "./in-memory.mjs";
import { bodyStream, meteringPointId } from "./synth.mjs";

const [job, count, from, to] = process.argv.slice(2);
const ids = Array.from({ length: Number(count) }, (_, i) => meteringPointId(i));
let kept;
if (job === "rows" || job === "columnar") {
  const client = inMemoryClient();
  const query = { from, to, aggregation: "Actual" };
  kept =
    job === "rows" ? await client.getTimeSeries(ids, query) : await client.getTimeSeriesColumnar(ids, query);
  const failed = kept.find((r) => !r.ok);
  if (failed) throw failed.error;
} else if (job === "parse") {
  kept = await Promise.all(
    planDataRequests(ids, { from, to }).map(async (entry) =>
      JSON.parse(await new Response(bodyStream({ ids: entry.ids, from: entry.from, to: entry.to })).text()),
    ),
  );
} else {
  throw new Error(`unknown job ${job}`);
}
if (kept === undefined) process.exit(1);
process.stdout.write(JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
