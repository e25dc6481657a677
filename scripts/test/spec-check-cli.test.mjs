import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findUpstream, REPO_ROOT } from "../lib/spec-sources.mjs";

const CHECK = resolve(REPO_ROOT, "scripts/spec-check.mjs");
const SHARED_SPEC = resolve(REPO_ROOT, "../shared/spec");
const CURRENT = join(SHARED_SPEC, "eloverblik-customer-api.swagger.json");
const MAY_2024 = join(SHARED_SPEC, "eloverblik-customer-api.swagger.2024-05-eddie.json");
const hasShared = existsSync(CURRENT) && existsSync(MAY_2024);
if (!hasShared)
  console.warn(`[spec-check] skipping tests on the published documents: ${SHARED_SPEC} is not present`);

const OUR_FILES = [
  "spec/customer-api.openapi.yaml",
  "spec/thirdparty-api.openapi.yaml",
  "spec/DEVIATIONS.md",
];
const hasOurs = OUR_FILES.every((file) => existsSync(resolve(REPO_ROOT, file)));
const hasUpstream = findUpstream("customer") !== undefined && findUpstream("thirdparty") !== undefined;
if (!hasOurs)
  console.warn(`[spec-check] skipping the check of our contracts: ${OUR_FILES.join(", ")} not all present`);
else if (!hasUpstream)
  console.warn("[spec-check] skipping the check of our contracts: no published documents here");

const GETMETERREADINGS =
  "customer path-added /customerapi/api/meterdata/getmeterreadings/{dateFrom}/{dateTo}";
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

