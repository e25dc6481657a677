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
import { createFileTokenStore } from "@eloverblik-kit/client/node";
import type { NodeAPI, NodeDefinition, RedNode } from "./red.js";

export const CONFIG_TYPE = "eloverblik-config";

/** The config node as the operation nodes see it. */
export interface EloverblikConfigNode extends RedNode {
  api: ApiKind;
  baseUrl: string;
  /** The one client of this config node, so every node using it shares its token and its limiter. */
  client(): Eloverblik;
  refreshToken(): string | undefined;
}

/**
 * Extra client options from Node-RED's settings file (`eloverblik: { limits, retry }` in
 * settings.js); tests pass a virtual clock (`now`, `sleep`) the same way.
 */
function settingsOptions(RED: NodeAPI): Partial<EloverblikOptions> {
  const value = RED.settings.eloverblik;
  return value !== null && typeof value === "object" ? (value as Partial<EloverblikOptions>) : {};
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
      node.refreshToken = () => token;
      node.client = () => {
        if (client) return client;
        if (!token) {
          throw new EloverblikError({
            code: "TOKEN_MISSING",
            message: `The Eloverblik config node "${node.name || node.id}" has no refresh token.`,
            suggestions: [{ kind: "renew-refresh-token" }],
          });
        }
        const store = tokenStore(RED);
        // Throws (without a request) for a token that is unreadable, expired or for the other API;
        // not kept, so that the next message reports it again.
        client = createEloverblik({
          ...settingsOptions(RED),
          api: node.api,
          refreshToken: token,
          baseUrl: node.baseUrl,
          ...(store ? { tokenStore: store } : {}),
          signal: stopped.signal,
        });
        return client;
      };
      node.on("close", (_removed, done) => {
        stopped.abort();
        done();
      });
    },
    { credentials: { refreshToken: { type: "password" } } },
  );
}
