import { describe, expect, it } from "vitest";
import * as redact from "../../src/errors/redact.js";
import * as insights from "../../src/insights/index.js";
import { scrubValue } from "../../src/insights/scrub-value.js";

const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0LXVzZXIifQ.c2lnbmF0dXJlLXNjcnViLXRlc3Q";

describe("scrubValue", () => {
  it("scrubs every string of a nested JSON-like value and leaves the rest", () => {
    const input = {
      text: `token ${JWT} here`,
      list: ["ok", `Bearer abcdefgh12345678`, 42, null, true],
      nested: { deeper: { secret: "my host secret value" } },
      when: new Date("2025-01-01T00:00:00Z"),
      missing: undefined,
    };
    const out = scrubValue(input, ["my host secret value"]);
    expect(out).toEqual({
      text: "token [redacted-token] here",
      list: ["ok", "Bearer [redacted]", 42, null, true],
      nested: { deeper: { secret: "[redacted]" } },
      when: "2025-01-01T00:00:00.000Z",
      missing: undefined,
    });
    expect(input.text).toContain(JWT); // the input is not changed
  });

  it("removes pieces of remembered secrets and survives cycles", () => {
    const secret = "S3cr3t-Value-Long-Enough-For-Fragments";
    insights.rememberSecret(secret);
    const value: Record<string, unknown> = { echo: `…${secret.slice(4, 28)}…` };
    value.self = value;
    const out = scrubValue(value) as Record<string, unknown>;
    expect(out.echo).toBe("…[redacted]…");
    expect(out.self).toBe(out);
  });

  it("re-exports the client's own redaction, not a copy", () => {
    expect(insights.redactSecrets).toBe(redact.redactSecrets);
    expect(insights.rememberSecret).toBe(redact.rememberSecret);
    expect(scrubValue(42)).toBe(42);
    expect(scrubValue(JWT)).toBe("[redacted-token]");
  });
});
