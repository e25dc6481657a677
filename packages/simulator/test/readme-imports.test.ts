// The package entry carries the msw handlers and so needs msw; `/server` (the HTTP server and the model)
// does not. A README snippet that starts the server from the package entry fails for a user without msw.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const README = readFileSync(join(root, "README.md"), "utf8");
const snippets = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);

describe("the README's snippets", () => {
  it("import the package entry only where they use msw; the HTTP server comes from /server", () => {
    const fromEntry = snippets.filter((code) => /from "@eloverblik-kit\/simulator"/.test(code));
    const fromServer = snippets.filter((code) => /from "@eloverblik-kit\/simulator\/server"/.test(code));
    expect(fromServer.length).toBeGreaterThan(0);
    for (const code of fromEntry) expect(code, code).toMatch(/from "msw(\/node)?"/);
    for (const code of snippets.filter((c) => /\bstartSimulator\(/.test(c) && /^import /m.test(c))) {
      expect(code, code).toMatch(
        /import \{[^}]*\bstartSimulator\b[^}]*\} from "@eloverblik-kit\/simulator\/server"/,
      );
    }
  });

  it.skipIf(!existsSync(join(root, "dist/server.js")))("are right that /server loads no msw", () => {
    // Every module the built ESM /server entry reaches, by its relative imports.
    const seen = new Set<string>();
    const bare = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, "utf8");
      for (const m of code.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
        const spec = m[1] as string;
        if (spec.startsWith(".")) visit(join(dirname(file), spec));
        else bare.add(spec.split("/")[0] as string);
      }
    };
    visit(join(root, "dist/server.js"));
    expect(seen.size).toBeGreaterThan(1);
    expect([...bare].filter((s) => s.startsWith("msw"))).toEqual([]);
    // The package entry does load msw: the check above can tell the two apart.
    expect(readFileSync(join(root, "dist/index.js"), "utf8")).toMatch(/from ["']msw/);
  });
});
