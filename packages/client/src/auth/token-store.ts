import { sha256Hex } from "./sha256.js";

/** A data-access token as persisted by a host. Never store or log the refresh token itself. */
export interface StoredAccessToken {
  accessToken: string;
  /** Epoch ms after which the token must not be used. */
  expiresAtMs: number;
  /**
   * Proof of which refresh token the entry belongs to (see `tokenVerifier`). The client writes it
   * with every entry and ignores an entry whose verifier does not match the refresh token in use.
   */
  verifier?: string;
}

/**
 * Where hosts keep the 24-hour data-access token between runs: n8n credentials, Node-RED
 * context, a file for the CLI. Keys are SHA-256 digests of the refresh token (see `tokenStoreKey`),
 * never the token itself, so they are safe to persist and to show. Both sync and async
 * implementations are accepted.
 */
export interface TokenStore {
  get(key: string): StoredAccessToken | undefined | Promise<StoredAccessToken | undefined>;
  set(key: string, value: StoredAccessToken): void | Promise<void>;
  delete?(key: string): void | Promise<void>;
}

/** An in-memory store; the default one is shared by every client of a process made without a store. */
export function createMemoryTokenStore(): TokenStore {
  const entries = new Map<string, StoredAccessToken>();
  return {
    get: (key) => entries.get(key),
    set: (key, value) => {
      entries.set(key, value);
    },
    delete: (key) => {
      entries.delete(key);
    },
  };
}

/**
 * The store key of a refresh token at one API and base URL: SHA-256 digests only, so the key
 * reveals nothing about the token and two different tokens never share an entry.
 */
export function tokenStoreKey(api: string, baseUrl: string, refreshToken: string): string {
  const site = sha256Hex(`eloverblik-kit:base-url:${baseUrl}`).slice(0, 16);
  return `eloverblik:v2:${api}:${site}:${sha256Hex(`eloverblik-kit:store-key:${refreshToken}`)}`;
}

/**
 * Stored next to each data-access token and checked on every read: an entry is only used for the
 * refresh token it came from, even if a host derives its own keys or a store mixes entries up.
 * A different digest from the key's, so neither can stand in for the other.
 */
export function tokenVerifier(refreshToken: string): string {
  return sha256Hex(`eloverblik-kit:verifier:${refreshToken}`);
}
