// No token ever reaches a result, a resource, a prompt or a log line, failures included.
import { createEloverblik } from "@eloverblik-kit/client";
import type { RunningSimulator } from "@eloverblik-kit/simulator/server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startupTokenMessage } from "../src/context.js";
import { createServerContext } from "../src/index.js";
import { clock, connect, idsOf, type Session, startSim } from "./support/harness.js";

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSim();
});

afterAll(async () => {
  await sim.close();
});

/** Runs a session that succeeds, fails per item, fails whole, and reads resources and prompts. */
async function exercise(session: Session, ids: ReturnType<typeof idsOf>): Promise<string[]> {
  const seen: string[] = [];
  const period = { from: "2026-01-05", to: "2026-01-07" };
  await session.call("api_status");
  await session.call("list_metering_points", { include_all: true });
  await session.call("get_metering_point_details", {
    metering_point_ids: [ids.household, ids.blocked, ids.business],
  });
  await session.call("get_time_series", {
    metering_point_ids: [ids.household, ids.blocked],
    ...period,
    include_points: true,
  });
  await session.call("get_consumption_profile", { metering_point_ids: [ids.household], ...period });
  await session.call("get_charges", { metering_point_ids: [ids.household, ids.business] });
  await session.call("estimate_grid_charges", { metering_point_ids: [ids.household], ...period });
  await session.call("get_time_series", { metering_point_ids: ["123"], from: "2026-01-01" });
  await session.call("add_relation_by_web_access_code", {
    metering_point_id: ids.business,
    web_access_code: "WRONG123",
  });
  await session.call("delete_relation", { metering_point_id: ids.business });
  sim.simulator.setScenario({ unavailable: { pathIncludes: "gettimeseries" } });
  await session.call("get_time_series", { metering_point_ids: [ids.household], ...period });
  sim.simulator.setScenario({ unavailable: false });
  try {
    const listed = await session.client.listResources();
    seen.push(JSON.stringify(listed));
    seen.push(
      JSON.stringify(
        await session.client.readResource({ uri: `eloverblik://metering-point/${ids.household}` }),
      ),
    );
    await session.client
      .readResource({ uri: `eloverblik://metering-point/${ids.blocked}` })
      .catch((e: unknown) => {
        seen.push(String(e));
      });
  } catch (error) {
    seen.push(String(error));
  }
  seen.push(JSON.stringify(await session.client.getPrompt({ name: "consumption_review", arguments: {} })));
  seen.push(...session.results.map((r) => JSON.stringify(r)), ...session.logs);
  return seen;
}

it("never shows a refresh token or a data-access token", async () => {
  const ids = idsOf(sim);
  const refresh = sim.simulator.issueRefreshToken({ api: "customer", tokenName: "secret-test" });
  const expired = sim.simulator.issueRefreshToken({ api: "customer", expiresInMs: -1000 });
  const fresh = sim.simulator.issueRefreshToken({ api: "customer" });
  const seen: string[] = [];

  // A working server, with failures along the way.
  const working = await connect({
    api: "customer",
    refreshToken: refresh,
    baseUrl: sim.url,
    clientOptions: { now: clock, retry: { maxAttempts: 1 } },
  });
  seen.push(...(await exercise(working, ids)));
  await working.close();

  // Unusable tokens: expired, and for the other API.
  for (const refreshToken of [expired, sim.tokens.thirdparty]) {
    const session = await connect({ api: "customer", baseUrl: sim.url, refreshToken });
    const ctx = createServerContext({ api: "customer", baseUrl: sim.url, now: clock, refreshToken });
    seen.push(startupTokenMessage(ctx));
    seen.push(...(await exercise(session, ids)));
    await session.close();
  }

  // A token whose exchange fails with 503. One call only: the client allows two token calls a
  // minute, as Energinet does, and would wait for the third.
  sim.simulator.setScenario({ unavailable: { pathIncludes: "/token" } });
  const failing = await connect({
    api: "customer",
    baseUrl: sim.url,
    refreshToken: fresh,
    clientOptions: { now: clock, retry: { maxAttempts: 1 } },
  });
  const refused = await failing.call("get_charges", { metering_point_ids: [ids.household] });
  expect(refused.isError).toBe(true);
  expect(JSON.stringify(refused)).toMatch(/DATAHUB_UNAVAILABLE/);
  seen.push(...failing.results.map((r) => JSON.stringify(r)), ...failing.logs);
  await failing.close();
  sim.simulator.setScenario({ unavailable: false });

  // A client that has really exchanged tokens, so data-access tokens exist to look for.
  const direct = createEloverblik({ api: "customer", refreshToken: refresh, baseUrl: sim.url, now: clock });
  const dataAccess = await direct.accessToken();

  const issued = sim.simulator.model.issuedTokens.map((t) => t.token);
  const secrets = [
    ...new Set([refresh, expired, fresh, sim.tokens.customer, sim.tokens.thirdparty, dataAccess, ...issued]),
  ];
  expect(issued.length).toBeGreaterThan(3);
  expect(sim.simulator.model.issuedTokens.some((t) => t.kind !== "refresh")).toBe(true);

  const everything = seen.join("\n");
  // The run must really have produced failures and logs, or the check below proves nothing.
  expect(everything).toMatch(/TOKEN_EXPIRED/);
  expect(everything).toMatch(/WRONG_TOKEN_TYPE/);
  expect(everything).toMatch(/DATAHUB_UNAVAILABLE/);
  expect(everything).toMatch(/FORBIDDEN/);
  expect(everything).toMatch(/failed\. /);
  for (const secret of secrets) {
    expect(everything.includes(secret), `a token (${secret.slice(0, 12)}…) leaked`).toBe(false);
    // Not even the signature part on its own.
    const signature = secret.split(".")[2];
    if (signature && signature.length > 16) expect(everything.includes(signature)).toBe(false);
  }
  expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/);
});

