// Compile-time checks: these fail the typecheck when the contract and the code disagree.
import { describe, expectTypeOf, it } from "vitest";
import {
  createCustomerApiClient,
  createThirdPartyApiClient,
  type Eloverblik,
  type ItemResult,
  type MeteringPoint,
  type TimeSeriesData,
  type WirePoint,
} from "../src/index.js";

describe("generated types", () => {
  it("use the wire's field names", () => {
    expectTypeOf<WirePoint>().toHaveProperty("out_Quantity.quantity");
    expectTypeOf<MeteringPoint>().toHaveProperty("meteringPointId");
    // @ts-expect-error: the wire says out_Quantity.quantity, not quantity (WirePoint is derived from spec/)
    expectTypeOf<WirePoint>().toHaveProperty("quantity");
    // @ts-expect-error: the list item has no balanceSupplierId (only details have it)
    const wrong: MeteringPoint = { balanceSupplierIdd: "x" };
    void wrong;
  });

  it("type request paths, parameters and bodies", () => {
    const api = createCustomerApiClient();
    // @ts-expect-error: unknown path
    void api.GET("/customerapi/api/meteringpoints/unknown");
    void api.GET("/customerapi/api/meteringpoints/meteringpoints", {
      // @ts-expect-error: includeAll is a query parameter, not a path parameter
      params: { path: { includeAll: true } },
    });
    void api.POST("/customerapi/api/meteringpoints/meteringpoint/getdetails", {
      // @ts-expect-error: meteringPoint is a list of ids, not one id
      body: { meteringPoints: { meteringPoint: "571313180100000001" } },
    });
    const tp = createThirdPartyApiClient();
    // @ts-expect-error: the third-party API has no relation endpoints
    void tp.POST("/customerapi/api/meteringpoints/meteringpoint/relation/add", { body: {} });
  });

  it("type the client's results", () => {
    expectTypeOf<Awaited<ReturnType<Eloverblik["getTimeSeries"]>>>().toEqualTypeOf<
      ItemResult<TimeSeriesData>[]
    >();
    expectTypeOf<Awaited<ReturnType<Eloverblik["isAlive"]>>>().toEqualTypeOf<boolean>();
  });
});
