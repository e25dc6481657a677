import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import formatsPlugin from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { createSimulator, type Simulator } from "../src/index.js";
import { virtualClock } from "./support.js";

/**
 * Contract test: every kind of response the simulator gives is validated against our OpenAPI
 * contract (spec/*.openapi.yaml) for its path, method and status, and — where Energinet's
 * published documents are available (../shared/spec, not part of a user's clone) — against those
 * too. Time-series and details bodies must also have exactly the key shape of real responses.
 */

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const ourSpecs = {
  customer: `${repoRoot}spec/customer-api.openapi.yaml`,
  thirdparty: `${repoRoot}spec/thirdparty-api.openapi.yaml`,
  legacy: `${repoRoot}spec/legacy/customer-meterreadings.openapi.yaml`,
};
const sharedSpec = `${repoRoot}../shared/spec/`;
const published = {
  customer: `${sharedSpec}eloverblik-customer-api.swagger.json`,
  thirdparty: `${sharedSpec}eloverblik-thirdparty-api.swagger.json`,
  legacy: `${sharedSpec}eloverblik-customer-api.swagger.2024-05-eddie.json`,
};
const fixtures = {
  timeSeries: `${sharedSpec}fixtures/eddie-MyEnergyDataMarketDocumentResponseListApiResponse.json`,
  details: `${sharedSpec}fixtures/eddie-MeteringPointDetailsCustomerDtoResponseListApiResponse.json`,
};

type DocName = keyof typeof ourSpecs;
type OpenApi = {
  paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
  components: object;
};
type Response = { content?: Record<string, { schema?: object }> };

const have = (...paths: string[]) => paths.every((p) => existsSync(p));
const load = (path: string): OpenApi =>
  (path.endsWith(".json")
    ? JSON.parse(readFileSync(path, "utf8"))
    : parseYaml(readFileSync(path, "utf8"))) as OpenApi;

// ajv-formats is CommonJS; TypeScript (NodeNext) and the test bundler disagree on its default export.
const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as (
  ajv: Ajv,
) => Ajv;

function createAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const format of ["int32", "int64", "double", "float"]) ajv.addFormat(format, true);
  return ajv;
}

/** Points `#/...` references of an inline schema at the registered document. */
function rebase(schema: unknown, id: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => rebase(s, id));
  if (schema === null || typeof schema !== "object") return schema;
  // OpenAPI 3.0 marks a `$ref` nullable as `{ nullable: true, allOf: [$ref] }`; ajv only accepts
  // `nullable` next to `type`, so spell it the JSON Schema way.
  const { nullable, ...rest } = schema as Record<string, unknown>;
  if (nullable === true && !("type" in rest)) {
    return { anyOf: [{ type: "null" }, rebase(rest, id)] };
  }
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === "$ref" && typeof value === "string" && value.startsWith("#/")
        ? `${id}${value}`
        : rebase(value, id),
    ]),
  );
}

class ContractValidator {
  private readonly ajv = createAjv();
  private readonly docs = new Map<string, OpenApi>();
  private readonly cache = new Map<string, ValidateFunction>();

  register(id: string, doc: OpenApi): void {
    this.docs.set(id, doc);
    this.ajv.addSchema({ $id: id, components: rebase(doc.components, id) });
  }

  response(id: string, template: string, method: string, status: number): Response | undefined {
    return this.docs.get(id)?.paths[template]?.[method.toLowerCase()]?.responses[String(status)];
  }

  validate(id: string, schema: object, value: unknown): string[] {
    const key = `${id}|${JSON.stringify(schema)}`;
    const validate = this.cache.get(key) ?? this.ajv.compile(rebase(schema, id) as object);
    this.cache.set(key, validate);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  }

  component(id: string, name: string, value: unknown): string[] {
    return this.validate(id, { $ref: `#/components/schemas/${name}` }, value);
  }
}

interface Captured {
  label: string;
  doc: DocName;
  method: string;
  /** The contract's path template. */
  template: string;
  status: number;
  contentType: string;
  headers: Record<string, string>;
  body: unknown;
  text: string;
}

