import { startSimulator } from "@eloverblik-kit/simulator";
import { afterEach, describe, expect, it } from "vitest";
import { execute, testCredential } from "./harness";
import { allText, calls, json, node, type Running, setup } from "./support";

let running: Running[] = [];
afterEach(async () => {
  await Promise.all(running.map((r) => r.close()));
  running = [];
});

async function start() {
  const s = await setup();
  running.push(s.sim);
  return s;
}

const list = { resource: "meteringPoint", operation: "getMany" };
const tokenCalls = (sim: Running) => calls(sim, "getToken");

describe("the credentials own the data-access token", () => {
  it("exchange once, store the token for later executions, and add it as the bearer", async () => {
    const { db, sim } = await start();
    for (let run = 0; run < 3; run++) {
      const { items } = await execute({ db, nodeType: node, parameters: list });
      expect(items.length).toBeGreaterThan(0);
    }
    expect(tokenCalls(sim).map((c) => c.status)).toEqual([200]);
    expect(db.get("eloverblikCustomerApi").accessToken).toEqual(expect.stringMatching(/^ey/));
  });

  it("renew through n8n after a 401 and persist the new token (one exchange, the call succeeds)", async () => {
    const { db, sim } = await start();
    const expired = sim.simulator.issueDataAccessToken({ api: "customer", expiresInMs: -60_000 });
    db.set("eloverblikCustomerApi", { ...db.get("eloverblikCustomerApi"), accessToken: expired });
    const { items } = await execute({ db, nodeType: node, parameters: list });
    expect(items.length).toBeGreaterThan(0);
    expect(calls(sim, "listMeteringPoints").map((c) => c.status)).toEqual([401, 401, 200]);
    expect(tokenCalls(sim).map((c) => c.status)).toEqual([200]);
    expect(db.get("eloverblikCustomerApi").accessToken).not.toBe(expired);
  });

  it("three concurrent executions after an expiry all succeed with one exchange in one process", async () => {
    const { db, sim } = await start();
    const expired = sim.simulator.issueDataAccessToken({ api: "customer", expiresInMs: -60_000 });
    db.set("eloverblikCustomerApi", { ...db.get("eloverblikCustomerApi"), accessToken: expired });
    const runs = await Promise.all([1, 2, 3].map(() => execute({ db, nodeType: node, parameters: list })));
    expect(runs.every((r) => r.items.length > 0)).toBe(true);
    expect(tokenCalls(sim).map((c) => c.status)).toEqual([200]);
  });

  it("wait for Retry-After when the token endpoint answers 429 (other workers took the quota), then succeed", async () => {
    const { db, sim } = await start();
    sim.simulator.setScenario({ rateLimited: { calls: 1, operation: "token", retryAfterSeconds: 1 } });
    const { items } = await execute({ db, nodeType: node, parameters: list });
    expect(items.length).toBeGreaterThan(0);
    expect(tokenCalls(sim).map((c) => c.status)).toEqual([429, 200]);
  });

  it("give up with the shared message when the 429s do not end, without hanging the execution", async () => {
    const { db, sim } = await start();
    sim.simulator.setScenario({ rateLimited: { operation: "token", retryAfterSeconds: 3600 } });
    const error = await execute({ db, nodeType: node, parameters: list }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "NodeApiError" });
    expect(String((error as Error).message)).toMatch(/rate|limit|429|too many/i);
    expect(tokenCalls(sim).length).toBe(1);
  });

  it("fail at once with the catalogue message for a refused, expired or wrong refresh token", async () => {
    const { db, sim } = await start();
    const other = await startSimulator({ port: 0, seed: 99 });
    running.push(other);
    const cases = [
      { token: other.tokens.customer, code: /refused|revoked/i, requests: 1 },
      {
        token: sim.simulator.issueRefreshToken({ api: "customer", expiresInMs: -1000 }),
        code: /expired/i,
        requests: 0,
      },
      { token: sim.tokens.thirdparty, code: /Third Party/i, requests: 0 },
      { token: "not a token", code: /characters|cannot be read|paste/i, requests: 0 },
    ];
    for (const c of cases) {
      const before = tokenCalls(sim).length;
      db.set("eloverblikCustomerApi", { refreshToken: c.token, baseUrl: sim.url, accessToken: "" });
      const error = await execute({ db, nodeType: node, parameters: list }).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "NodeApiError" });
      expect(`${(error as Error).message} ${(error as { description?: string }).description}`).toMatch(
        c.code,
      );
      expect(tokenCalls(sim).length - before).toBe(c.requests);
      expect(allText(error)).not.toContain(c.token);
    }
  });

  it("Test exchanges the token (one of the 2 a minute) and checks it opens a list", async () => {
    const { db, sim } = await start();
    expect(await testCredential(db, "eloverblikCustomerApi")).toEqual({ status: 200 });
    expect(await testCredential(db, "eloverblikThirdPartyApi")).toEqual({ status: 200 });
    expect(tokenCalls(sim)).toHaveLength(2);
  });

  it("stop the requests when the execution is cancelled", async () => {
    const { db, sim, ids } = await start();
    await execute({ db, nodeType: node, parameters: list });
    sim.simulator.setScenario({ slow: { delayMs: 20_000 } });
    const cancel = new AbortController();
    const pending = execute({
      db,
      nodeType: node,
      cancel: cancel.signal,
      parameters: {
        resource: "timeSeries",
        operation: "get",
        meteringPointSelection: "ids",
        meteringPointIds: ids.flex?.id,
        period: "yesterday",
      },
    }).catch((e: unknown) => e);
    await new Promise((resolve) => queueMicrotask(() => resolve(undefined)));
    cancel.abort();
    const error = await pending;
    expect(error).toMatchObject({ name: "NodeApiError" });
    expect(String((error as Error).message)).toMatch(/cancel/i);
    expect(json([])).toEqual([]);
  });
});
