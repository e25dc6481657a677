import { afterEach, describe, expect, it } from "vitest";
import { describeToken } from "../../src/index.js";
import { faces, type Started, useMsw, virtualClock } from "./support.js";

useMsw();

// The simulator's tokens carry the live tokenType claims; the client must read them as it reads
// Energinet's (moved here from the simulator's tokens-and-protocol test).
describe.each(faces)("describeToken on the simulator's tokens ($name)", (face) => {
  let s: Started;
  const clock = virtualClock();
  afterEach(async () => s?.stop());

  it("tells refresh from data-access tokens of both APIs", async () => {
    clock.set("2026-01-15T10:00:00Z");
    s = await face.start({ clock: clock.now });
    const answer = await fetch(`${s.baseUrl}/customerapi/api/token`, {
      headers: { Authorization: `Bearer ${s.sim.tokens.customer}` },
    });
    const token = ((await answer.json()) as { result: string }).result;
    const described = describeToken(token, clock.now());
    expect(described).toMatchObject({ api: "customer", kind: "data-access", expired: false });
    expect(describeToken(s.sim.tokens.customer, clock.now())).toMatchObject({
      api: "customer",
      kind: "refresh",
    });
    expect(describeToken(s.sim.tokens.thirdparty, clock.now())).toMatchObject({
      api: "thirdparty",
      kind: "refresh",
    });
    const thirdParty = s.sim.issueDataAccessToken({ api: "thirdparty" });
    expect(describeToken(thirdParty, clock.now())).toMatchObject({ api: "thirdparty", kind: "data-access" });
    const expired = s.sim.issueRefreshToken({ api: "customer", expiresInMs: -1000 });
    expect(describeToken(expired, clock.now())).toMatchObject({ kind: "refresh", expired: true });
  });
});
