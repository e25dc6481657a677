// Shared by the examples: a client for your own data when ELOVERBLIK_REFRESH_TOKEN is set, else for
// the built-in simulator (started here, stopped by `close()`).
import { createEloverblik } from "@eloverblik-kit/client";

export async function connect() {
  const api = process.env.ELOVERBLIK_API === "thirdparty" ? "thirdparty" : "customer";
  const token = process.env.ELOVERBLIK_REFRESH_TOKEN?.trim();
  if (token) {
    return { client: createEloverblik({ api, refreshToken: token }), close: async () => {} };
  }
  const { startSimulator } = await import("@eloverblik-kit/simulator/server");
  const sim = await startSimulator({ seed: 1 });
  process.stderr.write(`(no ELOVERBLIK_REFRESH_TOKEN: using the simulator at ${sim.url})\n`);
  return {
    client: createEloverblik({ api, refreshToken: sim.tokens[api], baseUrl: sim.url }),
    close: () => sim.close(),
  };
}
