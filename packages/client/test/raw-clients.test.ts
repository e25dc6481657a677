// Every operation of both APIs through the typed openapi-fetch clients, against msw handlers
// whose bodies are typed by the generated schemas (a wrong field name fails to compile).
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type CustomerComponents,
  createCustomerApiClient,
  createThirdPartyApiClient,
  type ThirdPartyComponents,
} from "../src/index.js";
import { BASE, envelopeItem } from "./support.js";

type CS = CustomerComponents["schemas"];
type TS = ThirdPartyComponents["schemas"];
const ID = "571313180100000001";
const seen: Array<{ method: string; path: string; body: unknown; auth: string | null }> = [];

const mp = { meteringPointId: ID, typeOfMP: "E17", hasRelation: true } satisfies CS["MeteringPointApiDto"];
const details = {
  meteringPointId: ID,
  protectedName: "False",
  typeOfMP: "E17",
} satisfies CS["MeteringPointDetailsCustomerDto"];
const fees = {
  meteringPointId: ID,
  subscriptions: [{ priceId: "S1", name: "Net", periodType: "P1M", price: 21, quantity: 1 }],
  fees: [],
  tariffs: [{ priceId: "T1", name: "Nettarif", periodType: "PT1H", prices: [{ position: "1", price: 0.3 }] }],
} satisfies CS["MeteringPointFeesDto"];
const doc = {
  mRID: "doc",
  "period.timeInterval": { start: "2024-02-11T23:00:00Z", end: "2024-02-12T23:00:00Z" },
  TimeSeries: [
    {
      mRID: ID,
      businessType: "A04",
      "measurement_Unit.name": "KWH",
      Period: [
        {
          resolution: "PT1H",
          timeInterval: { start: "2024-02-11T23:00:00Z", end: "2024-02-12T00:00:00Z" },
          Point: [{ position: "1", "out_Quantity.quantity": "0.13", "out_Quantity.quality": "A04" }],
        },
      ],
    },
  ],
} satisfies CS["MyEnergyDataMarketDocument"];
const authorization = {
  id: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
  thirdPartyName: "Acme",
  customerCVR: "12345678",
  includeFutureMeteringPoints: true,
} satisfies TS["AuthorizationDto"];

function record(method: string) {
  return async ({ request }: { request: Request }) => {
    const text = await request.text();
    seen.push({
      method,
      path: new URL(request.url).pathname + new URL(request.url).search,
      body: text ? JSON.parse(text) : undefined,
      auth: request.headers.get("authorization"),
    });
  };
}

