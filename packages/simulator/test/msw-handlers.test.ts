import { describe, expect, it } from "vitest";
import { createHandlers, createSimulator, defaultSimulator, handlers } from "../src/index.js";
import { caller, mswServer, useMsw } from "./support.js";

useMsw();

describe("msw handlers", () => {
  it("serve both APIs under a custom base URL with a path prefix, case-insensitively", async () => {
    const sim = createSimulator({ baseUrl: "http://simulator.test/eloverblik/" });
    expect(sim.baseUrl).toBe("http://simulator.test/eloverblik");
    // Customer, Third Party and Energi Data Service.
    expect(sim.handlers).toHaveLength(3);
    mswServer.resetHandlers(...sim.handlers);
    const api = caller(sim.baseUrl);
    expect((await api("GET", "/CustomerApi//api/IsAlive")).text).toBe("true");
    expect((await api("GET", "/thirdpartyapi/api/isalive")).text).toBe("true");
    const token = await api("GET", "/thirdpartyapi/api/token", { token: sim.tokens.thirdparty });
    expect(token.status).toBe(200);
    expect(sim.requests.map((r) => r.path)).toEqual([
      "/CustomerApi/api/IsAlive",
      "/thirdpartyapi/api/isalive",
      "/thirdpartyapi/api/token",
    ]);
    // Paths outside the two APIs are not the simulator's business.
    await expect(fetch("http://simulator.test/eloverblik/other")).rejects.toThrow();
  });

  it("export a shared default instance and a handler factory", async () => {
    mswServer.resetHandlers(...handlers);
    const api = caller("https://api.eloverblik.dk");
    const answer = await api("GET", "/customerapi/api/token", { token: defaultSimulator.tokens.customer });
    expect(answer.status).toBe(200);
    const fresh = createHandlers({ seed: 5 });
    expect(fresh).toHaveLength(3);
    expect(fresh).not.toBe(handlers);
  });
});
