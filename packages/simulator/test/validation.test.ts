import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accessToken, body, faces, items, type Started, useMsw, virtualClock } from "./support.js";

useMsw();

const DETAILS = "/customerapi/api/meteringpoints/meteringpoint/getdetails";
const series = (from: string, to: string, aggregation = "Day") =>
  `/customerapi/api/meterdata/gettimeseries/${from}/${to}/${aggregation}`;

describe.each(faces)("request validation ($name)", (face) => {
  let s: Started;
  let token: string;
  const clock = virtualClock();
  beforeEach(async () => {
    clock.set("2026-01-15T10:00:00Z");
    s = await face.start({ clock: clock.now });
    token = await accessToken(s);
  });
  afterEach(async () => s.stop());
  const mp = () => s.sim.meteringPoints;

  it("fails malformed and unknown ids per item (20003, 20008) and serves the rest", async () => {
    const answer = await s.api("POST", DETAILS, {
      token,
      body: body("12345", "571313100000000000", mp().household.id),
    });
    expect(answer.status).toBe(200);
    const [short, unknown, ok] = items(answer);
    expect(short).toEqual({
      result: null,
      success: false,
      errorCode: 20003,
      errorText: "MeteringPointIdNot18CharsLong",
      id: "12345",
      stackTrace: null,
    });
    expect(unknown).toMatchObject({
      success: false,
      errorCode: 20008,
      errorText: "MeteringPointNotFound",
      result: null,
    });
    expect(ok).toMatchObject({
      success: true,
      errorCode: 10000,
      errorText: "NoError",
      id: mp().household.id,
      stackTrace: null,
    });
  });

  it("answers 20010 without a relation, 20001 for a blocked metering point, and serves children of related ones", async () => {
    const answer = await s.api("POST", DETAILS, {
      token,
      body: body(mp().cprOnly.id, mp().blocked.id, mp().productionExport.id, mp().business.id),
    });
    expect(items(answer).map((i) => i.errorCode)).toEqual([20010, 20001, 10000, 20010]);
  });

  it("rejects a list without any well-formed id with the live #20013 string", async () => {
    for (const ids of [["abc", "123"], []]) {
      const answer = await s.api("POST", DETAILS, { token, body: body(...ids) });
      expect(answer.status).toBe(400);
      expect(answer.json).toBe(
        "#20013: No meteringpoints in request conforms to valid meteringpoint format.",
      );
    }
    const missing = await s.api("POST", DETAILS, { token, body: {} });
    expect(missing.json).toMatch(/^#20013: /);
  });

  it("allows 10 metering points per request and rejects 11 with #10004", async () => {
    const ten = Array.from({ length: 10 }, (_, i) => `57131310000000000${i}`);
    expect((await s.api("POST", DETAILS, { token, body: body(...ten) })).status).toBe(200);
    const eleven = await s.api("POST", DETAILS, { token, body: body(...ten, mp().household.id) });
    expect(eleven.status).toBe(400);
    expect(eleven.json).toMatch(/^#10004: .*11 given, at most 10/);
  });

  it("answers a repeated id once", async () => {
    const id = mp().household.id;
    expect(items(await s.api("POST", DETAILS, { token, body: body(id, id) }))).toHaveLength(1);
  });

  it("answers unreadable bodies with a validation ProblemDetails", async () => {
    for (const rawBody of ["{not json", ""]) {
      const answer = await s.api("POST", DETAILS, { token, rawBody });
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ status: 400, traceId: expect.any(String) });
    }
    const wrongType = await s.api("POST", DETAILS, {
      token,
      body: { meteringPoints: { meteringPoint: "x" } },
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json).toMatchObject({ status: 400 });
  });

  it("applies the date rules with bare-string 400 bodies", async () => {
    const ids = body(mp().household.id);
    const cases: Array<[string, string, RegExp | string]> = [
      ["2026-01-10", "2026-01-10", "#30002: Period not allowed, ToDate is equal to FromDate."],
      ["2026-01-12", "2026-01-10", /^#30001: /],
      ["2026-01-16", "2026-01-17", /^#30000: /],
      ["2026-01-10", "2026-01-16", /^#30003: /],
      ["2026-1-10", "2026-01-12", /^#30004: /],
      ["2025-02-30", "2025-03-02", /^#30004: /],
      ["2024-01-14", "2026-01-15", /^#30012: .*730/],
      ["2020-12-31", "2021-01-05", /^#30005: .*2021-01-01/],
    ];
    for (const [from, to, expected] of cases) {
      const answer = await s.api("POST", series(from, to), { token, body: ids });
      expect(answer.status, `${from}/${to}`).toBe(400);
      if (typeof expected === "string") expect(answer.json).toBe(expected);
      else expect(answer.json, `${from}/${to}`).toMatch(expected);
    }
    for (const [from, to] of [
      ["2024-01-16", "2026-01-15"],
      ["2021-01-01", "2021-01-02"],
      ["2026-01-14", "2026-01-15"],
    ]) {
      expect((await s.api("POST", series(from as string, to as string), { token, body: ids })).status).toBe(
        200,
      );
    }
  });

  it("reads the aggregation case-insensitively and rejects unknown ones with #30008", async () => {
    const ids = body(mp().household.id);
    expect(
      (await s.api("POST", series("2026-01-01", "2026-01-02", "hour"), { token, body: ids })).status,
    ).toBe(200);
    const bad = await s.api("POST", series("2026-01-01", "2026-01-02", "Weekly"), { token, body: ids });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatch(/^#30008: /);
  });
});

describe.each(faces)("relations ($name)", (face) => {
  let s: Started;
  let token: string;
  const clock = virtualClock();
  beforeEach(async () => {
    s = await face.start({ clock: clock.now });
    token = await accessToken(s);
  });
  afterEach(async () => s.stop());
  const mp = () => s.sim.meteringPoints;
  const LIST = "/customerapi/api/meteringpoints/meteringpoints";
  const ADD = "/customerapi/api/meteringpoints/meteringpoint/relation/add";
  const list = async (query = "") =>
    (await s.api("GET", `${LIST}${query}`, { token })).json as {
      result: Array<{
        meteringPointId: string;
        hasRelation: boolean;
        childMeteringPoints: Array<{ meteringPointId: string }>;
      }>;
    };

  it("lists related metering points, and with includeAll=true the CPR ones without relation", async () => {
    const related = (await list()).result;
    expect(related.map((r) => r.meteringPointId).sort()).toEqual(
      [mp().household.id, mp().production.id, mp().flex.id, mp().blocked.id].sort(),
    );
    expect(related.every((r) => r.hasRelation)).toBe(true);
    const production = related.find((r) => r.meteringPointId === mp().production.id);
    expect(production?.childMeteringPoints.map((c) => c.meteringPointId)).toEqual(mp().production.childIds);
    const all = (await list("?includeAll=true")).result;
    expect(all).toHaveLength(5);
    expect(all.find((r) => r.meteringPointId === mp().cprOnly.id)?.hasRelation).toBe(false);
    expect((await list("?IncludeAll=TRUE")).result).toHaveLength(5);
    expect((await s.api("GET", `${LIST}?includeAll=maybe`, { token })).status).toBe(400);
  });

  it("adds CPR-registered metering points per item, with 20002/20008/20009/20012/20003 for the rest", async () => {
    const answer = await s.api("POST", ADD, {
      token,
      body: body(
        mp().cprOnly.id,
        mp().household.id,
        "571313100000000000",
        mp().flexHeating.id,
        mp().neighbour.id,
        "42",
      ),
    });
    expect(answer.status).toBe(200);
    const result = items(answer);
    expect(result[0]).toEqual({
      result: mp().cprOnly.id,
      success: true,
      errorCode: 10000,
      errorText: "NoError",
      id: mp().cprOnly.id,
      stackTrace: null,
    });
    expect(result.slice(1).map((i) => [i.errorCode, i.result])).toEqual([
      [20002, null],
      [20008, null],
      [20009, null],
      [20012, null],
      [20003, null],
    ]);
    expect((await list()).result.find((r) => r.meteringPointId === mp().cprOnly.id)?.hasRelation).toBe(true);
  });

  it("adds a relation with the web access code and validates the code", async () => {
    const n = mp().neighbour;
    const put = (id: string, code: string) =>
      s.api(
        "PUT",
        `/customerapi/api/meteringpoints/meteringpoint/relation/add/${id}/${encodeURIComponent(code)}`,
        { token },
      );
    const wrong = await put(n.id, n.webAccessCode === "AAAAAAAA" ? "BBBBBBBB" : "AAAAAAAA");
    expect(wrong.status).toBe(404);
    expect(wrong.json).toMatchObject({
      status: 404,
      detail: expect.stringMatching(/^#20000: /),
      traceId: expect.any(String),
    });
    expect((await put("571313100000000000", n.webAccessCode)).status).toBe(404);
    expect((await put(n.id, "ABC1234")).json).toMatch(/^#20006: /);
    expect((await put(n.id, "ABC-1234")).json).toMatch(/^#20007: /);
    expect((await put("57131310000000000", n.webAccessCode)).json).toMatch(/^#20003: /);
    const ok = await put(n.id, n.webAccessCode.toLowerCase());
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ result: n.id });
    const again = await put(n.id, n.webAccessCode);
    expect(again.status).toBe(400);
    expect(again.json).toMatch(/^#20002: /);
    expect((await list()).result.map((r) => r.meteringPointId)).toContain(n.id);
  });

  it("deletes a relation, after which data calls answer 20010", async () => {
    const id = mp().household.id;
    const del = () =>
      s.api("DELETE", `/customerapi/api/meteringpoints/meteringpoint/relation/${id}`, { token });
    const first = await del();
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ result: true });
    const second = await del();
    expect(second.status).toBe(400);
    expect(second.json).toBe("[20010] Relation not found");
    const details = await s.api("POST", DETAILS, { token, body: body(id) });
    expect(items(details)[0]?.errorCode).toBe(20010);
    const bad = await s.api("DELETE", "/customerapi/api/meteringpoints/meteringpoint/relation/123", {
      token,
    });
    expect(bad.json).toMatch(/^#20003: /);
    s.sim.reset();
    const token2 = await accessToken(s);
    expect(items(await s.api("POST", DETAILS, { token: token2, body: body(id) }))[0]?.success).toBe(true);
  });

  it("refuses to relate a blocked metering point (20001)", async () => {
    const id = mp().blocked.id;
    await s.api("DELETE", `/customerapi/api/meteringpoints/meteringpoint/relation/${id}`, { token });
    expect(items(await s.api("POST", ADD, { token, body: body(id) }))[0]?.errorCode).toBe(20001);
  });

  it("answers 10007 for CPR lookups when the user has not given CPR consent", async () => {
    s.sim.setScenario({ cprConsent: false });
    const listAll = await s.api("GET", `${LIST}?includeAll=true`, { token });
    expect(listAll.status).toBe(400);
    expect(listAll.json).toMatch(/^#10007: /);
    expect((await s.api("GET", LIST, { token })).status).toBe(200);
    const add = await s.api("POST", ADD, { token, body: body(mp().cprOnly.id) });
    expect(items(add)[0]).toMatchObject({ success: false, errorCode: 10007, errorText: "NoCprConsent" });
    const n = mp().neighbour;
    const wac = await s.api(
      "PUT",
      `/customerapi/api/meteringpoints/meteringpoint/relation/add/${n.id}/${n.webAccessCode}`,
      { token },
    );
    expect(wac.status).toBe(200);
  });
});