const clock = virtualClock("2026-01-15T10:00:00Z");

/** Drives one simulator through every kind of answer both APIs give, and records them. */
async function captureAll(): Promise<Captured[]> {
  const sim: Simulator = createSimulator({ clock: clock.now, limits: { tokenPerWindow: 1000 } });
  const mp = sim.meteringPoints;
  const out: Captured[] = [];
  const call = async (
    label: string,
    doc: DocName,
    method: string,
    template: string,
    path: string,
    options: { token?: string; body?: unknown; rawBody?: string; client?: string } = {},
  ) => {
    const headers: Record<string, string> = {
      "x-user-correlation-id": "0b5a4bde-3a55-4f6c-9d2a-1f0f4f1f9a77",
    };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined || options.rawBody !== undefined)
      headers["content-type"] = "application/json";
    const answer = await sim.handle({
      method,
      url: path,
      headers,
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      clientAddress: options.client ?? "192.0.2.1",
    });
    if (answer.kind !== "response") throw new Error(`${label}: connection reset`);
    let body: unknown = answer.body;
    if (answer.headers["content-type"]?.includes("json")) body = JSON.parse(answer.body);
    const captured: Captured = {
      label,
      doc,
      method,
      template,
      status: answer.status,
      contentType: answer.headers["content-type"] ?? "",
      headers: answer.headers,
      body,
      text: answer.body,
    };
    out.push(captured);
    return captured;
  };
  const ids = (...list: string[]) => ({ meteringPoints: { meteringPoint: list } });
  const C = "/customerapi/api";
  const T = "/thirdpartyapi/api";

  // Customer API.
  await call("isalive", "customer", "GET", `${C}/isalive`, `${C}/isalive`);
  const token = await call("token", "customer", "GET", `${C}/token`, `${C}/token`, {
    token: sim.tokens.customer,
  });
  const customer = (token.body as { result: string }).result;
  await call("token 401", "customer", "GET", `${C}/token`, `${C}/token`, { token: "x.y.z" });
  await call("token 403", "customer", "GET", `${C}/token`, `${C}/token`, { token: customer });
  const list = `${C}/meteringpoints/meteringpoints`;
  await call("list", "customer", "GET", list, list, { token: customer });
  await call("list includeAll", "customer", "GET", list, `${list}?includeAll=true`, { token: customer });
  await call("list 401", "customer", "GET", list, list, { token: sim.tokens.customer });
  const add = `${C}/meteringpoints/meteringpoint/relation/add`;
  await call("add", "customer", "POST", add, add, {
    token: customer,
    body: ids(mp.cprOnly.id, mp.household.id, "1"),
  });
  await call("add 400", "customer", "POST", add, add, { token: customer, body: ids("1") });
  const wac = `${C}/meteringpoints/meteringpoint/relation/add/{meteringPointId}/{webAccessCode}`;
  const wacPath = (id: string, code: string) =>
    `${C}/meteringpoints/meteringpoint/relation/add/${id}/${code}`;
  await call("wac 404", "customer", "PUT", wac, wacPath(mp.neighbour.id, "ZZZZZZZZ"), { token: customer });
  await call("wac 400", "customer", "PUT", wac, wacPath(mp.neighbour.id, "ZZ"), { token: customer });
  await call("wac", "customer", "PUT", wac, wacPath(mp.neighbour.id, mp.neighbour.webAccessCode), {
    token: customer,
  });
  const del = `${C}/meteringpoints/meteringpoint/relation/{meteringPointId}`;
  await call(
    "delete",
    "customer",
    "DELETE",
    del,
    `${C}/meteringpoints/meteringpoint/relation/${mp.neighbour.id}`,
    { token: customer },
  );
  await call(
    "delete 400",
    "customer",
    "DELETE",
    del,
    `${C}/meteringpoints/meteringpoint/relation/${mp.neighbour.id}`,
    { token: customer },
  );
  const details = `${C}/meteringpoints/meteringpoint/getdetails`;
  const all = [
    mp.household.id,
    mp.production.id,
    mp.productionExport.id,
    mp.flex.id,
    mp.blocked.id,
    mp.business.id,
    "12",
  ];
  await call("details", "customer", "POST", details, details, { token: customer, body: ids(...all) });
  await call("details 400", "customer", "POST", details, details, {
    token: customer,
    body: ids(...all, ...all.map((i) => `${i}9`), "x", "y"),
  });
  await call("details 400 unreadable", "customer", "POST", details, details, {
    token: customer,
    rawBody: "{",
  });
  const charges = `${C}/meteringpoints/meteringpoint/getcharges`;
  await call("charges", "customer", "POST", charges, charges, { token: customer, body: ids(...all) });
  const links = `${C}/meteringpoints/meteringpoint/getchargelinkswithcharges`;
  const linkQuery = {
    query: [{ meteringPointId: mp.flex.id, from: "2025-12-31T23:00:00Z", to: "2026-01-02T23:00:00Z" }],
  };
  await call("charge links 404", "customer", "POST", links, links, { token: customer, body: linkQuery });
  sim.setScenario({ chargeLinks: "available", meterReadings: "available" });
  await call("charge links", "customer", "POST", links, links, { token: customer, body: linkQuery });
  const series = `${C}/meterdata/gettimeseries/{dateFrom}/{dateTo}/{aggregation}`;
  for (const aggregation of ["Actual", "Quarter", "Hour", "Day", "Month", "Year"]) {
    await call(
      `series ${aggregation}`,
      "customer",
      "POST",
      series,
      `${C}/meterdata/gettimeseries/2025-09-28/2025-10-28/${aggregation}`,
      {
        token: customer,
        body: ids(...all),
      },
    );
  }
  await call(
    "series 400",
    "customer",
    "POST",
    series,
    `${C}/meterdata/gettimeseries/2025-10-01/2025-10-01/Hour`,
    { token: customer, body: ids(mp.household.id) },
  );
  await call(
    "series 400 unreadable",
    "customer",
    "POST",
    series,
    `${C}/meterdata/gettimeseries/2025-10-01/2025-10-02/Hour`,
    { token: customer, rawBody: "[" },
  );
  const exportSeries = `${C}/meterdata/timeseries/export/{dateFrom}/{dateTo}/{aggregation}`;
  await call(
    "export series",
    "customer",
    "POST",
    exportSeries,
    `${C}/meterdata/timeseries/export/2026-01-01/2026-01-03/Hour`,
    { token: customer, body: ids(mp.flex.id) },
  );
  await call(
    "export series 400",
    "customer",
    "POST",
    exportSeries,
    `${C}/meterdata/timeseries/export/2026-01-03/2026-01-01/Hour`,
    { token: customer, body: ids(mp.flex.id) },
  );
  for (const [label, path] of [
    ["export master data", `${C}/meteringpoints/masterdata/export`],
    ["export charges", `${C}/meteringpoints/charges/export`],
  ] as const) {
    await call(label, "customer", "POST", path, path, { token: customer, body: ids(mp.flex.id) });
    await call(`${label} 400`, "customer", "POST", path, path, { token: customer, body: ids("z") });
  }
  const readings = "/customerapi/api/meterdata/getmeterreadings/{dateFrom}/{dateTo}";
  await call(
    "meter readings",
    "legacy",
    "POST",
    readings,
    `${C}/meterdata/getmeterreadings/2025-10-01/2026-01-01`,
    { token: customer, body: ids(mp.household.id, mp.cprOnly.id) },
  );
  sim.setScenario({ meterReadings: "withdrawn", unavailable: { calls: 2 } });
  await call(
    "meter readings 404",
    "legacy",
    "POST",
    readings,
    `${C}/meterdata/getmeterreadings/2025-10-01/2026-01-01`,
    { token: customer, body: ids(mp.household.id) },
  );
  await call(
    "series 503",
    "customer",
    "POST",
    series,
    `${C}/meterdata/gettimeseries/2025-10-01/2025-10-02/Hour`,
    { token: customer, body: ids(mp.household.id) },
  );
  await call("isalive 503", "customer", "GET", `${C}/isalive`, `${C}/isalive`);

  // Third Party API.
  const tpToken = await call("tp token", "thirdparty", "GET", `${T}/token`, `${T}/token`, {
    token: sim.tokens.thirdparty,
  });
  const tp = (tpToken.body as { result: string }).result;
  await call("tp token 403", "thirdparty", "GET", `${T}/token`, `${T}/token`, { token: tp });
  await call("tp isalive", "thirdparty", "GET", `${T}/isalive`, `${T}/isalive`);
  await call(
    "tp authorizations",
    "thirdparty",
    "GET",
    `${T}/authorization/authorizations`,
    `${T}/authorization/authorizations`,
    { token: tp },
  );
  await call(
    "tp authorizations 401",
    "thirdparty",
    "GET",
    `${T}/authorization/authorizations`,
    `${T}/authorization/authorizations`,
    { token: customer },
  );
  const byScope = (kind: string) => `${T}/authorization/authorization/${kind}/{scope}/{identifier}`;
  await call(
    "tp metering points",
    "thirdparty",
    "GET",
    byScope("meteringpoints"),
    `${T}/authorization/authorization/meteringpoints/customerKey/kunde-1001`,
    { token: tp },
  );
  await call(
    "tp ids",
    "thirdparty",
    "GET",
    byScope("meteringpointids"),
    `${T}/authorization/authorization/meteringpointids/customerCVR/10000009`,
    { token: tp },
  );
  await call(
    "tp ids 400",
    "thirdparty",
    "GET",
    byScope("meteringpointids"),
    `${T}/authorization/authorization/meteringpointids/nonsense/1`,
    { token: tp },
  );
  const tpIds = ids(mp.household.id, mp.production.id, mp.business.id, "7");
  await call(
    "tp details",
    "thirdparty",
    "POST",
    `${T}/meteringpoint/getdetails`,
    `${T}/meteringpoint/getdetails`,
    { token: tp, body: tpIds },
  );
  await call(
    "tp details 401",
    "thirdparty",
    "POST",
    `${T}/meteringpoint/getdetails`,
    `${T}/meteringpoint/getdetails`,
    { token: tp, body: ids(mp.flex.id) },
  );
  await call(
    "tp charges",
    "thirdparty",
    "POST",
    `${T}/meteringpoint/getcharges`,
    `${T}/meteringpoint/getcharges`,
    { token: tp, body: tpIds },
  );
  await call(
    "tp charge links 404",
    "thirdparty",
    "POST",
    `${T}/meteringpoint/getchargelinkswithcharges`,
    `${T}/meteringpoint/getchargelinkswithcharges`,
    { token: tp, body: linkQuery },
  );
  const tpSeries = `${T}/meterdata/gettimeseries/{dateFrom}/{dateTo}/{aggregation}`;
  await call(
    "tp series",
    "thirdparty",
    "POST",
    tpSeries,
    `${T}/meterdata/gettimeseries/2025-11-01/2025-11-03/Hour`,
    { token: tp, body: tpIds },
  );
  await call(
    "tp series 30010",
    "thirdparty",
    "POST",
    tpSeries,
    `${T}/meterdata/gettimeseries/2023-06-01/2023-06-03/Hour`,
    { token: tp, body: tpIds },
  );
  await call(
    "tp series 400",
    "thirdparty",
    "POST",
    tpSeries,
    `${T}/meterdata/gettimeseries/2023-06-03/2023-06-03/Hour`,
    { token: tp, body: tpIds },
  );
  await call(
    "tp series 401",
    "thirdparty",
    "POST",
    tpSeries,
    `${T}/meterdata/gettimeseries/2025-06-01/2025-06-03/Hour`,
    { token: tp, body: ids(mp.neighbour.id) },
  );

  // Rate limit, on a client of its own.
  for (let i = 0; i < 120; i++)
    await sim.handle({
      method: "GET",
      url: `${C}/isalive`,
      headers: {},
      body: undefined,
      clientAddress: "198.51.100.9",
    });
  await call("isalive 429", "customer", "GET", `${C}/isalive`, `${C}/isalive`, { client: "198.51.100.9" });
  return out;
}

