import { describe, expect, it } from "vitest";
import { createSimulator } from "../src/index.js";

const body = (id: string) => JSON.stringify({ meteringPoints: { meteringPoint: [id] } });

describe("protocol details", () => {
  it("refuses a body that is not declared as JSON with 415, as ASP.NET Core does", async () => {
    const sim = createSimulator();
    const token = sim.issueDataAccessToken({ api: "customer" });
    const call = (contentType: string | undefined) =>
      sim.handle({
        method: "POST",
        url: "/customerapi/api/meteringpoints/meteringpoint/getcharges",
        headers: {
          authorization: `Bearer ${token}`,
          ...(contentType ? { "content-type": contentType } : {}),
        },
        body: body(sim.meteringPoints.flex.id),
        clientAddress: "a",
      });
    const plain = await call("text/plain");
    expect(plain.kind === "response" && plain.status).toBe(415);
    const missing = await call(undefined);
    expect(missing.kind === "response" && missing.status).toBe(415);
    const json = await call("application/json; charset=utf-8");
    expect(json.kind === "response" && json.status).toBe(200);
  });

  it("answers any data-access token at /api/token with 403, whichever API issued it", async () => {
    const sim = createSimulator();
    const answer = await sim.handle({
      method: "GET",
      url: "/customerapi/api/token",
      headers: { authorization: `Bearer ${sim.issueDataAccessToken({ api: "thirdparty" })}` },
      body: undefined,
      clientAddress: "a",
    });
    expect(answer.kind === "response" && answer.status).toBe(403);
  });

  it("gives every instance its own limits object", () => {
    const a = createSimulator();
    const b = createSimulator();
    expect(a.model.limits).not.toBe(b.model.limits);
    expect(a.model.limits).toEqual(b.model.limits);
  });
});
