import {
  type ApiKind,
  createEloverblik,
  DEFAULT_BASE_URL,
  describeToken,
  EloverblikError,
  tokenStoreKey,
} from "@eloverblik-kit/client";
import { formatDanishTime } from "@eloverblik-kit/client/insights";
import { createFileTokenStore } from "@eloverblik-kit/client/node";
import { EXIT, type ExitCode } from "../exit-codes.js";
import { readSecret } from "../hidden-input.js";
import { render } from "../output.js";
import { accessTokenDirectory } from "../paths.js";
import { parseApi, type Runtime } from "../runtime.js";
import {
  describeSource,
  type FoundToken,
  forgetRefreshToken,
  looseModeOf,
  storeRefreshToken,
  type TokenSource,
} from "../token-source.js";

const DAY_MS = 86_400_000;

function sourceRecord(source: TokenSource): Record<string, unknown> {
  return { ...source, description: describeSource(source) };
}

function unreadable(error: unknown): EloverblikError {
  return new EloverblikError({
    code: "TOKEN_INVALID",
    message: error instanceof Error ? error.message : "The refresh token cannot be read.",
  });
}

/** What is known about a refresh token without a request: never the token itself. */
function tokenFacts(found: FoundToken, nowMs: number) {
  let info: ReturnType<typeof describeToken>;
  try {
    info = describeToken(found.token, nowMs);
  } catch (error) {
    throw unreadable(error);
  }
  return {
    api: info.api ?? found.api ?? null,
    kind: info.kind ?? null,
    name: info.name ?? null,
    expiresAt: info.expiresAt ?? null,
    expiresLocal: info.expiresAtMs === undefined ? null : formatDanishTime(info.expiresAtMs),
    daysLeft:
      info.expiresAtMs === undefined ? null : Math.max(0, Math.floor((info.expiresAtMs - nowMs) / DAY_MS)),
    expired: info.expired,
    source: sourceRecord(found.source),
  };
}

async function requireToken(rt: Runtime): Promise<FoundToken> {
  const found = await rt.token();
  if (found) return found;
  throw new EloverblikError({
    code: "TOKEN_MISSING",
    message:
      "No refresh token: ELOVERBLIK_REFRESH_TOKEN is not set and none is stored. Run `eloverblik login`, or try any command with --simulator.",
  });
}

export async function tokenInfoCommand(rt: Runtime): Promise<ExitCode> {
  const found = await requireToken(rt);
  const nowMs = Date.now();
  const facts = tokenFacts(found, nowMs);
  const api = await rt.api();
  let cachedUntil: string | null = null;
  if (found.source.kind !== "simulator") {
    const store = createFileTokenStore(accessTokenDirectory(rt.env));
    const entry = await store.get(tokenStoreKey(api, (await rt.baseUrl()) ?? DEFAULT_BASE_URL, found.token));
    cachedUntil = entry ? formatDanishTime(entry.expiresAtMs) : null;
  }
  const record = { ...facts, accessTokenCachedUntil: cachedUntil };
  const rows = [
    {
      field: "API",
      value: facts.api === "thirdparty" ? "Third Party" : facts.api === "customer" ? "Customer" : "unknown",
    },
    { field: "name", value: facts.name },
    {
      field: "expires",
      value: facts.expiresLocal
        ? `${facts.expiresLocal} (${facts.expired ? "expired" : `${facts.daysLeft} days left`})`
        : "no expiry in the token",
    },
    { field: "kept in", value: facts.source.description },
    { field: "data-access token", value: cachedUntil ? `cached until ${cachedUntil}` : "none cached" },
  ];
  await render(rt.io, rt.format, {
    json: record,
    rows: rt.format === "table" ? rows : [record],
    columns: [
      { key: "field", header: "token" },
      { key: "value", header: "" },
    ],
  });
  if (found.source.kind === "file") {
    const loose = await looseModeOf(found.source.path);
    if (loose) rt.io.err(`eloverblik: warning: ${found.source.path} has mode ${loose}; run chmod 600 on it.`);
  }
  if (facts.kind === "data-access" || facts.expired) return EXIT.token;
  if (facts.daysLeft !== null && facts.daysLeft < 14) {
    rt.io.err(
      "eloverblik: the token expires soon: create a new one on eloverblik.dk (Datadeling → Opret token) and run `eloverblik login`.",
    );
  }
  return EXIT.ok;
}