/**
 * A failed item carries its payload key as null (`"result": null`), as .NET writes null members
 * (real items show `"stackTrace": null`); OpenAPI 3.0 cannot mark a `$ref` nullable, so both
 * documents declare the payload as a plain object. Such null payloads are checked here and left
 * out before schema validation.
 */
function withoutFailedPayloads(body: unknown): unknown {
  const result = (body as { result?: unknown } | null)?.result;
  if (!Array.isArray(result)) return body;
  return {
    ...(body as object),
    result: result.map((item: Record<string, unknown>) => {
      if (item.success !== false) return item;
      const entries = Object.entries(item).filter(([key, value]) => {
        if (value !== null || !(key === "result" || key === "MyEnergyData_MarketDocument")) return true;
        return false;
      });
      return Object.fromEntries(entries);
    }),
  };
}

/**
 * Live behaviour our contract does not (yet) declare. An unreadable JSON body gets ASP.NET's
 * validation ProblemDetails; the contract declares only BusinessErrorString for most 400s.
 */
const CONTRACT_GAPS = new Set(["details 400 unreadable"]);

let captured: Captured[] = [];
beforeAll(async () => {
  captured = await captureAll();
});

describe.skipIf(!have(...Object.values(ourSpecs)))(
  "contract: spec/*.openapi.yaml (skipped when spec/ is missing)",
  () => {
    const validator = new ContractValidator();
    beforeAll(() => {
      for (const [name, path] of Object.entries(ourSpecs)) validator.register(name, load(path));
    });

    it("covers every path of both APIs", () => {
      for (const name of ["customer", "thirdparty", "legacy"] as const) {
        const paths = Object.keys(load(ourSpecs[name]).paths);
        const seen = new Set(captured.filter((c) => c.doc === name).map((c) => c.template));
        expect(
          [...paths].filter((p) => !seen.has(p)),
          name,
        ).toEqual([]);
      }
    });

    it("fails items with success:false, a business code, its name and a null payload", () => {
      const failed = captured
        .flatMap((c) =>
          Array.isArray((c.body as { result?: unknown } | null)?.result)
            ? (c.body as { result: Array<Record<string, unknown>> }).result
            : [],
        )
        .filter((item) => item.success === false);
      expect(failed.length).toBeGreaterThan(10);
      for (const item of failed) {
        expect(item.errorCode).not.toBe(10000);
        expect(item.errorText).toMatch(/^[A-Z][A-Za-z0-9]+$/);
        expect(item.stackTrace).toBeNull();
        expect(item.result ?? item.MyEnergyData_MarketDocument ?? null).toBeNull();
      }
    });

    it("gives only statuses the contract declares, with bodies that match their schemas", () => {
      const failures: string[] = [];
      for (const c of captured) {
        const declared = validator.response(c.doc, c.template, c.method, c.status);
        if (declared === undefined) {
          failures.push(`${c.label}: status ${c.status} is not declared for ${c.method} ${c.template}`);
          continue;
        }
        const media = c.contentType.startsWith("text/csv") ? "text/csv" : "application/json";
        const schema = declared.content?.[media]?.schema;
        if (declared.content === undefined || Object.keys(declared.content).length === 0) continue;
        if (schema === undefined) {
          failures.push(`${c.label}: no ${media} schema for ${c.status}`);
          continue;
        }
        const errors = validator.validate(c.doc, schema, withoutFailedPayloads(c.body));
        if (errors.length > 0 && CONTRACT_GAPS.has(c.label)) {
          expect(validator.component("customer", "ProblemDetails", c.body), c.label).toEqual([]);
          continue;
        }
        if (errors.length > 0) failures.push(`${c.label}: ${errors.slice(0, 5).join("; ")}`);
      }
      expect(failures).toEqual([]);
    });

    it("sends the correlation headers the contract declares", () => {
      for (const c of captured) {
        expect(
          validator.validate(
            "customer",
            { $ref: "#/components/headers/X-Correlation-ID/schema" },
            c.headers["x-correlation-id"],
          ),
          c.label,
        ).toEqual([]);
        expect(c.headers["x-user-correlation-id"], c.label).toBe("0b5a4bde-3a55-4f6c-9d2a-1f0f4f1f9a77");
      }
      const limited = captured.find((c) => c.status === 429);
      expect(limited?.headers["retry-after"]).toMatch(/^\d+$/);
    });

    it("is strict enough to catch a misnamed field", () => {
      expect(validator.component("customer", "MeteringPointApiDto", { meteringPointID: "x" })).not.toEqual(
        [],
      );
      expect(validator.component("customer", "Point", { position: 1 })).not.toEqual([]);
    });

    it("answers an unknown path with a ProblemDetails", async () => {
      const sim = createSimulator();
      const answer = await sim.handle({
        method: "GET",
        url: "/thirdpartyapi/api/unknown",
        headers: {},
        body: undefined,
        clientAddress: "x",
      });
      expect(answer.kind === "response" && answer.status).toBe(404);
      expect(
        validator.component(
          "thirdparty",
          "ProblemDetails",
          answer.kind === "response" ? JSON.parse(answer.body) : undefined,
        ),
      ).toEqual([]);
    });
  },
);

