import type { Ports } from "../../ports/ports.js";
import { abortError, type Send, type Stage } from "../pipeline.js";
import type { TokenCache } from "../token-cache.js";

/**
 * Where data calls get their bearer token. The client's own (`tokenExchangeAuth`) exchanges the
 * refresh token; a host that owns the data-access token (an n8n credential) gives its own.
 */
export interface AuthProvider {
  /** A data-access token for the next call (fetched or renewed as needed). */
  token(signal?: AbortSignal): Promise<string>;
  /** The freshest token at hand, without waiting (read again when a queued call gets its slot). */
  current?(): string | undefined;
  /**
   * The server answered 401 to `token`. Resolve with the token to send the call again with (once),
   * or undefined to report the 401 as it is.
   */
  refused?(token: string, signal?: AbortSignal): Promise<string | undefined>;
}

/**
 * A 401 with a token exchanged this recently is about access (the Third Party API answers 401 for
 * metering points outside an authorization), not about the token, so it is not exchanged again.
 */
const FRESH_TOKEN_MS = 5 * 60_000;

/** The client's own auth: the token cache of the refresh token, renewed once after a 401. */
export function tokenExchangeAuth(tokens: TokenCache, ports: Pick<Ports, "now">): AuthProvider {
  return {
    token: (signal) => tokens.get(signal),
    current: () => tokens.current(),
    async refused(token, signal) {
      const exchangedAt = tokens.exchangedAt(token);
      if (exchangedAt !== undefined && ports.now() - exchangedAt < FRESH_TOKEN_MS) return undefined;
      // An older token was revoked or expired early: exchange once and send again.
      await tokens.invalidate(token);
      return tokens.get(signal);
    },
  };
}

/**
 * Adds the bearer: none for anonymous calls, the refresh token for the token exchange, a
 * data-access token from `auth` for everything else, re-sent once when `auth` renews it after a 401.
 */
export function authStage(auth: AuthProvider, refreshToken: () => string): Stage {
  return (next: Send): Send =>
    async (call) => {
      const { context, signal } = call;
      if (context.anonymous) return next({ ...call, bearer: () => "" });
      if (context.kind === "token") return next({ ...call, bearer: refreshToken });
      const token = await auth.token(signal).catch((error: unknown) => {
        throw abortError(error, signal, context);
      });
      let used = token;
      const bearerFrom = (fallback: string) => () => {
        used = auth.current?.() ?? fallback;
        return used;
      };
      const response = await next({ ...call, bearer: bearerFrom(token) });
      if (response.status !== 401 || !auth.refused) return response;
      const fresh = await auth.refused(used, signal).catch((error: unknown) => {
        throw abortError(error, signal, context);
      });
      if (fresh === undefined) return response;
      return next({ ...call, bearer: bearerFrom(fresh) });
    };
}