const c = "/customerapi/api";
const t = "/thirdpartyapi/api";
const server = setupServer(
  http.get(`${BASE}${c}/token`, async (i) => {
    await record("GET")(i);
    return HttpResponse.json({ result: "jwt" });
  }),
  http.get(`${BASE}${t}/token`, async (i) => {
    await record("GET")(i);
    return HttpResponse.json({ result: "jwt" });
  }),
  http.get(`${BASE}${c}/isalive`, () => HttpResponse.json(true)),
  http.get(`${BASE}${t}/isalive`, () => HttpResponse.json(false)),
  http.get(`${BASE}${c}/meteringpoints/meteringpoints`, async (i) => {
    await record("GET")(i);
    return HttpResponse.json({ result: [mp] });
  }),
  http.post(`${BASE}${c}/meteringpoints/meteringpoint/relation/add`, async (i) => {
    await record("POST")(i);
    return HttpResponse.json({ result: [envelopeItem(ID, { result: "Relation added" })] });
  }),
  http.put(`${BASE}${c}/meteringpoints/meteringpoint/relation/add/:id/:code`, async (i) => {
    await record("PUT")(i);
    return HttpResponse.json({ result: "Relation added" });
  }),
  http.delete(`${BASE}${c}/meteringpoints/meteringpoint/relation/:id`, async (i) => {
    await record("DELETE")(i);
    return HttpResponse.json({ result: true });
  }),
  http.post(`${BASE}${c}/meteringpoints/meteringpoint/getdetails`, () =>
    HttpResponse.json({ result: [envelopeItem(ID, { result: details })] }),
  ),
  http.post(`${BASE}${c}/meteringpoints/meteringpoint/getcharges`, () =>
    HttpResponse.json({ result: [envelopeItem(ID, { result: fees })] }),
  ),
  http.post(`${BASE}${c}/meteringpoints/meteringpoint/getchargelinkswithcharges`, () =>
    HttpResponse.json({ title: "Not Found", status: 404, traceId: "00-x" }, { status: 404 }),
  ),
  http.post(`${BASE}${c}/meterdata/gettimeseries/:from/:to/:agg`, async (i) => {
    await record("POST")(i);
    return HttpResponse.json({ result: [envelopeItem(ID, { MyEnergyData_MarketDocument: doc })] });
  }),
  http.post(`${BASE}${c}/meterdata/timeseries/export/:from/:to/:agg`, () =>
    HttpResponse.text("Målepunkt;Fra;Til;Mængde\n", { headers: { "Content-Type": "text/csv" } }),
  ),
  http.post(`${BASE}${c}/meteringpoints/masterdata/export`, () => HttpResponse.text("a;b\n")),
  http.post(`${BASE}${c}/meteringpoints/charges/export`, () => HttpResponse.text("c;d\n")),
  http.get(`${BASE}${t}/authorization/authorizations`, () => HttpResponse.json({ result: [authorization] })),
  http.get(`${BASE}${t}/authorization/authorization/meteringpoints/:scope/:identifier`, async (i) => {
    await record("GET")(i);
    return HttpResponse.json({ result: [{ meteringPointId: ID, accessFrom: "2024-01-01T00:00:00Z" }] });
  }),
  http.get(`${BASE}${t}/authorization/authorization/meteringpointids/:scope/:identifier`, () =>
    HttpResponse.json({ result: [ID] }),
  ),
  http.post(`${BASE}${t}/meteringpoint/getdetails`, () =>
    HttpResponse.json({ result: [envelopeItem(ID, { result: { meteringPointId: ID } })] }),
  ),
  http.post(`${BASE}${t}/meteringpoint/getcharges`, () =>
    HttpResponse.json({
      result: [envelopeItem(ID, { result: { meteringPointId: ID, subscriptions: [], tariffs: [] } })],
    }),
  ),
  http.post(`${BASE}${t}/meteringpoint/getchargelinkswithcharges`, () =>
    HttpResponse.json({ result: { results: [], chargeInformations: [] } }),
  ),
  http.post(`${BASE}${t}/meterdata/gettimeseries/:from/:to/:agg`, () =>
    HttpResponse.json("#30003: ToDate is greater than today", { status: 400 }),
  ),
);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  seen.length = 0;
});
afterAll(() => server.close());

const body = { meteringPoints: { meteringPoint: [ID] } };
const auth = { headers: { Authorization: "Bearer x" } };