describe.skipIf(!have(...Object.values(published)))(
  "contract: Energinet's published documents (skipped when ../shared/spec is missing)",
  () => {
    const validator = new ContractValidator();
    beforeAll(() => {
      for (const [name, path] of Object.entries(published)) validator.register(name, load(path));
    });

    it("matches the published schemas wherever they declare the status (400 bodies excepted: bare strings live)", () => {
      const failures: string[] = [];
      let checked = 0;
      for (const c of captured) {
        if (c.status === 400) continue;
        // The 2024 document lists paths without the /customerapi prefix.
        const template = c.doc === "legacy" ? c.template.replace("/customerapi", "") : c.template;
        const schema = validator.response(c.doc, template, c.method, c.status)?.content?.["application/json"]
          ?.schema;
        if (schema === undefined) continue;
        checked++;
        const errors = validator.validate(c.doc, schema, withoutFailedPayloads(c.body));
        if (errors.length > 0) failures.push(`${c.label}: ${errors.slice(0, 5).join("; ")}`);
      }
      expect(failures).toEqual([]);
      expect(checked).toBeGreaterThan(30);
    });
  },
);

/** Every key path in a JSON value, with `[]` for array elements, e.g. `result[].id`. */
function keyShape(value: unknown, prefix = "", out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keyShape(item, `${prefix}[]`, out);
  else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      out.add(path);
      keyShape(child, path, out);
    }
  }
  return out;
}

