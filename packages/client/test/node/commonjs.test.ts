import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

// Hosts that require() the client (Node-RED loads node files with require): the CommonJS build must
// create working openapi-fetch clients, not only load.
it("creates raw and full clients through require() from dist/cjs", () => {
  const entry = fileURLToPath(new URL("../../dist/cjs/index.js", import.meta.url));
  const out = execFileSync(
    process.execPath,
    [
      "-e",
      `const c = require(${JSON.stringify(entry)});
       const raw = c.createCustomerApiClient({ baseUrl: "http://127.0.0.1:9" });
       const client = c.createEloverblikCore({ api: "customer", auth: { token: async () => "t" },
         ports: { fetch, sleep: async () => {}, now: Date.now, random: Math.random } });
       console.log(typeof raw.GET, typeof client.raw.customer.GET);`,
    ],
    { encoding: "utf8" },
  );
  expect(out.trim()).toBe("function function");
});
