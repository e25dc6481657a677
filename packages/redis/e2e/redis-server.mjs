// Starts and stops a real redis-server (Debian's package) on a loopback port for one test file.
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";

/** The redis-server binary, or undefined where it is not installed (the tests then skip, saying so). */
/** @type {string | undefined} */
export const redisServerBinary = (() => {
  for (const candidate of [process.env.REDIS_SERVER, "redis-server", "/usr/bin/redis-server"]) {
    if (!candidate) continue;
    const probe = spawnSync(candidate, ["--version"], { encoding: "utf8" });
    if (probe.status === 0) return candidate;
  }
  return undefined;
})();

export const skipMessage =
  "redis-server is not installed: the Redis tests are skipped (apt-get install redis-server; .ci/run installs it).";

if (!redisServerBinary && process.env.CI) {
  throw new Error("redis-server is missing on CI: .ci/run should have installed it.");
}

/** @returns {Promise<number>} */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** @param {number} [port] */
export async function startRedis(port) {
  if (!redisServerBinary) throw new Error(skipMessage);
  const chosen = port ?? (await freePort());
  /** @type {import("node:child_process").ChildProcess | undefined} */
  let child;
  const start = async () => {
    const proc = spawn(
      redisServerBinary,
      [
        "--port",
        String(chosen),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--daemonize",
        "no",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    child = proc;
    await new Promise((resolve, reject) => {
      let out = "";
      const timer = setTimeout(
        () => reject(new Error(`redis-server did not start: ${out.slice(-400)}`)),
        10_000,
      );
      proc.stdout.on("data", (chunk) => {
        out += chunk.toString();
        if (out.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve(undefined);
        }
      });
      proc.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}: ${out.slice(-400)}`));
      });
    });
  };
  const stop = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    await new Promise((resolve) => {
      proc.once("exit", () => resolve(undefined));
      proc.kill("SIGTERM");
    });
  };
  await start();
  return { port: chosen, url: `redis://127.0.0.1:${chosen}`, stop, start };
}