describe.skipIf(!have(...Object.values(fixtures)))(
  "key shape of real responses (EDDIE-FIX; skipped when ../shared/spec/fixtures is missing)",
  () => {
    it("time series: the same keys as the real response", () => {
      const real = keyShape(JSON.parse(readFileSync(fixtures.timeSeries, "utf8")));
      const ours = captured.find((c) => c.label === "series Hour")?.body as {
        result: Array<{ success: boolean }>;
      };
      const okOnly = { result: ours.result.filter((item) => item.success) };
      expect([...keyShape(okOnly)].sort()).toEqual([...real].sort());
    });

    it("details: the same keys as the real response, plus the field Energinet added after it was captured", () => {
      const real = keyShape(JSON.parse(readFileSync(fixtures.details, "utf8")));
      // The real metering point has no children, so compare with ours that have none either.
      const ours = captured.find((c) => c.label === "details")?.body as {
        result: Array<{ success: boolean; result: { childMeteringPoints?: unknown[] } | null }>;
      };
      const childless = ours.result.filter(
        (item) => item.success && item.result?.childMeteringPoints?.length === 0,
      );
      expect(childless.length).toBeGreaterThan(0);
      const shape = keyShape({ result: childless });
      // The fixture is from 2024; powerLimitKWDecimal appears first in the 2026 documents.
      const newer = ["result[].result.powerLimitKWDecimal"];
      const customerSpec = have(published.customer) ? readFileSync(published.customer, "utf8") : "";
      for (const key of newer) expect(customerSpec).toContain(`"${key.split(".").pop()}"`);
      expect([...shape].filter((k) => !newer.includes(k)).sort()).toEqual([...real].sort());
    });
  },
);
