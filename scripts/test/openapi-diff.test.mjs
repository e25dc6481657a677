import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { diffOpenApi } from "../lib/openapi-diff.mjs";
import { REPO_ROOT } from "../lib/spec-sources.mjs";

const SHARED_SPEC = resolve(REPO_ROOT, "../shared/spec");
const hasShared = existsSync(resolve(SHARED_SPEC, "eloverblik-customer-api.swagger.json"));
if (!hasShared) {
  console.warn(`[openapi-diff] skipping tests on the published documents: ${SHARED_SPEC} is not present`);
}

/** @param {string} name */
const readShared = (name) => JSON.parse(readFileSync(resolve(SHARED_SPEC, name), "utf8"));
/** @param {Array<{ id: string }>} differences */
const ids = (differences) => differences.map((d) => d.id);

const TIMESERIES = "/customerapi/api/meterdata/gettimeseries/{dateFrom}/{dateTo}/{aggregation}";
const LIST = "/customerapi/api/meteringpoints/meteringpoints";

describe.skipIf(!hasShared)("diffOpenApi on the published Customer API document", () => {
  const current = hasShared ? readShared("eloverblik-customer-api.swagger.json") : {};

  it("finds nothing when a document is compared with itself", () => {
    expect(diffOpenApi(current, structuredClone(current), { api: "customer" })).toEqual([]);
    const thirdParty = readShared("eloverblik-thirdparty-api.swagger.json");
    expect(diffOpenApi(thirdParty, structuredClone(thirdParty), { api: "thirdparty" })).toEqual([]);
  });

  it("reports an added path", () => {
    const ours = structuredClone(current);
    ours.paths["/customerapi/api/foo"] = { get: { responses: { 200: { description: "ok" } } } };
    expect(ids(diffOpenApi(ours, current, { api: "customer" }))).toEqual([
      "customer path-added /customerapi/api/foo",
    ]);
  });

  it("reports a removed path the other way round", () => {
    const ours = structuredClone(current);
    delete ours.paths[TIMESERIES];
    expect(ids(diffOpenApi(ours, current, { api: "customer" }))).toEqual([
      `customer path-removed ${TIMESERIES}`,
    ]);
  });

  it("reports a removed property", () => {
    const ours = structuredClone(current);
    delete ours.components.schemas.MeteringPointApiDto.properties.streetName;
    expect(ids(diffOpenApi(ours, current, { api: "customer" }))).toEqual([
      "customer property-removed MeteringPointApiDto.streetName",
    ]);
  });

  it("reports a renamed parameter as one removed and one added", () => {
    const ours = structuredClone(current);
    const param = ours.paths[LIST].get.parameters.find((/** @type {any} */ p) => p.name === "includeAll");
    param.name = "includeall";
    expect(ids(diffOpenApi(ours, current, { api: "customer" })).sort()).toEqual([
      `customer parameter-added GET ${LIST} query:includeall`,
      `customer parameter-removed GET ${LIST} query:includeAll`,
    ]);
  });

  it("reports a response that points at another schema", () => {
    const ours = structuredClone(current);
    const details = ours.paths["/customerapi/api/meteringpoints/meteringpoint/getdetails"].post;
    details.responses["200"].content["application/json"].schema = {
      $ref: "#/components/schemas/MeteringPointApiDtoListApiResponse",
    };
    expect(ids(diffOpenApi(ours, current, { api: "customer" }))).toEqual([
      "customer response-schema-changed POST /customerapi/api/meteringpoints/meteringpoint/getdetails 200 " +
        "application/json MeteringPointDetailsCustomerDtoResponseListApiResponse→MeteringPointApiDtoListApiResponse",
    ]);
  });

  it("reports changed parameter required/type, responses, request bodies and property shapes", () => {
    const ours = structuredClone(current);
    const param = ours.paths[LIST].get.parameters.find((/** @type {any} */ p) => p.name === "includeAll");
    param.required = true;
    param.schema = { type: "string" };
    const timeseries = ours.paths[TIMESERIES].post;
    timeseries.responses["429"] = { description: "slow down" };
    delete timeseries.responses["400"];
    timeseries.requestBody.required = true;
    delete timeseries.requestBody.content["application/xml"];
    timeseries.requestBody.content["application/json"].schema = {
      $ref: "#/components/schemas/MeteringPoints",
    };
    const charge = ours.components.schemas.MeteringPointChargeDto.properties;
    charge.quantity = { type: "string" };
    charge.price = { $ref: "#/components/schemas/Point" };
    ours.components.schemas.MeteringPoints.properties.meteringPoint.items = { type: "integer" };
    ours.components.schemas.ProblemDetails.properties.traceId = { type: "string" };
    ours.components.schemas.BusinessErrorString = { type: "string" };
    delete ours.components.schemas.EIC;
    delete ours.paths["/customerapi/api/token"].get;

    expect(ids(diffOpenApi(ours, current, { api: "customer" })).sort()).toEqual(
      [
        `customer parameter-changed GET ${LIST} query:includeAll required false→true`,
        `customer parameter-changed GET ${LIST} query:includeAll type boolean→string`,
        `customer response-added POST ${TIMESERIES} 429`,
        `customer response-removed POST ${TIMESERIES} 400`,
        `customer request-body-changed POST ${TIMESERIES} required false→true`,
        `customer request-body-changed POST ${TIMESERIES} content-type-removed application/xml`,
        `customer request-body-changed POST ${TIMESERIES} application/json schema MeteringPointsRequest→MeteringPoints`,
        "customer property-changed MeteringPointChargeDto.quantity type integer→string",
        "customer property-changed MeteringPointChargeDto.quantity format int32→(none)",
        "customer property-changed MeteringPointChargeDto.price ref (none)→Point",
        "customer property-changed MeteringPointChargeDto.price type number→object",
        "customer property-changed MeteringPointChargeDto.price format double→(none)",
        "customer property-changed MeteringPoints.meteringPoint items string→integer",
        "customer property-added ProblemDetails.traceId",
        "customer schema-added BusinessErrorString",
        "customer schema-removed EIC",
        "customer operation-removed GET /customerapi/api/token",
      ].sort(),
    );
  });

  it("ignores descriptions, summaries, operation ids, enums and nullable", () => {
    const ours = structuredClone(current);
    const op = ours.paths[TIMESERIES].post;
    op.description = "our own words";
    op.summary = "ours";
    op.operationId = "getTimeSeries";
    const period = ours.components.schemas.Period.properties;
    period.resolution = { type: "string", enum: ["PT15M", "PT1H", "PT1D", "P1D"], description: "ours" };
    period.Point.nullable = false;
    expect(diffOpenApi(ours, current, { api: "customer" })).toEqual([]);
  });

  it("lists every difference of the May 2024 document, including the removed getmeterreadings", () => {
    const may2024 = readShared("eloverblik-customer-api.swagger.2024-05-eddie.json");
    const found = ids(diffOpenApi(may2024, current, { api: "customer" }));
    expect(found).toContain(
      "customer path-added /customerapi/api/meterdata/getmeterreadings/{dateFrom}/{dateTo}",
    );
    expect(found).toContain(
      "customer path-removed /customerapi/api/meteringpoints/meteringpoint/getchargelinkswithcharges",
    );
    expect(found).toContain("customer schema-added MeterDataReadingsDto");
    expect(found).toContain("customer property-removed MeteringPointChargeDto.priceId");
    // The 2024 document declares `servers: /customerapi` and `/api/...` paths; those must line up.
    expect(found).not.toContain(`customer path-removed ${TIMESERIES}`);
  });
});

