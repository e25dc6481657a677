/** A data-access token as persisted by a host. Never store or log the refresh token itself. */
export interface StoredAccessToken {
  accessToken: string;
  /** Epoch ms after which the token must not be used. */
  expiresAtMs: number;
}

/**
 * Where hosts keep the 24-hour data-access token between runs: n8n credentials, Node-RED
 * context, a file for the CLI. Keys are derived from the refresh token's fingerprint, never the
 * token itself. Both sync and async implementations are accepted.
 */
export interface TokenStore {
  get(key: string): StoredAccessToken | undefined | Promise<StoredAccessToken | undefined>;
  set(key: string, value: StoredAccessToken): void | Promise<void>;
  delete?(key: string): void | Promise<void>;
}

/** A process-wide store, shared by every client created without an explicit store. */
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
