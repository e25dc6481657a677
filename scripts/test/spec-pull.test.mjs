import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../lib/spec-sources.mjs";

const PULL = resolve(REPO_ROOT, "scripts/spec-pull.mjs");
const CUSTOMER_PATH = "/customerapi/swagger/customerapi-v1.0/swagger.json";
const THIRDPARTY_PATH = "/thirdpartyapi/swagger/thirdpartyapi-v1.0/swagger.json";
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

/** @param {string} title */
const fakeDocument = (title) => ({ openapi: "3.0.4", info: { title }, paths: { "/x": {} } });

/** @param {string} path */
function serveBoth(path) {
  if (path === CUSTOMER_PATH) return { status: 200, body: JSON.stringify(fakeDocument("customer")) };
  if (path === THIRDPARTY_PATH) return { status: 200, body: JSON.stringify(fakeDocument("thirdparty")) };
  return { status: 404, body: "" };
}

/**
 * What the fake Energinet answers, per scenario prefix: /<scenario>/customerapi/...
 * @type {Record<string, (path: string) => { status: number, body: string } | "hang">}
 */
const SCENARIOS = {
  ok: serveBoth,
  html: () => ({ status: 200, body: "<!doctype html><title>maintenance</title>" }),
  notopenapi: () => ({ status: 200, body: JSON.stringify({ hello: "world" }) }),
  // The customer document arrives but the third-party one fails: nothing may be written.
  halfway: (path) => (path === CUSTOMER_PATH ? serveBoth(path) : { status: 500, body: "boom" }),
  slow: () => "hang",
};

/** @type {import("node:http").Server} */
let server;
let baseUrl = "";
const scratch = mkdtempSync(join(tmpdir(), "spec-pull-"));

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = request.url ?? "/";
    const slash = url.indexOf("/", 1);
    const scenario = SCENARIOS[url.slice(1, slash)];
    const answer = scenario ? scenario(url.slice(slash)) : { status: 404, body: "" };
    if (answer === "hang") return; // never answer; the client's timeout must fire
    response.writeHead(answer.status, { "content-type": "application/json" });
    response.end(answer.body);
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", () => done(undefined)));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("server has no port");
  baseUrl = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(() => done(undefined)));
  rmSync(scratch, { recursive: true, force: true });
});

/**
 * @param {string[]} args
 * @param {string} base value for ELOVERBLIK_SPEC_BASE_URL
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
function pull(args, base) {
  return new Promise((resolvePromise, reject) => {
    const env = { ...process.env, ELOVERBLIK_SPEC_BASE_URL: base };
    const child = spawn(process.execPath, [PULL, ...args], { cwd: REPO_ROOT, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** A port nothing listens on: bind an ephemeral port, then release it. */
async function closedPort() {
  const probe = createServer();
  await new Promise((done) => probe.listen(0, "127.0.0.1", () => done(undefined)));
  const address = probe.address();
  await new Promise((done) => probe.close(() => done(undefined)));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("spec:pull", () => {
  it("downloads both documents into --out", async () => {
    const out = join(scratch, "ok");
    const result = await pull(["--out", out], `${baseUrl}/ok/`);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "customer-api.json"), "utf8"))).toEqual(
      fakeDocument("customer"),
    );
    expect(JSON.parse(readFileSync(join(out, "thirdparty-api.json"), "utf8"))).toEqual(
      fakeDocument("thirdparty"),
    );
    expect(readdirSync(out).sort()).toEqual(["customer-api.json", "thirdparty-api.json"]);
    expect(result.stdout).toContain("wrote");
  });

  it("fails with exit 1 and one clear paragraph when the host cannot be reached", async () => {
    const out = join(scratch, "refused");
    const port = await closedPort();
    const result = await pull(["--out", out], `http://127.0.0.1:${port}`);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const message = result.stderr.trim();
    expect(message).not.toContain("\n");
    expect(message).not.toMatch(STACK_FRAME);
    expect(message).toContain(
      `could not download the Customer API document from http://127.0.0.1:${port}${CUSTOMER_PATH}`,
    );
    expect(message).toContain("ECONNREFUSED");
    expect(message).toContain("spec:check");
    expect(message).toContain("../shared/spec/");
    expect(message).toContain("skips");
    expect(existsSync(out)).toBe(false);
  });

  it("rejects answers that are not OpenAPI JSON", async () => {
    /** @type {Array<[string, string]>} */
    const cases = [
      ["html", "the response is not JSON"],
      ["notopenapi", 'lacks "openapi" or "paths"'],
      ["missing", "HTTP 404"],
    ];
    for (const [scenario, reason] of cases) {
      const out = join(scratch, scenario);
      const result = await pull(["--out", out], `${baseUrl}/${scenario}`);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(reason);
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expect(existsSync(out)).toBe(false);
    }
  });

  it("writes nothing when only one of the two documents could be fetched", async () => {
    const out = join(scratch, "halfway");
    const result = await pull(["--out", out], `${baseUrl}/halfway`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("could not download the Third Party API document");
    expect(result.stderr).toContain("HTTP 500");
    expect(existsSync(out)).toBe(false);
  });

  it("gives up after --timeout seconds", async () => {
    const result = await pull(["--out", join(scratch, "slow"), "--timeout", "0.3"], `${baseUrl}/slow`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("no answer within 0.3 s");
  });

  it("exits 2 on a bad command line or base URL", async () => {
    expect((await pull(["--timeout", "soon"], baseUrl)).code).toBe(2);
    expect((await pull(["--unknown"], baseUrl)).code).toBe(2);
    const badBase = await pull([], "api.eloverblik.dk");
    expect(badBase.code).toBe(2);
    expect(badBase.stderr).toContain("ELOVERBLIK_SPEC_BASE_URL must be an absolute http(s) URL");
  });
});
