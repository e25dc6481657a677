import {
  type ApiKind,
  createEloverblikCore,
  createMemoryTokenStore,
  type Ports,
  type TokenStore,
  tokenStoreKey,
} from "@eloverblik-kit/client/core";
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from "n8n-workflow";
import { PRODUCTION_URL } from "./constants";
import { now, random, requestParts, sleep, toResponse } from "./ports";

// Exchanges of this process, one store per refresh token: executions that need a token at the same
// moment (a herd after an expiry) share one exchange instead of making one each.
const stores = new Map<string, TokenStore>();
const MAX_STORES = 1000;

/**
 * The last failed exchange of each refresh token in this process. n8n wraps what
 * `preAuthentication` throws in an error of its own that keeps only the text; the node's requests
 * read the client's error back from here, so the user sees its code and advice.
 */
const failures = new Map<string, { error: unknown; atMs: number }>();

/** Why the credential's last exchange failed, if it did within the last minute. */
export function exchangeFailure(api: ApiKind, credentials: ICredentialDataDecryptedObject): unknown {
  const refreshToken = typeof credentials.refreshToken === "string" ? credentials.refreshToken.trim() : "";
  const failure = failures.get(tokenStoreKey(api, baseUrlOf(credentials), refreshToken));
  return failure && now() - failure.atMs < 60_000 ? failure.error : undefined;
}

/**
 * The store of one refresh token's exchanges. n8n asks again when the token it stored was refused
 * or has expired: then a fresh store, so that the client exchanges instead of handing it back.
 */
async function storeFor(key: string, previous: string): Promise<TokenStore> {
  let store = stores.get(key);
  const kept = store ? await store.get(key) : undefined;
  if (!store || (kept && (kept.accessToken === previous || kept.expiresAtMs - now() < 60 * 60_000))) {
    if (stores.size >= MAX_STORES) stores.delete(stores.keys().next().value as string);
    store = createMemoryTokenStore();
    stores.set(key, store);
  }
  return store;
}

/** The base URL a credential names, without a trailing slash (the production API by default). */
export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
  const text = typeof credentials.baseUrl === "string" ? credentials.baseUrl.trim() : "";
  return (text === "" ? PRODUCTION_URL : text).replace(/\/+$/, "");
}

/**
 * The credential's `preAuthentication`: exchanges the refresh token for a data-access token with
 * the client (its checks of the token before any request, its pacing of 2 exchanges a minute,
 * its waits on 429 with `Retry-After`, bounded, and its messages). n8n stores the result in the
 * hidden `accessToken` field, so executions and queue-mode workers share one token.
 */
export async function exchangeRefreshToken(
  helpers: IHttpRequestHelper,
  api: ApiKind,
  credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
  const refreshToken = typeof credentials.refreshToken === "string" ? credentials.refreshToken : "";
  const baseUrl = baseUrlOf(credentials);
  const fetch: Ports["fetch"] = async (request) => {
    const parts = await requestParts(request, true);
    const full = (await helpers.helpers.httpRequest({
      ...parts,
      returnFullResponse: true,
      ignoreHttpStatusErrors: true,
      encoding: "text",
      json: false,
      timeout: 60_000,
    })) as { body?: unknown; headers?: Record<string, unknown>; statusCode?: number };
    return toResponse(full);
  };
  const previous = typeof credentials.accessToken === "string" ? credentials.accessToken : "";
  const key = tokenStoreKey(api, baseUrl, refreshToken.trim());
  // What fails here is the client's own error (its code, message and advice): n8n shows its text
  // to the user, and the node's requests read it back from `failures`.
  let failure: unknown;
  try {
    const client = createEloverblikCore({
      api,
      refreshToken,
      baseUrl,
      ports: { fetch, sleep, now, random },
      tokenStore: await storeFor(key, previous),
      shareRateLimiter: true,
      // A herd of workers meets Energinet's 2 exchanges a minute: wait for Retry-After (at most
      // 65 s each time), then give up with the client's message rather than hang an execution.
      retry: { maxAttempts: 3, maxWaitMs: 65_000, timeoutMs: 60_000 },
    });
    const accessToken = await client.accessToken();
    failures.delete(key);
    return { accessToken };
  } catch (error) {
    failure = error;
  }
  if (failures.size >= MAX_STORES) failures.delete(failures.keys().next().value as string);
  failures.set(key, { error: failure, atMs: now() });
  throw failure;
}