export async function statusCommand(rt: Runtime): Promise<ExitCode> {
  const api = await rt.api();
  const baseUrl = (await rt.baseUrl()) ?? DEFAULT_BASE_URL;
  const found = await rt.token();
  const nowMs = Date.now();
  let token: Record<string, unknown> | null = null;
  if (found) {
    try {
      token = tokenFacts(found, nowMs);
    } catch (error) {
      token = { problem: error instanceof Error ? error.message : String(error) };
    }
  }
  // isalive needs no token: a throwaway client with a made-up token is not possible, so the
  // check uses the real client when there is a token and a bare request otherwise.
  let alive: boolean;
  if (found) {
    alive = await (await rt.client()).isAlive({ signal: rt.signal });
  } else {
    const path = api === "customer" ? "/customerapi/api/isalive" : "/thirdpartyapi/api/isalive";
    alive = await fetch(new URL(path, baseUrl), { signal: rt.signal })
      .then(async (r) => r.ok && (await r.text()).trim() === "true")
      .catch(() => false);
  }
  const record = { api, baseUrl, alive, token };
  await render(rt.io, rt.format, {
    json: record,
    rows: [
      {
        api: api === "customer" ? "Customer" : "Third Party",
        baseUrl,
        alive: alive ? "yes" : "NO",
        token: found ? `${token?.name ?? "unnamed"} (${describeSource(found.source)})` : "none",
      },
    ],
    columns: [
      { key: "api", header: "API" },
      { key: "baseUrl", header: "base URL" },
      { key: "alive", header: "alive" },
      { key: "token", header: "token" },
    ],
  });
  return alive ? EXIT.ok : EXIT.unavailable;
}

export async function loginCommand(rt: Runtime, o: { verify?: boolean }): Promise<ExitCode> {
  if (rt.simulator) {
    rt.io.err("eloverblik: --simulator needs no login.");
    return EXIT.usage;
  }
  const text = await readSecret(
    "Paste your refresh token from eloverblik.dk (Datadeling → Opret token); it is not shown: ",
    rt.io.stderrStream,
  );
  const token = text.trim();
  rt.io.secret(token);
  if (token === "") {
    throw new EloverblikError({ code: "TOKEN_MISSING", message: "No token was entered." });
  }
  const nowMs = Date.now();
  let info: ReturnType<typeof describeToken>;
  try {
    info = describeToken(token, nowMs);
  } catch (error) {
    throw unreadable(error);
  }
  const explicit = parseApi(rt.env.ELOVERBLIK_API, "ELOVERBLIK_API");
  const api: ApiKind = info.api ?? explicit ?? (await rt.api());
  // Creating the client checks the kind, the API and the expiry before anything is stored.
  const baseUrl = await rt.baseUrl();
  const client = createEloverblik({
    api,
    refreshToken: token,
    ...(baseUrl ? { baseUrl } : {}),
    tokenStore: createFileTokenStore(accessTokenDirectory(rt.env)),
    signal: rt.signal,
    retry: { maxAttempts: 1 },
  });
  if (o.verify !== false) await client.accessToken(rt.signal);
  const source = await storeRefreshToken(rt.env, api, token);
  const record = {
    stored: true,
    verified: o.verify !== false,
    api,
    name: info.name ?? null,
    expiresAt: info.expiresAt ?? null,
    source: sourceRecord(source),
  };
  if (rt.format === "table") {
    rt.io.out(
      `Saved the ${api === "customer" ? "Customer" : "Third Party"} API refresh token${info.name ? ` "${info.name}"` : ""}${info.expiresAtMs ? ` (expires ${formatDanishTime(info.expiresAtMs)})` : ""} in ${describeSource(source)}.`,
    );
  } else {
    await render(rt.io, rt.format, { json: record, rows: [record], columns: [] });
  }
  if (rt.env.ELOVERBLIK_REFRESH_TOKEN?.trim()) {
    rt.io.err("eloverblik: note: ELOVERBLIK_REFRESH_TOKEN is set and is used before the stored token.");
  }
  return EXIT.ok;
}

export async function logoutCommand(rt: Runtime): Promise<ExitCode> {
  const api = await rt.api();
  const found = await rt.token();
  const removed = await forgetRefreshToken(rt.env, api);
  if (found && found.source.kind !== "env" && found.source.kind !== "simulator") {
    const store = createFileTokenStore(accessTokenDirectory(rt.env));
    await store.delete?.(tokenStoreKey(api, (await rt.baseUrl()) ?? DEFAULT_BASE_URL, found.token));
  }
  const record = { api, removed: removed.map(sourceRecord) };
  if (rt.format === "table") {
    rt.io.out(
      removed.length === 0
        ? `No stored ${api} refresh token.`
        : `Removed the ${api} refresh token from ${removed.map(describeSource).join(" and ")}.`,
    );
  } else {
    await render(rt.io, rt.format, { json: record, rows: [record], columns: [] });
  }
  return EXIT.ok;
}
