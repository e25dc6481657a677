import {
  type ApiKind,
  createEloverblikCore,
  describeToken,
  type Eloverblik,
  isEloverblikError,
  type Ports,
  type RetryOptions,
} from "@eloverblik-kit/client/core";
import {
  type IExecuteFunctions,
  type IHttpRequestOptions,
  type ILoadOptionsFunctions,
  type IPollFunctions,
  type JsonObject,
  NodeApiError,
} from "n8n-workflow";
import { CREDENTIAL_TYPE, FULL_QUOTA_PER_MINUTE } from "./constants";
import { baseUrlOf, exchangeFailure } from "./exchange";
import { now, random, requestParts, sleep, toResponse } from "./ports";

export type Host = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

type FullResponse = { body?: unknown; headers?: Record<string, unknown>; statusCode?: number };

/**
 * A Third Party 401 soon after the token was issued is about access (a metering point outside
 * the authorization), not about the token: renewing would only spend one of the 2 exchanges a
 * minute. The data-access token lives 24 h, so its age is read from its expiry.
 */
const FRESH_TOKEN_MS = 5 * 60_000;
const TOKEN_LIFETIME_MS = 24 * 60 * 60_000;

function isFresh(token: unknown): boolean {
  if (typeof token !== "string" || token === "") return false;
  try {
    const { expiresAtMs } = describeToken(token, now());
    return expiresAtMs !== undefined && expiresAtMs - now() > TOKEN_LIFETIME_MS - FRESH_TOKEN_MS;
  } catch {
    return false;
  }
}

/** The answer an error of n8n's request helper carries, if any (axios keeps it on `response`). */
function answerOf(error: unknown): Response | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const response = (e as { response?: { status?: unknown; data?: unknown; headers?: unknown } }).response;
    if (response && typeof response.status === "number") {
      return toResponse({
        statusCode: response.status,
        body: response.data,
        headers: (response.headers ?? {}) as Record<string, unknown>,
      });
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The client's error inside an n8n error (a refused refresh token during n8n's renewal). */
function clientErrorIn(error: unknown): unknown {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (isEloverblikError(e)) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The client's fetch port in n8n: every request goes through `httpRequestWithAuthentication`, so
 * n8n's credential adds the bearer (and fetches a token first when it has none). Status errors
 * are kept (`ignoreHttpStatusErrors`), so the client sees 429s with `Retry-After` and Energinet's
 * error bodies. A 401 is sent once more without that flag: that is n8n's renewal path, where it
 * calls the credential's `preAuthentication` and persists the new token for every execution.
 */
export function n8nFetch(host: Host, api: ApiKind): Ports["fetch"] {
  const credentialType = CREDENTIAL_TYPE[api];
  return async (request) => {
    // The client marks calls that need a token with the placeholder bearer of `clientFor`; the
    // others (isalive) go out without the credential, so they never cost a token exchange.
    const authorized = request.headers.has("authorization");
    const parts = await requestParts(request);
    const options: IHttpRequestOptions = {
      ...parts,
      returnFullResponse: true,
      ignoreHttpStatusErrors: true,
      encoding: "text",
      json: false,
      timeout: 120_000,
    };
    if (!authorized) return toResponse((await host.helpers.httpRequest(options)) as FullResponse);
    return sendWithCredential(host, api, credentialType, options);
  };
}

async function sendWithCredential(
  host: Host,
  api: ApiKind,
  credentialType: string,
  options: IHttpRequestOptions,
): Promise<Response> {
  const first = await send(host, api, credentialType, options);
  if (first.status !== 401) return first;
  if (api === "thirdparty") {
    const credentials = await host.getCredentials(credentialType);
    if (isFresh(credentials.accessToken)) return first;
  }
  return send(host, api, credentialType, { ...options, ignoreHttpStatusErrors: false });
}

/**
 * One request through n8n. When it throws, the client's own error inside (the credential's
 * exchange refused the refresh token, or met 429s past their bound) comes out as it is; an error
 * answer (n8n's renewal path throws on any status) becomes that answer; anything else is a
 * network failure the client may retry.
 */
async function send(
  host: Host,
  api: ApiKind,
  credentialType: string,
  options: IHttpRequestOptions,
): Promise<Response> {
  try {
    const full = (await host.helpers.httpRequestWithAuthentication.call(
      host,
      credentialType,
      options,
    )) as FullResponse;
    return toResponse(full);
  } catch (error) {
    const fromClient =
      clientErrorIn(error) ?? exchangeFailure(api, await host.getCredentials(credentialType));
    if (fromClient) throw fromClient;
    const answer = answerOf(error);
    if (answer) return answer;
    throw new NodeApiError(host.getNode(), error as JsonObject);
  }
}

export interface ClientOptions {
  /** This instance's share of Energinet's per-IP quota, calls per minute (120 = all of it). */
  callsPerMinute?: number;
  /** The client's retry policy (a trigger gives up sooner and tries again at its next poll). */
  retry?: Partial<RetryOptions>;
}

/**
 * A client whose token is the credential's: the client's own exchange is off (n8n's
 * `preAuthentication` owns it), requests go through n8n, waits end when the execution is cancelled.
 */
export async function clientFor(host: Host, api: ApiKind, options: ClientOptions = {}): Promise<Eloverblik> {
  const credentials = await host.getCredentials(CREDENTIAL_TYPE[api]);
  const perMinute = Math.min(
    FULL_QUOTA_PER_MINUTE,
    Math.max(1, Math.floor(options.callsPerMinute ?? FULL_QUOTA_PER_MINUTE)),
  );
  const signal = "getExecutionCancelSignal" in host ? host.getExecutionCancelSignal() : undefined;
  return createEloverblikCore({
    api,
    baseUrl: baseUrlOf(credentials),
    ports: { fetch: n8nFetch(host, api), sleep, now, random },
    // n8n's credential adds the bearer and the client never exchanges a token itself: its token
    // is a placeholder that only marks a call as one that needs the credential (never sent).
    auth: { token: async () => "n8n-credential" },
    limits: perMinute === FULL_QUOTA_PER_MINUTE ? "current" : { callsPerWindow: perMinute },
    shareRateLimiter: true,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(signal ? { signal } : {}),
  });
}
