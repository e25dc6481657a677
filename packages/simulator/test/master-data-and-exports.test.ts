import { afterEach, describe, expect, it } from "vitest";
import { accessToken, body, faces, itemAt, items, type Started, useMsw, virtualClock } from "./support.js";

useMsw();

const DETAILS = "/customerapi/api/meteringpoints/meteringpoint/getdetails";
const CHARGES = "/customerapi/api/meteringpoints/meteringpoint/getcharges";

interface Tariff {
  priceId: string;
  name: string;
  owner: string;
  periodType: string;
  validFromDate: string;
  validToDate: string | null;
  prices: Array<{ position: string; price: number }>;
}
interface Charges {
  subscriptions: Array<Record<string, unknown>>;
  fees: Array<Record<string, unknown>>;
  tariffs: Tariff[];
}

describe.each(faces)("master data, charges and CSV exports ($name)", (face) => {
  let s: Started;
  const clock = virtualClock();
  afterEach(async () => s?.stop());
  const start = async (nowIso = "2026-01-15T10:00:00Z") => {
    clock.set(nowIso);
    s = await face.start({ clock: clock.now, limits: "off" });
    return { token: await accessToken(s), mp: s.sim.meteringPoints };
  };

  it('serves details with the live quirks: strings everywhere, empty strings and "True"/"False"', async () => {
    const { token, mp } = await start();
    const answer = await s.api("POST", DETAILS, {
      token,
      body: body(mp.flex.id, mp.production.id, mp.household.id),
    });
    const [flex, production, household] = items(answer).map((i) => i.result as Record<string, unknown>);
    expect(flex).toMatchObject({
      taxReduction: "True",
      protectedName: "False",
      settlementMethod: "D01",
      typeOfMP: "E17",
      roomId: "",
    });
    expect(flex?.consumerStartDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00\.000Z$/);
    expect(household?.meterReadingOccurrence).toBe("PT15M");
    expect(production?.typeOfMP).toBe("E18");
    expect(
      (production?.childMeteringPoints as Array<{ typeOfMP: string }> | undefined)?.map((c) => c.typeOfMP),
    ).toEqual(["D06", "D07"]);
    const contacts = household?.contactAddresses as Array<Record<string, string>>;
    expect(contacts.map((c) => c.addressCode)).toEqual(["D01", "D04"]);
    expect(contacts[0]?.protectedAddress).toBe("False");
    for (const [key, value] of Object.entries(household ?? {})) {
      if (key === "contactAddresses" || key === "childMeteringPoints") continue;
      if (key === "powerLimitKWDecimal") expect(value === null || typeof value === "number").toBe(true);
      else expect(typeof value, key).toBe("string");
    }
  });

  it("reports PT1H as the reading occurrence before the quarter-hour switch", async () => {
    const { token, mp } = await start("2025-06-01T10:00:00Z");
    const answer = await s.api("POST", DETAILS, { token, body: body(mp.household.id) });
    expect((items(answer)[0]?.result as Record<string, unknown> | undefined)?.meterReadingOccurrence).toBe(
      "PT1H",
    );
  });

  it("serves the charges in force with live periodTypes, 24 and 96 positions", async () => {
    const { token, mp } = await start();
    const answer = await s.api("POST", CHARGES, { token, body: body(mp.household.id, mp.flex.id) });
    const [household, flex] = items(answer).map((i) => i.result as Charges);
    expect(household?.subscriptions[0]).toMatchObject({
      periodType: "P1M",
      quantity: 1,
      owner: "5790000705689",
    });
    const quarter = household?.tariffs.filter((t) => t.periodType === "PT15M") ?? [];
    expect(quarter).toHaveLength(1);
    expect(quarter[0]?.prices.map((p) => p.position)).toEqual(
      Array.from({ length: 96 }, (_, i) => String(i + 1)),
    );
    const tax = household?.tariffs.filter((t) => t.name === "Elafgift") ?? [];
    expect(tax.map((t) => [t.periodType, t.prices.length, t.prices[0]?.price])).toEqual([["P1D", 1, 0.008]]);
    // The grid tariff and the company's discount, a code of its own with negative prices.
    const hourly = flex?.tariffs.filter((t) => t.periodType === "PT1H") ?? [];
    expect(hourly.map((t) => t.priceId)).toEqual(["DT_C_R", "DT_C_01"].sort());
    expect(hourly.find((t) => t.priceId === "DT_C_R")?.prices.every((p) => p.price < 0)).toBe(true);
    hourly.splice(
      hourly.findIndex((t) => t.priceId === "DT_C_R"),
      1,
    );
    expect(hourly[0]?.prices).toHaveLength(24);
    expect(hourly[0]?.prices[17]?.price).toBeGreaterThan(hourly[0]?.prices[2]?.price as number);
    expect(flex?.fees).toHaveLength(1);
    for (const t of [...(household?.tariffs ?? []), ...(flex?.tariffs ?? [])]) {
      expect(t.validToDate === null || t.validToDate > "2026-01-15").toBe(true);
      expect(typeof t.priceId).toBe("string");
    }
  });

  it("serves one version per charge, the one in force today, never its announced changes", async () => {
    // Mid-January: the winter tariff (peak 1.3619 DKK/kWh) is in force, the summer one (peak 0.59)
    // is announced from April. A client that reads prices by name must meet the winter price only.
    const { token, mp } = await start("2026-01-15T10:00:00Z");
    const answer = await s.api("POST", CHARGES, {
      token,
      body: body(mp.household.id, mp.flex.id, mp.production.id),
    });
    for (const item of items(answer)) {
      const charges = item.result as Charges;
      const all = [...charges.subscriptions, ...charges.fees, ...charges.tariffs] as Array<{
        priceId: string;
        owner: string;
        validFromDate: string;
        validToDate: string | null;
      }>;
      const keys = all.map((c) => `${c.owner}/${c.priceId}`);
      expect(new Set(keys).size, item.id).toBe(keys.length);
      for (const c of all) {
        expect(Date.parse(c.validFromDate), `${c.priceId} starts by today`).toBeLessThanOrEqual(clock.now());
      }
      const discounts = (t: { priceId: string }) => t.priceId.endsWith("_R");
      for (const t of charges.tariffs.filter((t) => t.owner === "5790000705689" && !discounts(t))) {
        const at17 = t.prices.length === 96 ? 17 * 4 : 17; // position of 17:00–17:15 or 17:00–18:00
        expect(t.prices[at17]?.price, `${t.name} at 17:00`).toBe(1.3619);
        expect(t.prices.some((p) => p.price === 0.59)).toBe(false);
      }
    }
    const household = itemAt(answer, 0).result as Charges;
    const grid = household.tariffs.filter((t) => t.owner === "5790000705689");
    expect(grid.map((t) => [t.priceId, t.name, t.validFromDate, t.validToDate])).toEqual([
      ["DT_C_15", "Nettarif C", "2025-09-30T22:00:00.000Z", "2026-03-31T22:00:00.000Z"],
      ["DT_C_R", "Rabat på nettarif C", "2024-12-31T23:00:00.000Z", null],
    ]);
  });

  it("serves this year's tax alone, and a charge that starts later with its first version", async () => {
    const { token, mp } = await start("2025-06-01T10:00:00Z");
    const answer = await s.api("POST", CHARGES, { token, body: body(mp.household.id) });
    const tax = (itemAt(answer, 0).result as Charges).tariffs.filter((t) => t.name === "Elafgift");
    expect(tax.map((t) => t.prices[0]?.price)).toEqual([0.72]);
    // The quarter-hour tariff is a charge of its own (DT_C_15) that starts on 1 October: it is
    // announced with its first version, beside the hourly one in force until then.
    const grid = (itemAt(answer, 0).result as Charges).tariffs.filter((t) => t.owner === "5790000705689");
    expect(grid.map((t) => [t.priceId, t.periodType, t.validFromDate, t.validToDate])).toEqual([
      ["DT_C_01", "PT1H", "2025-03-31T22:00:00.000Z", "2025-09-30T22:00:00.000Z"],
      ["DT_C_15", "PT15M", "2025-09-30T22:00:00.000Z", null],
      ["DT_C_R", "PT1H", "2024-12-31T23:00:00.000Z", null],
    ]);
  });

  it("exports time series as semicolon CSV with decimal commas", async () => {
    const { token, mp } = await start();
    const answer = await s.api(
      "POST",
      "/customerapi/api/meterdata/timeseries/export/2026-01-05/2026-01-07/Hour",
      {
        token,
        body: body(mp.flex.id, mp.neighbour.id),
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = answer.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("Målepunkt id;Fra dato;Til dato;Mængde;Måleenhed;Kvalitet;Opløsning");
    expect(lines).toHaveLength(1 + 48);
    expect(lines[1]).toMatch(
      new RegExp(`^${mp.flex.id};05-01-2026 00:00:00;05-01-2026 01:00:00;\\d+(,\\d{1,3})?;KWH;[^;]+;PT1H$`),
    );
    const bad = await s.api(
      "POST",
      "/customerapi/api/meterdata/timeseries/export/2026-01-05/2026-01-05/Hour",
      {
        token,
        body: body(mp.flex.id),
      },
    );
    expect(bad.json).toBe("#30002: Period not allowed, ToDate is equal to FromDate.");
  });

  it("exports master data and charges as CSV, leaving out metering points without access", async () => {
    const { token, mp } = await start();
    const master = await s.api("POST", "/customerapi/api/meteringpoints/masterdata/export", {
      token,
      body: body(mp.household.id, mp.production.id, mp.cprOnly.id),
    });
    const masterLines = master.text.trimEnd().split("\r\n");
    expect(masterLines).toHaveLength(3);
    expect(masterLines[0]?.split(";")[0]).toBe("Målepunkt id");
    expect(masterLines[1]?.startsWith(`${mp.household.id};E17;`)).toBe(true);
    const charges = await s.api("POST", "/customerapi/api/meteringpoints/charges/export", {
      token,
      body: body(mp.flex.id),
    });
    const chargeLines = charges.text.trimEnd().split("\r\n");
    // Like getcharges: the version of each charge in force today, 24 hourly positions once.
    // (The grid tariff and the discount code: 24 lines each.)
    expect(chargeLines.filter((l) => l.includes(";Tarif;") && l.includes(";PT1H;"))).toHaveLength(48);
    expect(chargeLines.some((l) => l.includes(";Gebyr;"))).toBe(true);
    const none = await s.api("POST", "/customerapi/api/meteringpoints/charges/export", {
      token,
      body: body("nope"),
    });
    expect(none.status).toBe(400);
    expect(none.json).toMatch(/^#20013: /);
  });
});
