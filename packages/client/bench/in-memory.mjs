// A client whose fetch port answers from memory: the token endpoint and gettimeseries, with bodies
// made by synth.mjs for the ids and period each request names. No network, no simulator.
import { createEloverblik } from "@eloverblik-kit/client";
import { bodyStream } from "./synth.mjs";

/** "Today" for every in-memory run: 5 full years of history before it are available. */
export const NOW = Date.parse("2026-01-10T12:00:00Z");

const b64url = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
const jwt = (claims) => `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url(claims)}.c2lnbmF0dXJl`;

const refreshToken = jwt({ tokenType: "CustomerAPI_Refresh", exp: NOW / 1000 + 86_400 * 300, jti: "r" });
const accessToken = jwt({ tokenType: "CustomerAPI_DataAccess", exp: NOW / 1000 + 86_400, jti: "a" });

const SERIES_PATH = /\/gettimeseries\/(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})\//;

/**
 * `answer(query)` gives the body for `{ ids, from, to }`: a string, bytes or a stream. Defaults to
 * a stream produced as it is read, so the answers' text never sits in memory before the client
 * reads it.
 */
export function inMemoryClient({ answer = bodyStream, onRequest } = {}) {
  return createEloverblik({
    api: "customer",
    refreshToken,
    baseUrl: "https://in-memory.invalid",
    now: () => NOW,
    sleep: () => Promise.resolve(),
    limits: { callsPerWindow: 1_000_000, tokenPerWindow: 1_000, concurrency: 4 },
    retry: { timeoutMs: 0 },
    fetch: async (request) => {
      const url = new URL(request.url);
      if (url.pathname.endsWith("/api/token")) return Response.json({ result: accessToken });
      const m = SERIES_PATH.exec(url.pathname);
      if (!m) return new Response("not found", { status: 404 });
      const ids = (await request.json()).meteringPoints.meteringPoint;
      const query = { ids, from: m[1], to: m[2] };
      onRequest?.(query);
      return new Response(answer(query), {
        status: 200,
        headers: { "content-type": "application/json", "x-correlation-id": `mem-${m[1]}` },
      });
    },
  });
}
