// Spawn → `tools/list` answer: the built bin against a bare SDK server with one tool, run in turn
// (A B A B …) so that a machine whose speed drifts moves both alike. Prints the medians and their
// ratio. The bin runs as it does for a user: with a refresh token (from a simulator this script
// starts, so nothing leaves the machine), and once more with --simulator.
// Build first: pnpm turbo run build --filter=@eloverblik-kit/mcp-server...
//
//   node bench/startup.mjs [runs=10]
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startSimulator } from "@eloverblik-kit/simulator/server";

const runs = Number(process.argv[2] ?? 10);
const BIN = fileURLToPath(new URL("../dist/cli/bin.js", import.meta.url));
const BARE = fileURLToPath(new URL("./bare-server.mjs", import.meta.url));

const messages = [
  {
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "bench", version: "1" } },
  },
  { jsonrpc: "2.0", method: "notifications/initialized" },
  { jsonrpc: "2.0", id: 2, method: "tools/list" },
];

/** Milliseconds from spawn to the `tools/list` answer, and that answer's JSON. */
function once(args, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const env = {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ELOVERBLIK_"))),
      ...extraEnv,
    };
    const start = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      err += chunk;
    });
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      out += chunk;
      for (const line of out.split("\n")) {
        if (!line.includes('"id":2')) continue;
        const ms = performance.now() - start;
        child.kill();
        resolve({ ms, answer: line });
        return;
      }
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`${args.join(" ")} exited with ${code} before answering tools/list:\n${err}`)),
    );
    child.stdin.write(messages.map((m) => JSON.stringify(m)).join("\n") + "\n");
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const sim = await startSimulator({ port: 0 });
const tokenEnv = { ELOVERBLIK_REFRESH_TOKEN: sim.tokens.customer, ELOVERBLIK_BASE_URL: sim.url };
const cases = [
  { name: "eloverblik-mcp (refresh token)", args: [BIN], env: tokenEnv },
  { name: "eloverblik-mcp --simulator", args: [BIN, "--simulator"], env: {} },
];
const bare = [];
let answer = "";
for (const c of cases) {
  c.ms = [];
  await once(c.args, c.env); // warm the file cache
}
await once([BARE]);
for (let i = 0; i < runs; i++) {
  for (const c of cases) {
    const a = await once(c.args, c.env);
    c.ms.push(a.ms);
    answer = a.answer;
    bare.push((await once([BARE])).ms);
  }
}
await sim.close();
const tools = JSON.parse(answer).result.tools;
const chars = JSON.stringify(tools).length;
const outputChars = tools.reduce(
  (n, t) => n + (t.outputSchema ? JSON.stringify(t.outputSchema).length : 0),
  0,
);
const fmt = (xs) =>
  `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
console.log(`bare SDK server, one tool:       ${fmt(bare)} (${bare.length} runs)`);
for (const c of cases) {
  console.log(
    `${c.name.padEnd(32)} ${fmt(c.ms)}; ratio of medians ${(median(c.ms) / median(bare)).toFixed(2)}×`,
  );
}
console.log(
  `tool list (customer): ${tools.length} tools, ${chars} JSON characters ≈ ${Math.round(chars / 4)} tokens (characters / 4), output schemas ${Math.round((100 * outputChars) / chars)} %`,
);