const scratch = mkdtempSync(join(tmpdir(), "spec-check-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Runs a script with node and collects its output (asynchronously, so servers in this process keep working).
 * @param {string} script
 * @param {string[]} args
 * @param {string} [cwd]
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
function run(script, args, cwd = REPO_ROOT) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** @param {string} name @param {string} text */
function scratchFile(name, text) {
  const file = join(scratch, name);
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const UPSTREAM = {
  openapi: "3.0.4",
  paths: { "/customerapi/api/isalive": { get: { responses: { 200: { description: "OK" } } } } },
  components: { schemas: { ProblemDetails: { type: "object", properties: { title: { type: "string" } } } } },
};
const OURS_YAML = `openapi: 3.0.3
info: { title: test, version: "1" }
paths:
  /customerapi/api/isalive:
    get:
      responses:
        "200": { description: ours }
        "429": { description: ours }
components:
  schemas:
    ProblemDetails:
      type: object
      properties:
        title: { type: string }
        traceId: { type: string }
`;

// A published document and a contract that drifted from it in each way the check must catch: an
// added path, a removed property, a renamed parameter and responses pointing at other schemas.
const DRIFT_UPSTREAM = {
  openapi: "3.0.4",
  paths: {
    "/customerapi/api/meteringpoints/meteringpoints": {
      get: {
        parameters: [{ name: "includeAll", in: "query", schema: { type: "boolean" } }],
        responses: {
          200: {
            description: "OK",
            content: { "application/json": { schema: { $ref: "#/components/schemas/ListResponse" } } },
          },
          400: {
            description: "Bad",
            content: { "application/json": { schema: { $ref: "#/components/schemas/ProblemDetails" } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      ListResponse: { type: "object", properties: { result: { type: "array", items: { type: "string" } } } },
      DetailsResponse: { type: "object", properties: { result: { type: "string" } } },
      ProblemDetails: {
        type: "object",
        properties: { title: { type: "string" }, status: { type: "integer" } },
      },
    },
  },
};
const DRIFT_OURS_YAML = `openapi: 3.0.3
info: { title: test, version: "1" }
paths:
  /customerapi/api/meteringpoints/meteringpoints:
    get:
      parameters:
        - { name: includeall, in: query, schema: { type: boolean } }
      responses:
        "200":
          description: ours
          content:
            application/json:
              schema: { $ref: "#/components/schemas/DetailsResponse" }
        "400":
          description: ours
          content:
            application/json:
              schema:
                oneOf:
                  - { type: string }
                  - { $ref: "#/components/schemas/ProblemDetails" }
  /customerapi/api/extra:
    get:
      responses:
        "200": { description: ours }
components:
  schemas:
    ListResponse:
      type: object
      properties:
        result: { type: array, items: { type: string } }
    DetailsResponse:
      type: object
      properties:
        result: { type: string }
    ProblemDetails:
      type: object
      properties:
        title: { type: string }
`;
const DRIFT_LIST = "GET /customerapi/api/meteringpoints/meteringpoints";
const DRIFT_IDS = [
  "customer path-added /customerapi/api/extra",
  `customer parameter-added ${DRIFT_LIST} query:includeall`,
  `customer parameter-removed ${DRIFT_LIST} query:includeAll`,
  `customer response-schema-changed ${DRIFT_LIST} 200 application/json ListResponse→DetailsResponse`,
  `customer response-schema-changed ${DRIFT_LIST} 400 application/json ProblemDetails→oneOf<ProblemDetails|string>`,
  "customer property-removed ProblemDetails.status",
];

describe("spec:check on a synthetic contract that drifted (runs everywhere)", () => {
  const upstream = scratchFile("drift/customer-upstream.json", JSON.stringify(DRIFT_UPSTREAM));
  const ours = scratchFile("drift/customer-ours.yaml", DRIFT_OURS_YAML);

  it("fails and names the added path, removed property, renamed parameter and changed response schemas", async () => {
    const none = scratchFile("drift/none.md", "# No deviations\n");
    const result = await run(CHECK, ["--ours", ours, "--upstream", upstream, "--deviations", none]);
    expect(result.code).toBe(1);
    const unexpected = result.stdout
      .split("\n")
      .filter((line) => line.trimStart().startsWith("UNEXPECTED"))
      .map((line) => line.trim().replace(/^UNEXPECTED\s+/, ""));
    expect(unexpected.sort()).toEqual([...DRIFT_IDS].sort());
    expect(result.stdout).toMatch(/^ {2}response-schema-changed \(2, 2 unexpected\)$/m);
    expect(result.stdout).toContain(
      "200 application/json response body schema: ListResponse in the published document, DetailsResponse in ours",
    );
    expect(result.stdout).toContain("Summary: 6 differences, 0 accepted deviations, 6 unexpected.");
  });

  it("passes once every id is listed, with the pipe inside oneOf<…> escaped in the table", async () => {
    const rows = DRIFT_IDS.map((id) => `| \`${id.replaceAll("|", "\\|")}\` | test |`);
    const deviations = scratchFile("drift/all.md", ["| id | why |", "|---|---|", ...rows, ""].join("\n"));
    const result = await run(CHECK, ["--ours", ours, "--upstream", upstream, "--deviations", deviations]);
    expect(result.stdout).not.toContain("UNEXPECTED");
    expect(result.stdout).not.toContain("warning:");
    expect(result.stdout).toContain("Summary: 6 differences, 6 accepted deviations, 0 unexpected.");
    expect(result.code).toBe(0);
  });
});

describe.skipIf(!hasShared)("spec:check on the May 2024 Customer API document", () => {
  it("fails and lists the differences, including getmeterreadings", async () => {
    const none = scratchFile("none.md", "# No deviations\n");
    const result = await run(CHECK, [
      "--ours",
      MAY_2024,
      "--upstream",
      CURRENT,
      "--api",
      "customer",
      "--deviations",
      none,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Customer API$/m);
    expect(result.stdout).toContain(`UNEXPECTED  ${GETMETERREADINGS}\n`);
    expect(result.stdout).toContain("UNEXPECTED  customer schema-added MeterDataReadingsDto\n");
    expect(result.stdout).toMatch(/^ {2}path-added \(1, 1 unexpected\)$/m);
    const summary = /Summary: (\d+) differences, 0 accepted deviations, (\d+) unexpected\./.exec(
      result.stdout,
    );
    expect(summary?.[1]).toBe(summary?.[2]);
    expect(Number(summary?.[1])).toBeGreaterThan(10);
    expect(result.stderr + result.stdout).not.toMatch(STACK_FRAME);
  });

  it("marks listed ids as accepted, warns about stale ones, and still fails on the rest", async () => {
    const deviations = scratchFile(
      "may.md",
      `| id | why |\n|---|---|\n| \`${GETMETERREADINGS}\` | test |\n| \`customer schema-added Gone\` | stale |\n`,
    );
    const result = await run(CHECK, [
      "--ours",
      MAY_2024,
      "--upstream",
      CURRENT,
      "--api",
      "customer",
      "--deviations",
      deviations,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`accepted    ${GETMETERREADINGS}\n`);
    expect(result.stdout).toContain("warning: stale deviation: `customer schema-added Gone`");
    expect(result.stdout).toMatch(
      /Summary: \d+ differences, 1 accepted deviation, \d+ unexpected; 1 stale deviation entry\./,
    );
  });
});

describe.skipIf(!hasOurs || !hasUpstream)("spec:check on our contracts", () => {
  it("passes: every difference from the published documents is listed in spec/DEVIATIONS.md", async () => {
    const result = await run(CHECK, []);
    expect(result.stderr).toBe("");
    // Listing the offending ids first makes a failure say what to fix.
    const unexpected = result.stdout
      .split("\n")
      .filter((line) => line.trimStart().startsWith("UNEXPECTED"))
      .map((line) => line.trim().replace(/^UNEXPECTED\s+/, ""));
    expect(unexpected).toEqual([]);
    expect(result.stdout).toMatch(/Summary: \d+ differences?, \d+ accepted deviations?, 0 unexpected/);
    expect(result.stdout).not.toContain("warning:");
    expect(result.code).toBe(0);
  });
});

describe("spec:check with synthetic documents", () => {
  const upstream = scratchFile("upstream/customer.json", JSON.stringify(UPSTREAM));
  const ours = scratchFile("ours/customer.yaml", OURS_YAML);

  it("exits 0 when every difference is accepted, warning about stale entries and ignoring notes", async () => {
    const deviations = scratchFile(
      "accepted.md",
      [
        "| Difference id | Evidence |",
        "|---|---|",
        "| `customer response-added GET /customerapi/api/isalive 429` | rate limit |",
        "| `customer property-added ProblemDetails.traceId` | live bodies carry it |",
        "| `customer schema-added NoLongerThere` | was fixed upstream |",
        "| `thirdparty schema-added NotComparedHere` | other API, not stale |",
        "| `note: enums on resolution` | not structural |",
        "",
      ].join("\n"),
    );
    const result = await run(CHECK, ["--ours", ours, "--upstream", upstream, "--deviations", deviations]);
    expect(result.stdout).toContain("accepted    customer response-added GET /customerapi/api/isalive 429\n");
    expect(result.stdout).toContain("warning: stale deviation: `customer schema-added NoLongerThere`");
    expect(result.stdout).not.toContain("NotComparedHere");
    expect(result.stdout).toContain(
      "Summary: 2 differences, 2 accepted deviations, 0 unexpected; 1 stale deviation entry.",
    );
    expect(result.code).toBe(0);
  });

  it("exits 1 and explains the unexpected difference", async () => {
    const deviations = scratchFile(
      "partial.md",
      "| id |\n|---|\n| `customer property-added ProblemDetails.traceId` |\n",
    );
    const result = await run(CHECK, [
      "--ours",
      ours,
      "--upstream",
      upstream,
      "--api",
      "customer",
      "--deviations",
      deviations,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("UNEXPECTED  customer response-added GET /customerapi/api/isalive 429\n");
    expect(result.stdout).toContain("only ours documents a 429 response");
    expect(result.stdout).toContain("Summary: 2 differences, 1 accepted deviation, 1 unexpected.");
  });

  it("rejects unreadable or non-OpenAPI input with a clear message and no stack trace", async () => {
    const broken = scratchFile("ours/broken-customer.yaml", "openapi: 3.0.3\npaths: [unclosed\n");
    const swagger2 = scratchFile("upstream/swagger2.json", JSON.stringify({ swagger: "2.0", paths: {} }));
    const cases = [
      [["--ours", broken, "--upstream", upstream], /broken-customer\.yaml is not valid YAML/],
      [["--ours", ours, "--upstream", swagger2, "--api", "customer"], /is Swagger 2\.0; only OpenAPI 3\.x/],
      [
        ["--ours", join(scratch, "missing.yaml"), "--upstream", upstream, "--api", "customer"],
        /missing\.yaml does not exist/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = await run(CHECK, /** @type {string[]} */ (args));
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/** @type {RegExp} */ (message));
      expect(result.stderr + result.stdout).not.toMatch(STACK_FRAME);
    }
  });

  it("exits 2 on a bad command line", async () => {
    for (const args of [["--bogus"], ["--api", "business"], ["--ours", join(scratch, "contract.yaml")]]) {
      const result = await run(CHECK, args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("Usage: node scripts/spec-check.mjs");
    }
  });
});

describe("spec:check choosing where the published documents come from", () => {
  // A copy of the scripts in a directory with no ../shared/spec beside it, like a user's clone.
  const repo = join(scratch, "clone", "repo");
  cpSync(resolve(REPO_ROOT, "scripts"), join(repo, "scripts"), { recursive: true });
  symlinkSync(resolve(REPO_ROOT, "node_modules"), join(repo, "node_modules"), "dir");
  mkdirSync(join(repo, "spec"), { recursive: true });
  writeFileSync(join(repo, "spec/customer-api.openapi.yaml"), OURS_YAML);
  writeFileSync(join(repo, "spec/thirdparty-api.openapi.yaml"), OURS_YAML);
  const cloneCheck = join(repo, "scripts/spec-check.mjs");

  it("skips with exit 0 when neither a pull nor the reference copies exist", async () => {
    const result = await run(cloneCheck, [], repo);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^spec:check: skipped\. No published document to compare with/);
    expect(result.stdout).toContain("pnpm spec:pull");
  });

  it("uses spec/upstream/ after a pull and skips the API that was not pulled", async () => {
    mkdirSync(join(repo, "spec/upstream"), { recursive: true });
    writeFileSync(join(repo, "spec/upstream/customer-api.json"), JSON.stringify(UPSTREAM));
    const result = await run(cloneCheck, [], repo);
    expect(result.stdout).toContain("upstream: spec/upstream/customer-api.json (pulled by pnpm spec:pull)");
    expect(result.stdout).toMatch(/^Third Party API\n {2}skipped: no published document found$/m);
    expect(result.stdout).toContain("UNEXPECTED  customer property-added ProblemDetails.traceId");
    expect(result.code).toBe(1);
  });
});
