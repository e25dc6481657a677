// Child process of run.mjs: reads a body file, runs one form of the job and prints its peak RSS.
import { readFileSync } from "node:fs";
import { flattenTimeSeries, flattenTimeSeriesColumnar } from "../dist/index.js";

const [file, form] = process.argv.slice(2);
const parsed = JSON.parse(readFileSync(file, "utf8"));
let kept;
if (form === "rows") kept = flattenTimeSeries(parsed);
else if (form === "columnar") kept = flattenTimeSeriesColumnar(parsed);
else kept = parsed;
if (kept === undefined) process.exit(1);
process.stdout.write(JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
