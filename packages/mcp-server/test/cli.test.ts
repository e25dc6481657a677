// The bin's argument and environment handling, up to the point where it would start serving.
import { describe, expect, it } from "vitest";
import { main } from "../src/cli.js";

function io() {
  const out = { stdout: "", stderr: "", shutdown: 0 };
  return {
    out,
    io: {
      stdout: (t: string) => {
        out.stdout += t;
      },
      stderr: (t: string) => {
        out.stderr += `${t}\n`;
      },
      onShutdown: () => {
        out.shutdown++;
      },
    },
  };
}

describe("main", () => {
  it("prints usage and the version", async () => {
    const a = io();
    expect(await main(["--help"], {}, a.io)).toBe(0);
    expect(a.out.stdout).toMatch(
      /--simulator[\s\S]*--read-only[\s\S]*ELOVERBLIK_REFRESH_TOKEN[\s\S]*ELOVERBLIK_MCP_READ_ONLY[\s\S]*ELOVERBLIK_MCP_HTTP_TOKEN[\s\S]*ELOVERBLIK_MCP_ALLOWED_ORIGINS/,
    );
    const b = io();
    expect(await main(["--version"], {}, b.io)).toBe(0);
    expect(b.out.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("rejects unknown flags, a bad API, a bad port and --port without --http", async () => {
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [["--bogus"], {}, /Unknown option '--bogus'/],
      [[], { ELOVERBLIK_API: "business" }, /ELOVERBLIK_API must be "customer" or "thirdparty"/],
      [["--http", "--port", "http"], {}, /--port must be a number/],
      [["--http", "--port", "70000"], {}, /--port must be a number/],
      [["--port", "3000"], {}, /only apply with --http/],
      [["--allow-origin", "https://app.example"], {}, /only apply with --http/],
    ];
    for (const [argv, env, message] of cases) {
      const x = io();
      expect(await main(argv, env, x.io), argv.join(" ")).toBe(2);
      expect(x.out.stderr).toMatch(message);
      expect(x.out.stdout).toBe("");
    }
  });

  it("refuses a non-loopback HTTP bind without a secret, and never echoes the secrets", async () => {
    const token = "eyJhbGciOiJIUzI1NiJ9.eyJ0b2tlblR5cGUiOiJDdXN0b21lckFQSV9SZWZyZXNoIn0.c2lnbmF0dXJl";
    const x = io();
    expect(await main(["--http", "--host", "0.0.0.0"], { ELOVERBLIK_REFRESH_TOKEN: token }, x.io)).toBe(1);
    expect(x.out.stderr).toMatch(/refusing to listen on 0\.0\.0\.0.*ELOVERBLIK_MCP_HTTP_TOKEN/);
    expect(x.out.stderr).not.toContain(token);
    expect(x.out.shutdown).toBe(0);
  });

  it("refuses a bearer secret shorter than 32 characters, on loopback too", async () => {
    for (const argv of [["--http"], ["--http", "--host", "0.0.0.0"]]) {
      const x = io();
      const secret = "only-twenty-chars-xx";
      expect(await main(argv, { ELOVERBLIK_MCP_HTTP_TOKEN: secret }, x.io), argv.join(" ")).toBe(1);
      expect(x.out.stderr).toMatch(
        /bearer secret of 20 characters: ELOVERBLIK_MCP_HTTP_TOKEN must be at least 32/,
      );
      expect(x.out.stderr).not.toContain(secret);
      expect(x.out.shutdown).toBe(0);
    }
  });
});

describe("ELOVERBLIK_REDIS_URL", () => {
  it("refuses a URL that cannot be used before serving (exit 2), without repeating its password", async () => {
    for (const url of ["http://u:pa55w0rd@127.0.0.1:6379", "pa55w0rd"]) {
      const x = io();
      expect(await main([], { ELOVERBLIK_REDIS_URL: url }, x.io)).toBe(2);
      expect(x.out.stderr).toMatch(/ELOVERBLIK_REDIS_URL: The Redis URL/);
      expect(x.out.stderr).not.toContain("pa55w0rd");
      expect(x.out.shutdown).toBe(0);
    }
    const y = io();
    expect(
      await main(
        [],
        { ELOVERBLIK_REDIS_URL: "redis://127.0.0.1:1", ELOVERBLIK_REDIS_PROCESSES: "two" },
        y.io,
      ),
    ).toBe(2);
    expect(y.out.stderr).toMatch(/ELOVERBLIK_REDIS_PROCESSES must be a whole number/);
  });
});
