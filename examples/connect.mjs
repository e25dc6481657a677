// Shared by the examples: a client for your own data when ELOVERBLIK_REFRESH_TOKEN is set, else for
// the built-in simulator (started here, stopped by `close()`); ELOVERBLIK_API=thirdparty for the
// Third Party API. `meteringPoints()` lists the metering points the client may read in either API.
import { createEloverblik } from "@eloverblik-kit/client";

export async function connect() {
  const api = process.env.ELOVERBLIK_API === "thirdparty" ? "thirdparty" : "customer";
  const token = process.env.ELOVERBLIK_REFRESH_TOKEN?.trim();
  if (token) {
    const client = createEloverblik({ api, refreshToken: token });
    return { client, meteringPoints: () => meteringPoints(client, api), close: async () => {} };
  }
  const { startSimulator } = await import("@eloverblik-kit/simulator/server");
  const sim = await startSimulator({ seed: 1 });
  process.stderr.write(`(no ELOVERBLIK_REFRESH_TOKEN: using the simulator at ${sim.url})\n`);
  const client = createEloverblik({ api, refreshToken: sim.tokens[api], baseUrl: sim.url });
  return { client, meteringPoints: () => meteringPoints(client, api), close: () => sim.close() };
}

/**
 * The metering points to read, as { meteringPointId, typeOfMP }: in the Customer API those linked to
 * you; in the Third Party API (which has no such list) those of every authorization granted to you.
 */
async function meteringPoints(client, api) {
  if (api === "customer") return (await client.listMeteringPoints()).filter((p) => p.hasRelation);
  const points = new Map();
  for (const authorization of await client.listAuthorizations()) {
    for (const p of await client.listAuthorizedMeteringPoints("authorizationId", authorization.id)) {
      points.set(p.meteringPointId, p);
    }
  }
  return [...points.values()];
}