/**
 * A small stand-in for a published document, so that the checks above also run where the reference
 * copies are absent (a user's clone). Built fresh on every call; tests reshape it freely.
 * @returns {Record<string, any>}
 */
function miniContract() {
  const ref = (/** @type {string} */ name) => ({ $ref: `#/components/schemas/${name}` });
  const json = (/** @type {any} */ schema) => ({ "application/json": { schema } });
  return {
    openapi: "3.0.3",
    servers: [{ url: "https://example.test/customerapi" }],
    paths: {
      "/api/meteringpoints/meteringpoints": {
        get: {
          parameters: [{ name: "includeAll", in: "query", schema: { type: "boolean" } }],
          responses: {
            200: { description: "ok", content: json(ref("MeteringPointList")) },
            401: { $ref: "#/components/responses/Unauthorized" },
          },
        },
      },
      "/api/meteringpoints/meteringpoint/getdetails": {
        post: {
          requestBody: { content: json(ref("MeteringPointsRequest")) },
          responses: {
            200: {
              description: "ok",
              content: {
                ...json(ref("DetailsResponseList")),
                "application/xml": { schema: ref("DetailsResponseList") },
              },
            },
            400: { description: "rejected", content: json(ref("ProblemDetails")) },
            404: { description: "unknown" },
          },
        },
      },
      "/api/meteringpoints/masterdata/export": {
        post: {
          requestBody: { content: json(ref("MeteringPointsRequest")) },
          responses: { 200: { description: "csv", content: { "text/csv": {} } } },
        },
      },
    },
    components: {
      responses: { Unauthorized: { description: "no token", content: json(ref("ProblemDetails")) } },
      schemas: {
        MeteringPointsRequest: {
          type: "object",
          properties: {
            meteringPoints: {
              type: "object",
              properties: { meteringPoint: { type: "array", items: { type: "string" } } },
            },
          },
        },
        MeteringPointList: {
          type: "object",
          properties: { result: { type: "array", items: ref("MeteringPoint") } },
        },
        MeteringPoint: {
          type: "object",
          properties: { meteringPointId: { type: "string" }, streetName: { type: "string", nullable: true } },
        },
        DetailsResponseList: {
          type: "object",
          properties: { result: { type: "array", items: ref("DetailsResponse") } },
        },
        DetailsResponse: {
          type: "object",
          properties: {
            result: ref("Details"),
            success: { type: "boolean" },
            errorCode: { type: "integer" },
          },
        },
        Details: { type: "object", properties: { meteringPointId: { type: "string" } } },
        ProblemDetails: {
          type: "object",
          properties: { title: { type: "string" }, status: { type: "integer" } },
        },
      },
    },
  };
}

