import { describe, expect, it } from "vitest";
import { classifyDifferences, parseDeviations } from "../lib/deviations.mjs";

const SAMPLE = `# Deviations

Prose with \`customer schema-added NotInATable\` must not count.

## Correlation headers

| Difference id | Evidence |
|---|---|
| \`customer parameter-added GET /customerapi/api/token header:X-User-Correlation-ID\` | reference §1 |
| \`thirdparty schema-added BusinessErrorString\` \`thirdparty property-added ProblemDetails.traceId\` | two ids, one row |
|\`customer response-added GET /customerapi/api/token 429\`|no spaces around pipes|
| \`note: Period.resolution enum\` | enums are not compared |
| plain text | \`customer schema-added SecondColumn\` |

Text between tables ends the table: | \`customer schema-added AfterTable\` |

\`\`\`md
| id | why |
|---|---|
| \`customer schema-added InFence\` | example only |
\`\`\`

id | why
--- | ---
\`customer response-added GET /customerapi/api/isalive 429\` | table without outer pipes
\`customer   response-added   GET /customerapi/api/isalive 503\` | extra spaces collapse
\`thirdparty schema-added BusinessErrorString\` | listed twice
\`not a difference id\` | malformed
`;

describe("parseDeviations", () => {
  const parsed = parseDeviations(SAMPLE);

  it("takes every backticked string in the first cell of table rows, in order", () => {
    expect(parsed.ids).toEqual([
      "customer parameter-added GET /customerapi/api/token header:X-User-Correlation-ID",
      "thirdparty schema-added BusinessErrorString",
      "thirdparty property-added ProblemDetails.traceId",
      "customer response-added GET /customerapi/api/token 429",
      "customer response-added GET /customerapi/api/isalive 429",
      "customer response-added GET /customerapi/api/isalive 503",
    ]);
  });

  it("ignores prose, other columns and fenced examples", () => {
    const all = [...parsed.ids, ...parsed.notes, ...parsed.malformed, ...parsed.duplicates].join("\n");
    for (const name of ["NotInATable", "SecondColumn", "AfterTable", "InFence"])
      expect(all).not.toContain(name);
  });

  it("keeps note: rows apart from accepted ids", () => {
    expect(parsed.notes).toEqual(["note: Period.resolution enum"]);
    expect(parsed.ids.some((id) => id.startsWith("note:"))).toBe(false);
  });

  it("reports duplicates and strings that cannot be difference ids", () => {
    expect(parsed.duplicates).toEqual(["thirdparty schema-added BusinessErrorString"]);
    expect(parsed.malformed).toEqual(["not a difference id"]);
  });

  it("returns nothing for a document without tables", () => {
    expect(parseDeviations("# Nothing\n\n`customer schema-added X`\n")).toEqual({
      ids: [],
      notes: [],
      duplicates: [],
      malformed: [],
    });
  });
});

describe("classifyDifferences", () => {
  const differences = [
    { id: "customer schema-added BusinessErrorString", message: "" },
    { id: "customer path-added /customerapi/api/foo", message: "" },
  ];

  it("splits accepted from unexpected and finds stale entries of the compared APIs only", () => {
    const result = classifyDifferences(
      differences,
      [
        "customer schema-added BusinessErrorString",
        "customer property-added ProblemDetails.traceId",
        "thirdparty property-added ProblemDetails.traceId",
      ],
      ["customer"],
    );
    expect(result.accepted.map((d) => d.id)).toEqual(["customer schema-added BusinessErrorString"]);
    expect(result.unexpected.map((d) => d.id)).toEqual(["customer path-added /customerapi/api/foo"]);
    expect(result.stale).toEqual(["customer property-added ProblemDetails.traceId"]);
  });
});
