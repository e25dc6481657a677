// Child process of run.mjs (section e): the first call of flattenTimeSeries and the first call of
// electricityCost in a fresh process, what a CLI run or an n8n execution of a year's cost pays.
//   node bench/cost-cold.mjs <input.json>   (written by run.mjs: the raw answer, prices, price list)
import { readFileSync } from "node:fs";
import { flattenTimeSeries } from "@eloverblik-kit/client";
import { electricityCost } from "@eloverblik-kit/client/insights";

const { parsed, rest } = JSON.parse(readFileSync(process.argv[2], "utf8"));
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
let t = cpuMs();
let w = performance.now();
const flat = flattenTimeSeries(parsed);
const flattenMs = cpuMs() - t;
const flattenWallMs = performance.now() - w;
t = cpuMs();
w = performance.now();
const cost = electricityCost({ ...rest, points: flat.points });
const costMs = cpuMs() - t;
const costWallMs = performance.now() - w;
process.stdout.write(
  JSON.stringify({ flattenMs, costMs, flattenWallMs, costWallMs, totalDkk: cost.totalDkk }),
);