/** Every run of 16 characters of `piece`, which must not be found in `text`. */
function leakedRun(text: string, piece: string): string | undefined {
  for (let i = 0; i + 16 <= piece.length; i++) {
    const run = piece.slice(i, i + 16);
    if (text.includes(run)) return run;
  }
  return undefined;
}

it("removes pieces of a token from error texts, not only the whole token", async () => {
  const ids = idsOf(sim);
  const refresh = sim.simulator.issueRefreshToken({ api: "customer", tokenName: "cut-test" });
  const session = await connect({
    api: "customer",
    refreshToken: refresh,
    baseUrl: sim.url,
    clientOptions: { now: clock, retry: { maxAttempts: 1 } },
  });
  try {
    // A call that exchanges the refresh token, so that a data-access token exists as well.
    expect((await session.call("list_metering_points")).isError).toBeFalsy();
    const accessTokens = sim.simulator.model.issuedTokens.filter((t) => t.kind !== "refresh");
    const access = accessTokens[accessTokens.length - 1]?.token ?? "";
    expect(access.split(".")).toHaveLength(3);

    const [header = "", payload = ""] = refresh.split(".");
    const pieces = {
      // Cut in the middle of its claims, as a truncated paste would be.
      "cut in the payload": `${header}.${payload.slice(0, Math.floor(payload.length / 2))}`,
      // A stretch from inside the claims: nothing about it looks like a token.
      "middle of the payload": payload.slice(21, 61),
      "middle of the data-access token": (access.split(".")[1] ?? "").slice(17, 57),
    };
    for (const [name, piece] of Object.entries(pieces)) {
      expect(piece.length, name).toBeGreaterThanOrEqual(32);
      // The assistant pasted it where something else belongs. The client quotes a bad argument it
      // sees (an unusable identifier), and the SDK quotes what its own checks refuse: an enum
      // value, an unknown argument's name, an unknown tool or prompt.
      const echoes: Array<[string, () => Promise<unknown>, RegExp]> = [
        [
          "client: a resource id",
          () => session.client.readResource({ uri: `eloverblik://metering-point/${piece}` }),
          /INVALID_INPUT/,
        ],
        [
          "SDK: an enum value",
          () =>
            session.call("get_time_series", {
              metering_point_ids: [ids.household],
              from: "2026-01-05",
              aggregation: piece,
            }),
          /Invalid enum value[\s\S]*received '\[redacted/,
        ],
        [
          "SDK: an argument's name",
          () =>
            session.call("get_time_series", {
              metering_point_ids: [ids.household],
              from: "2026-01-05",
              [piece]: 1,
            }),
          /Unrecognized key\(s\) in object: '\[redacted/,
        ],
        [
          "SDK: a tool's name",
          () => session.client.callTool({ name: piece, arguments: {} }),
          /Tool \[redacted[^ ]* not found/,
        ],
        [
          "SDK: a prompt's name",
          () => session.client.getPrompt({ name: piece }),
          /Prompt \[redacted[^ ]* not found/,
        ],
        [
          "SDK: a prompt argument",
          () => session.client.getPrompt({ name: "consumption_review", arguments: { from: piece } }),
          /YYYY-MM-DD/,
        ],
      ];
      for (const [path, run, message] of echoes) {
        const text = await run().then(
          (r) => JSON.stringify(r),
          (e: unknown) => String(e),
        );
        expect(text, `${name}, ${path}`).toMatch(message);
        expect(leakedRun(text, piece), `${name}, ${path}`).toBeUndefined();
      }
    }
  } finally {
    await session.close();
  }
});