const LIST_SYN = "/customerapi/api/meteringpoints/meteringpoints";
const DETAILS_SYN = "POST /customerapi/api/meteringpoints/meteringpoint/getdetails";
const EXPORT_SYN = "POST /customerapi/api/meteringpoints/masterdata/export";

describe("diffOpenApi on a small synthetic contract (runs everywhere)", () => {
  const upstream = miniContract();

  it("finds nothing when the contract is compared with itself", () => {
    expect(diffOpenApi(miniContract(), upstream, { api: "customer" })).toEqual([]);
  });

  it("reports an added path", () => {
    const ours = miniContract();
    ours.paths["/api/foo"] = { get: { responses: { 200: { description: "ok" } } } };
    expect(ids(diffOpenApi(ours, upstream, { api: "customer" }))).toEqual([
      "customer path-added /customerapi/api/foo",
    ]);
  });

  it("reports a removed path the other way round", () => {
    const ours = miniContract();
    delete ours.paths["/api/meteringpoints/masterdata/export"];
    expect(ids(diffOpenApi(ours, upstream, { api: "customer" }))).toEqual([
      "customer path-removed /customerapi/api/meteringpoints/masterdata/export",
    ]);
  });

  it("reports a removed property", () => {
    const ours = miniContract();
    delete ours.components.schemas.MeteringPoint.properties.streetName;
    expect(ids(diffOpenApi(ours, upstream, { api: "customer" }))).toEqual([
      "customer property-removed MeteringPoint.streetName",
    ]);
  });

  it("reports a renamed parameter as one removed and one added", () => {
    const ours = miniContract();
    ours.paths["/api/meteringpoints/meteringpoints"].get.parameters[0].name = "includeall";
    expect(ids(diffOpenApi(ours, upstream, { api: "customer" })).sort()).toEqual([
      `customer parameter-added GET ${LIST_SYN} query:includeall`,
      `customer parameter-removed GET ${LIST_SYN} query:includeAll`,
    ]);
  });

  it("reports a response that points at another schema, published→ours", () => {
    const ours = miniContract();
    const ok = ours.paths["/api/meteringpoints/meteringpoint/getdetails"].post.responses[200];
    ok.content["application/json"].schema = { $ref: "#/components/schemas/MeteringPointList" };
    const found = diffOpenApi(ours, upstream, { api: "customer" });
    expect(ids(found)).toEqual([
      `customer response-schema-changed ${DETAILS_SYN} 200 application/json DetailsResponseList→MeteringPointList`,
    ]);
    expect(found[0]?.message).toBe(
      "200 application/json response body schema: DetailsResponseList in the published document, " +
        "MeteringPointList in ours",
    );
  });

  it("compares inline response schemas by type, array items and oneOf members", () => {
    const ours = miniContract();
    const details = ours.paths["/api/meteringpoints/meteringpoint/getdetails"].post.responses;
    details[200].content["application/json"].schema = {
      type: "array",
      items: { $ref: "#/components/schemas/Details" },
    };
    details[400].content["application/json"].schema = {
      oneOf: [{ $ref: "#/components/schemas/ProblemDetails" }, { type: "string" }],
    };
    ours.paths["/api/meteringpoints/masterdata/export"].post.responses[200].content["text/csv"].schema = {
      type: "string",
    };
    expect(ids(diffOpenApi(ours, upstream, { api: "customer" })).sort()).toEqual(
      [
        `customer response-schema-changed ${DETAILS_SYN} 200 application/json DetailsResponseList→array<Details>`,
        `customer response-schema-changed ${DETAILS_SYN} 400 application/json ProblemDetails→oneOf<ProblemDetails|string>`,
        `customer response-schema-changed ${EXPORT_SYN} 200 text/csv (none)→string`,
      ].sort(),
    );
  });

  it("reports a changed array item schema of an inline response", () => {
    const mine = miniContract();
    const theirs = miniContract();
    const schemaOf = (/** @type {any} */ doc) =>
      doc.paths["/api/meteringpoints/meteringpoint/getdetails"].post.responses[200].content[
        "application/json"
      ];
    schemaOf(theirs).schema = { type: "array", items: { $ref: "#/components/schemas/Details" } };
    schemaOf(mine).schema = { type: "array", items: { $ref: "#/components/schemas/MeteringPoint" } };
    expect(ids(diffOpenApi(mine, theirs, { api: "customer" }))).toEqual([
      `customer response-schema-changed ${DETAILS_SYN} 200 application/json array<Details>→array<MeteringPoint>`,
    ]);
  });

  it("reports a body declared where the other side has none, in both directions", () => {
    const ours = miniContract();
    const responses = ours.paths["/api/meteringpoints/meteringpoint/getdetails"].post.responses;
    responses[404].content = {
      "application/json": { schema: { $ref: "#/components/schemas/ProblemDetails" } },
    };
    delete responses[400].content;
    const found = diffOpenApi(ours, upstream, { api: "customer" });
    expect(ids(found).sort()).toEqual([
      `customer response-schema-changed ${DETAILS_SYN} 400 application/json ProblemDetails→(none)`,
      `customer response-schema-changed ${DETAILS_SYN} 404 application/json (none)→ProblemDetails`,
    ]);
    expect(found.find((d) => d.id.includes(" 404 "))?.message).toContain("no body in the published document");
  });

  it("ignores media types only one side offers, composition order, nullable wrappers and response $refs", () => {
    const ours = miniContract();
    const details = ours.paths["/api/meteringpoints/meteringpoint/getdetails"].post.responses;
    // Only ours drops XML and adds a CSV variant: media type lists are not compared.
    delete details[200].content["application/xml"];
    details[200].content["text/csv"] = { schema: { type: "string" } };
    // A nullable wrapper around the same $ref is that $ref.
    details[200].content["application/json"].schema = {
      nullable: true,
      allOf: [{ $ref: "#/components/schemas/DetailsResponseList" }],
    };
    // The same response written inline instead of through components/responses.
    ours.paths["/api/meteringpoints/meteringpoints"].get.responses[401] = {
      description: "our words",
      content: { "application/json": { schema: { $ref: "#/components/schemas/ProblemDetails" } } },
    };
    expect(diffOpenApi(ours, upstream, { api: "customer" })).toEqual([]);

    const a = miniContract();
    const b = miniContract();
    const at = (/** @type {any} */ doc) =>
      doc.paths["/api/meteringpoints/meteringpoint/getdetails"].post.responses[400].content[
        "application/json"
      ];
    at(a).schema = { oneOf: [{ $ref: "#/components/schemas/ProblemDetails" }, { type: "string" }] };
    at(b).schema = { oneOf: [{ type: "string" }, { $ref: "#/components/schemas/ProblemDetails" }] };
    expect(diffOpenApi(a, b, { api: "customer" })).toEqual([]);
  });

  it("still catches a changed schema behind a components/responses $ref", () => {
    const ours = miniContract();
    ours.components.responses.Unauthorized.content["application/json"].schema = { type: "string" };
    expect(ids(diffOpenApi(ours, upstream, { api: "customer" }))).toEqual([
      `customer response-schema-changed GET ${LIST_SYN} 401 application/json ProblemDetails→string`,
    ]);
  });
});