describe("customer raw client", () => {
  it("covers every customer operation", async () => {
    // Created inside the test: openapi-fetch captures the global fetch, which msw patches in beforeAll.
    const api = createCustomerApiClient(auth);
    expect((await api.GET("/customerapi/api/token")).data?.result).toBe("jwt");
    expect((await api.GET("/customerapi/api/isalive")).data).toBe(true);
    const list = await api.GET("/customerapi/api/meteringpoints/meteringpoints", {
      params: { query: { includeAll: true } },
    });
    expect(list.data?.result?.[0]?.meteringPointId).toBe(ID);
    const add = await api.POST("/customerapi/api/meteringpoints/meteringpoint/relation/add", { body });
    expect(add.data?.result?.[0]?.result).toBe("Relation added");
    const wac = await api.PUT(
      "/customerapi/api/meteringpoints/meteringpoint/relation/add/{meteringPointId}/{webAccessCode}",
      { params: { path: { meteringPointId: ID, webAccessCode: "AB12CD34" } } },
    );
    expect(wac.data?.result).toBe("Relation added");
    const del = await api.DELETE("/customerapi/api/meteringpoints/meteringpoint/relation/{meteringPointId}", {
      params: { path: { meteringPointId: ID } },
    });
    expect(del.data?.result).toBe(true);
    const det = await api.POST("/customerapi/api/meteringpoints/meteringpoint/getdetails", { body });
    expect(det.data?.result?.[0]?.result?.protectedName).toBe("False");
    const ch = await api.POST("/customerapi/api/meteringpoints/meteringpoint/getcharges", { body });
    expect(ch.data?.result?.[0]?.result?.tariffs?.[0]?.prices?.[0]?.price).toBe(0.3);
    const links = await api.POST("/customerapi/api/meteringpoints/meteringpoint/getchargelinkswithcharges", {
      body: { query: [{ meteringPointId: ID, from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" }] },
    });
    expect(links.response.status).toBe(404);
    expect(links.error).toMatchObject({ traceId: "00-x" });
    const ts = await api.POST("/customerapi/api/meterdata/gettimeseries/{dateFrom}/{dateTo}/{aggregation}", {
      params: { path: { dateFrom: "2024-02-12", dateTo: "2024-02-13", aggregation: "Hour" } },
      body,
    });
    const point = ts.data?.result?.[0]?.MyEnergyData_MarketDocument?.TimeSeries?.[0]?.Period?.[0]?.Point?.[0];
    expect(point?.["out_Quantity.quantity"]).toBe("0.13");
    const csv = await api.POST(
      "/customerapi/api/meterdata/timeseries/export/{dateFrom}/{dateTo}/{aggregation}",
      {
        params: { path: { dateFrom: "2024-02-12", dateTo: "2024-02-13", aggregation: "Hour" } },
        body,
        parseAs: "text",
      },
    );
    expect(csv.data).toMatch(/^Målepunkt;/);
    expect(
      (await api.POST("/customerapi/api/meteringpoints/masterdata/export", { body, parseAs: "text" })).data,
    ).toBe("a;b\n");
    expect(
      (await api.POST("/customerapi/api/meteringpoints/charges/export", { body, parseAs: "text" })).data,
    ).toBe("c;d\n");
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      "GET /customerapi/api/token",
      "GET /customerapi/api/meteringpoints/meteringpoints?includeAll=true",
      "POST /customerapi/api/meteringpoints/meteringpoint/relation/add",
      "PUT /customerapi/api/meteringpoints/meteringpoint/relation/add/571313180100000001/AB12CD34",
      "DELETE /customerapi/api/meteringpoints/meteringpoint/relation/571313180100000001",
      "POST /customerapi/api/meterdata/gettimeseries/2024-02-12/2024-02-13/Hour",
    ]);
    expect(seen.find((s) => s.method === "POST")?.body).toEqual(body);
    expect(seen.every((s) => s.auth === "Bearer x")).toBe(true);
  });
});

describe("third-party raw client", () => {
  it("covers every third-party operation", async () => {
    const api = createThirdPartyApiClient({ ...auth, baseUrl: `${BASE}/` });
    expect((await api.GET("/thirdpartyapi/api/token")).data?.result).toBe("jwt");
    expect((await api.GET("/thirdpartyapi/api/isalive")).data).toBe(false);
    expect(
      (await api.GET("/thirdpartyapi/api/authorization/authorizations")).data?.result?.[0]?.customerCVR,
    ).toBe("12345678");
    const mps = await api.GET(
      "/thirdpartyapi/api/authorization/authorization/meteringpoints/{scope}/{identifier}",
      {
        params: { path: { scope: "customerCVR", identifier: "12345678" } },
      },
    );
    expect(mps.data?.result?.[0]?.accessFrom).toBe("2024-01-01T00:00:00Z");
    const idsRes = await api.GET(
      "/thirdpartyapi/api/authorization/authorization/meteringpointids/{scope}/{identifier}",
      {
        params: { path: { scope: "customerKey", identifier: "k" } },
      },
    );
    expect(idsRes.data?.result).toEqual([ID]);
    expect(
      (await api.POST("/thirdpartyapi/api/meteringpoint/getdetails", { body })).data?.result?.[0]?.id,
    ).toBe(ID);
    const charges = await api.POST("/thirdpartyapi/api/meteringpoint/getcharges", { body });
    expect(charges.data?.result?.[0]?.result?.tariffs).toEqual([]);
    const links = await api.POST("/thirdpartyapi/api/meteringpoint/getchargelinkswithcharges", {
      body: { query: [{ meteringPointId: ID, from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" }] },
    });
    expect(links.data?.result?.results).toEqual([]);
    const ts = await api.POST(
      "/thirdpartyapi/api/meterdata/gettimeseries/{dateFrom}/{dateTo}/{aggregation}",
      {
        params: { path: { dateFrom: "2024-02-12", dateTo: "2099-01-01", aggregation: "Day" } },
        body,
      },
    );
    expect(ts.response.status).toBe(400);
    expect(ts.error).toBe("#30003: ToDate is greater than today");
    expect(seen.map((s) => s.path)).toEqual([
      "/thirdpartyapi/api/token",
      "/thirdpartyapi/api/authorization/authorization/meteringpoints/customerCVR/12345678",
    ]);
  });
});
