import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addLocalDays, addLocalMonths } from "../src/time/calendar.js";
import { todayInDenmark } from "../src/time/copenhagen.js";
import { accessToken, body, faces, items, type Started, useMsw, virtualClock } from "./support.js";

useMsw();

const AUTHS = "/thirdpartyapi/api/authorization/authorizations";
const series = (from: string, to: string, aggregation = "Day") =>
  `/thirdpartyapi/api/meterdata/gettimeseries/${from}/${to}/${aggregation}`;

describe.each(faces)("third party API ($name)", (face) => {
  let s: Started;
  let token: string;
  const clock = virtualClock();
  beforeEach(async () => {
    clock.set("2026-01-15T10:00:00Z");
    s = await face.start({ clock: clock.now });
    token = await accessToken(s, "thirdparty");
  });
  afterEach(async () => s.stop());
  const mp = () => s.sim.meteringPoints;

  it("lists only active authorizations with the AuthorizationDto fields", async () => {
    const answer = await s.api("GET", AUTHS, { token });
    expect(answer.status).toBe(200);
    const result = (answer.json as { result: Array<Record<string, unknown>> }).result;
    expect(result).toHaveLength(2);
    for (const auth of result) {
      expect(Object.keys(auth).sort()).toEqual(
        [
          "customerCVR",
          "customerKey",
          "customerName",
          "id",
          "includeFutureMeteringPoints",
          "thirdPartyName",
          "timeStamp",
          "validFrom",
          "validTo",
        ].sort(),
      );
      expect(auth.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(typeof auth.includeFutureMeteringPoints).toBe("boolean");
    }
    const expired = s.sim.authorizations.find((a) => !a.active);
    expect(expired).toBeDefined();
    expect(result.map((a) => a.id)).not.toContain(expired?.id);
  });

  it("lists metering points by authorizationId, customerCVR and customerKey", async () => {
    const [privateAuth, businessAuth] = s.sim.authorizations;
    const byId = await s.api(
      "GET",
      `/thirdpartyapi/api/authorization/authorization/meteringpoints/authorizationId/${privateAuth?.id}`,
      { token },
    );
    const points = (byId.json as { result: Array<Record<string, unknown>> }).result;
    expect(points.map((p) => p.meteringPointId)).toEqual([mp().household.id, mp().production.id]);
    for (const point of points) {
      expect(point).toHaveProperty("accessFrom");
      expect(point).toHaveProperty("accessTo");
      expect(point).not.toHaveProperty("hasRelation");
      expect(point).not.toHaveProperty("balanceSupplierName");
    }
    expect(points[1]?.accessFrom).not.toBe(points[0]?.accessFrom);
    const ids = (scope: string, identifier: string) =>
      s.api("GET", `/thirdpartyapi/api/authorization/authorization/meteringpointids/${scope}/${identifier}`, {
        token,
      });
    expect((await ids("customerCVR", businessAuth?.customerCVR as string)).json).toEqual({
      result: [mp().business.id],
    });
    expect((await ids("CustomerKey", "kunde-1001")).json).toEqual({
      result: [mp().household.id, mp().production.id],
    });
    expect((await ids("customerKey", "nobody")).json).toEqual({ result: [] });
    const bad = await ids("everything", "x");
    expect(bad.status).toBe(400);
    expect(bad.json).toMatch(/^#30005: /);
  });

  it("serves data within access, answers 401 for metering points outside every active authorization", async () => {
    const ok = await s.api("POST", series("2025-11-01", "2025-11-08"), {
      token,
      body: body(mp().business.id, mp().productionExport.id),
    });
    expect(ok.status).toBe(200);
    expect(items(ok).map((i) => i.success)).toEqual([true, true]);
    for (const denied of [mp().neighbour.id, mp().flex.id, "571313100000000000"]) {
      const answer = await s.api("POST", series("2025-11-01", "2025-11-08"), {
        token,
        body: body(mp().business.id, denied),
      });
      expect(answer.status, denied).toBe(401);
      expect(answer.json).toMatchObject({
        status: 401,
        detail: expect.stringContaining(denied),
        traceId: expect.any(String),
      });
    }
    const details = await s.api("POST", "/thirdpartyapi/api/meteringpoint/getdetails", {
      token,
      body: body(mp().neighbour.id),
    });
    expect(details.status).toBe(401);
  });

  it("fails an item with 30010 when the period lies outside its access window", async () => {
    const grantedFrom = s.sim.authorizations[0]?.validFrom as string;
    const productionFrom = addLocalMonths(grantedFrom, 6);
    const before = await s.api(
      "POST",
      series(addLocalDays(productionFrom, -3), addLocalDays(productionFrom, 2)),
      {
        token,
        body: body(mp().production.id, mp().household.id),
      },
    );
    expect(before.status).toBe(200);
    const [production, household] = items(before);
    expect(production).toMatchObject({
      success: false,
      errorCode: 30010,
      errorText: "DateNotCoveredByAuthorization",
      MyEnergyData_MarketDocument: null,
    });
    expect(household?.success).toBe(true);
    const inside = await s.api("POST", series(productionFrom, addLocalDays(productionFrom, 2)), {
      token,
      body: body(mp().production.id),
    });
    expect(items(inside)[0]?.success).toBe(true);
  });

  it("serves third-party details without supplier fields and charges without fees", async () => {
    const details = await s.api("POST", "/thirdpartyapi/api/meteringpoint/getdetails", {
      token,
      body: body(mp().business.id),
    });
    const dto = items(details)[0]?.result as Record<string, unknown>;
    expect(dto.meteringPointId).toBe(mp().business.id);
    for (const key of [
      "balanceSupplierName",
      "balanceSupplierId",
      "balanceSupplierStartDate",
      "protectedName",
    ]) {
      expect(dto).not.toHaveProperty(key);
    }
    const charges = await s.api("POST", "/thirdpartyapi/api/meteringpoint/getcharges", {
      token,
      body: body(mp().business.id),
    });
    const chargesDto = items(charges)[0]?.result as Record<string, unknown>;
    expect(Object.keys(chargesDto).sort()).toEqual(["meteringPointId", "subscriptions", "tariffs"]);
  });

  it("shows the bakery's working week in its data", async () => {
    const answer = await s.api("POST", series("2025-11-03", "2025-11-10"), {
      token,
      body: body(mp().business.id),
    });
    const doc = items(answer)[0]?.MyEnergyData_MarketDocument as {
      TimeSeries: Array<{ Period: Array<{ Point: Array<Record<string, string>> }> }>;
    };
    const days = doc.TimeSeries[0]?.Period.map((p) => Number(p.Point[0]?.["out_Quantity.quantity"])) ?? [];
    expect(days).toHaveLength(7);
    expect(days[0]).toBeGreaterThan(2 * (days[6] as number));
  });

  it("drops authorizations once the clock passes their end", async () => {
    const business = s.sim.authorizations[1];
    clock.set(`${addLocalDays(business?.validTo as string, 1)}T12:00:00Z`);
    const fresh = s.sim.issueDataAccessToken({ api: "thirdparty" });
    const result = ((await s.api("GET", AUTHS, { token: fresh })).json as { result: unknown[] }).result;
    expect(todayInDenmark(clock.now()) > (business?.validTo as string)).toBe(true);
    expect(result).toHaveLength(0);
  });
});