describe("diffOpenApi on small synthetic documents", () => {
  /**
   * Typed loosely on purpose: the tests reshape it freely.
   * @param {Record<string, any>} extra
   * @returns {Record<string, any>}
   */
  const doc = (extra = {}) => ({
    openapi: "3.0.3",
    paths: {
      "/api/items/{id}": {
        get: {
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string" } },
            { name: "X-Trace", in: "header", schema: { type: "string" } },
          ],
          responses: { 200: { description: "ok" } },
        },
      },
    },
    components: {
      schemas: {
        Item: { type: "object", properties: { when: { $ref: "#/components/schemas/Interval" } } },
        Interval: { type: "object", properties: { start: { type: "string" } } },
      },
    },
    ...extra,
  });

  it("resolves $refs to components/parameters before comparing", () => {
    const ours = doc();
    ours.components.parameters = {
      Id: { name: "id", in: "path", required: true, schema: { type: "string" } },
    };
    ours.paths["/api/items/{id}"].get.parameters[0] = { $ref: "#/components/parameters/Id" };
    expect(diffOpenApi(ours, doc(), { api: "customer" })).toEqual([]);
  });

  it("takes path-level parameters into account", () => {
    const ours = doc();
    const [idParam, trace] = ours.paths["/api/items/{id}"].get.parameters;
    ours.paths["/api/items/{id}"].parameters = [idParam];
    ours.paths["/api/items/{id}"].get.parameters = [trace];
    expect(diffOpenApi(ours, doc(), { api: "customer" })).toEqual([]);
  });

  it("matches header names case-insensitively but query and path names exactly", () => {
    const ours = doc();
    ours.paths["/api/items/{id}"].get.parameters[1].name = "x-trace";
    expect(diffOpenApi(ours, doc(), { api: "customer" })).toEqual([]);
  });

  it("treats a nullable allOf wrapper around a $ref as that $ref", () => {
    const ours = doc();
    ours.components.schemas.Item.properties.when = {
      allOf: [{ $ref: "#/components/schemas/Interval" }],
      nullable: true,
    };
    expect(diffOpenApi(ours, doc(), { api: "customer" })).toEqual([]);
  });

  it("sees properties inherited through allOf", () => {
    const ours = doc();
    ours.components.schemas.Item = {
      allOf: [
        { $ref: "#/components/schemas/Interval" },
        { type: "object", properties: { when: { $ref: "#/components/schemas/Interval" } } },
      ],
    };
    expect(ids(diffOpenApi(ours, doc(), { api: "customer" }))).toEqual([
      "customer property-added Item.start",
    ]);
  });

  it("prefixes the server's base path so server-relative and full paths compare equal", () => {
    const ours = doc({ servers: [{ url: "https://example.test/base/" }] });
    const upstream = doc();
    upstream.paths = { "/base/api/items/{id}": upstream.paths["/api/items/{id}"] };
    expect(diffOpenApi(ours, upstream, { api: "customer" })).toEqual([]);
  });

  it("compares paths case-sensitively and says when only the case differs", () => {
    const ours = doc();
    ours.paths = { "/API/items/{id}": ours.paths["/api/items/{id}"] };
    const found = diffOpenApi(ours, doc(), { api: "customer" });
    expect(ids(found)).toEqual([
      "customer path-added /API/items/{id}",
      "customer path-removed /api/items/{id}",
    ]);
    expect(found[0]?.message).toContain("only in letter case");
  });

  it("reports a changed $ref target of a property by name", () => {
    const ours = doc();
    ours.components.schemas.Other = { type: "object", properties: { start: { type: "string" } } };
    ours.components.schemas.Item.properties.when = { $ref: "#/components/schemas/Other" };
    expect(ids(diffOpenApi(ours, doc(), { api: "customer" }))).toEqual([
      "customer property-changed Item.when ref Interval→Other",
      "customer schema-added Other",
    ]);
  });

  it("rejects input that is not an OpenAPI document, and a bad api name", () => {
    expect(() => diffOpenApi({ openapi: "3.0.3" }, doc(), { api: "customer" })).toThrow(
      /ours is not an OpenAPI/,
    );
    expect(() => diffOpenApi(doc(), /** @type {any} */ (null), { api: "customer" })).toThrow(
      /upstream is not an OpenAPI/,
    );
    expect(() => diffOpenApi(doc(), doc(), { api: "Customer API" })).toThrow(TypeError);
  });
});
