import { join } from "node:path";
import {
  type ApiKind,
  createEloverblik,
  DEFAULT_BASE_URL,
  type Eloverblik,
  EloverblikError,
  type EloverblikOptions,
  type TokenStore,
} from "@eloverblik-kit/client";
import {
  createEnergiDataService,
  createMemoryPriceCache,
  type EnergiDataService,
} from "@eloverblik-kit/client/energi-data-service";
import { createFilePriceCache, createFileTokenStore } from "@eloverblik-kit/client/node";
import { createRedisCoordination, type RedisCoordination, RedisUrlError } from "@eloverblik-kit/redis";
import type { NodeAPI, NodeDefinition, RedNode } from "./red.js";

export const CONFIG_TYPE = "eloverblik-config";

/** The config node as the operation nodes see it. */
export interface EloverblikConfigNode extends RedNode {
  api: ApiKind;
  baseUrl: string;
  /** The one client of this config node, so every node using it shares its token and its limiter. */
  client(): Eloverblik;
  /**
   * Energi Data Service (no token) for the cost: at its own address, or at the base URL when that
   * points elsewhere (the simulator serves both). Published prices are kept in files under the user
   * directory.
   */
  eds(): EnergiDataService;
  refreshToken(): string | undefined;
}

/**
 * Extra client options from Node-RED's settings file (`eloverblik: { limits, retry }` in
 * settings.js); tests pass a virtual clock (`now`, `sleep`) the same way.
 */
function settingsOptions(RED: NodeAPI): Partial<EloverblikOptions> {
  const value = RED.settings.eloverblik;
  if (value === null || typeof value !== "object") return {};
  const {
    redisUrl: _url,
    redisProcesses: _processes,
    energiDataService: _eds,
    ...options
  } = value as Record<string, unknown>;
  return options as Partial<EloverblikOptions>;
}

/**
 * Several Node-RED instances (or Node-RED beside a cron CLI) behind one IP share one pace and one
 * data-access token through Redis: `eloverblik: { redisUrl, redisProcesses }` in settings.js, or
 * ELOVERBLIK_REDIS_URL (and ELOVERBLIK_REDIS_PROCESSES) in Node-RED's environment. One connection per
 * URL for the whole runtime, closed when the last config node using it closes.
 */
const redisConnections = new Map<string, { coordination: RedisCoordination; users: number }>();
function redisFor(
  RED: NodeAPI,
  node: RedNode,
): { coordination: RedisCoordination; release(): void } | undefined {
  const settings = (RED.settings.eloverblik ?? {}) as { redisUrl?: unknown; redisProcesses?: unknown };
  const url = String(settings.redisUrl ?? process.env.ELOVERBLIK_REDIS_URL ?? "").trim();
  if (url === "") return undefined;
  const processes = Number(settings.redisProcesses ?? process.env.ELOVERBLIK_REDIS_PROCESSES ?? 1);
  let entry = redisConnections.get(url);
  if (!entry) {
    let coordination: RedisCoordination;
    try {
      coordination = createRedisCoordination({
        url,
        processes: Number.isInteger(processes) && processes >= 1 ? processes : 1,
        onWarning: (message) => node.warn(message),
      });
    } catch (error) {
      throw new EloverblikError({
        code: "INVALID_INPUT",
        message: `Node-RED's eloverblik.redisUrl (or ELOVERBLIK_REDIS_URL): ${error instanceof RedisUrlError ? error.message : String(error)}`,
      });
    }
    entry = { coordination, users: 0 };
    redisConnections.set(url, entry);
  }
  entry.users++;
  const held = entry;
  let released = false;
  return {
    coordination: held.coordination,
    release() {
      if (released) return;
      released = true;
      if (--held.users === 0) {
        redisConnections.delete(url);
        held.coordination.close().catch(() => undefined);
      }
    },
  };
}

/**
 * Data-access tokens live 24 hours; Node-RED writes credentials only on a deploy and keeps context in
 * memory, so they are kept in files of their own under the user directory (0600, named by digests
 * of the refresh token, never the token itself). Without a user directory: the client's memory store.
 */
const stores = new Map<string, TokenStore>();
function tokenStore(RED: NodeAPI): TokenStore | undefined {
  const userDir = RED.settings.userDir;
  if (typeof userDir !== "string" || userDir === "") return undefined;
  const dir = join(userDir, ".eloverblik-kit", "tokens");
  let store = stores.get(dir);
  if (!store) {
    store = createFileTokenStore(dir);
    stores.set(dir, store);
  }
  return store;
}

export function registerConfigNode(RED: NodeAPI): void {
  RED.nodes.registerType(
    CONFIG_TYPE,
    function (this: RedNode, definition: NodeDefinition) {
      RED.nodes.createNode(this, definition);
      const node = this as EloverblikConfigNode;
      node.api = definition.api === "thirdparty" ? "thirdparty" : "customer";
      node.baseUrl = String(definition.baseUrl ?? "").trim() || DEFAULT_BASE_URL;
      const token = node.credentials?.refreshToken?.trim() || undefined;
      const stopped = new AbortController();
      let client: Eloverblik | undefined;
      let redis: ReturnType<typeof redisFor>;
      node.refreshToken = () => token;
      let eds: EnergiDataService | undefined;
      node.eds = () => {
        if (eds) return eds;
        const { now, sleep, fetch } = settingsOptions(RED);
        // `eloverblik: { energiDataService: { limits, retry } }` in settings.js (tests switch the pacing off).
        const own = (RED.settings.eloverblik as { energiDataService?: unknown } | undefined)
          ?.energiDataService;
        const baseUrl = node.baseUrl === DEFAULT_BASE_URL ? undefined : node.baseUrl;
        const userDir = RED.settings.userDir;
        eds = createEnergiDataService({
          ...(own !== null && typeof own === "object" ? own : {}),
          ...(baseUrl ? { baseUrl } : {}),
          ...(now ? { now } : {}),
          ...(sleep ? { sleep } : {}),
          ...(fetch ? { fetch } : {}),
          cache:
            typeof userDir === "string" && userDir !== ""
              ? createFilePriceCache(join(userDir, ".eloverblik-kit", "prices"), { scope: baseUrl ?? "" })
              : createMemoryPriceCache(),
          signal: stopped.signal,
        });
        return eds;
      };
      node.client = () => {
        if (client) return client;
        if (!token) {
          throw new EloverblikError({
            code: "TOKEN_MISSING",
            message: `The Eloverblik config node "${node.name || node.id}" has no refresh token.`,
            suggestions: [{ kind: "renew-refresh-token" }],
          });
        }
        redis ??= redisFor(RED, node);
        const store = redis ? redis.coordination.tokenStore : tokenStore(RED);
        // Throws (without a request) for a token that is unreadable, expired or for the other API;
        // not kept, so that the next message reports it again.
        client = createEloverblik({
          ...settingsOptions(RED),
          api: node.api,
          refreshToken: token,
          baseUrl: node.baseUrl,
          ...(store ? { tokenStore: store } : {}),
          ...(redis ? { rateLimiter: redis.coordination.rateLimiter } : {}),
          signal: stopped.signal,
        });
        return client;
      };
      node.on("close", (_removed, done) => {
        stopped.abort();
        redis?.release();
        done();
      });
    },
    { credentials: { refreshToken: { type: "password" } } },
  );
}
