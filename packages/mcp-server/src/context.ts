import {
  type ApiKind,
  createEloverblik,
  createMemoryTokenStore,
  DEFAULT_BASE_URL,
  describeToken,
  type Eloverblik,
  EloverblikError,
  type EloverblikOptions,
  isEloverblikError,
  isTokenError,
} from "@eloverblik-kit/client";
import { createEnergiDataService, type EnergiDataService } from "@eloverblik-kit/client/energi-data-service";
import { errorText } from "./errors.js";
import { localDate, localTime } from "./format.js";
import { scrub } from "./secrets.js";

/** What the server knows about its refresh token, without ever holding it in a result. */
export interface TokenStatus {
  configured: boolean;
  api?: ApiKind | undefined;
  name?: string | undefined;
  expiresAt?: string | undefined;
  daysLeft?: number | undefined;
  expired: boolean;
  /** Why the tools cannot call Eloverblik, when they cannot. */
  problem?: EloverblikError | undefined;
}

export interface CreateServerOptions {
  /** A ready client, e.g. one pointed at the simulator in tests. Wins over api/refreshToken/baseUrl. */
  client?: Eloverblik;
  /** Which API's tools to offer; defaults to the client's API, else "customer". */
  api?: ApiKind;
  /** Used to create the client when none is given, and to report the token's name and expiry. */
  refreshToken?: string;
  baseUrl?: string;
  /** Extra options for the client created from `refreshToken`. */
  clientOptions?: Omit<Partial<EloverblikOptions>, "api" | "refreshToken" | "baseUrl">;
  /** The current instant; defaults to Date.now. */
  now?: () => number;
  /** A ready Energi Data Service client (tests point one at the simulator); wins over edsBaseUrl. */
  energiDataService?: EnergiDataService;
  /** Where Energi Data Service lives; defaults to https://api.energidataservice.dk. */
  edsBaseUrl?: string;
  /** Where diagnostics go (stderr in the bin). Never receives a token. */
  log?: (message: string) => void;
  /** Shown as the server's name and version to the assistant. */
  name?: string;
  version?: string;
  /**
   * Offer only the tools that read (`--read-only`): the tools that link or unlink metering
   * points are not registered, so an assistant cannot change the account.
   */
  readOnly?: boolean;
}

/** A token problem a tool ran into, kept so that api_status can report it later. */
export interface SeenTokenError {
  error: EloverblikError;
  /** When it was seen (epoch ms, the context's clock). */
  atMs: number;
}

/** Everything a tool needs: the client (or why there is none), the API and the clock. */
export interface ServerContext {
  readonly api: ApiKind;
  readonly baseUrl: string;
  /** Whether the write tools are hidden. */
  readonly readOnly: boolean;
  readonly now: () => number;
  /**
   * Strings that must never appear in a result or a log line: the refresh token and every
   * data-access token issued for it so far. The array grows as tokens are issued.
   */
  readonly secrets: readonly string[];
  log(message: string): void;
  /** The client, or throws the EloverblikError that explains why it is unusable. */
  client(): Eloverblik;
  /** The Energi Data Service client (no token; one per context, with its price cache in memory). */
  eds(): EnergiDataService;
  tokenStatus(): TokenStatus;
  /** Adds a token to `secrets` (e.g. a data-access token the client handed out). */
  rememberSecret(secret: string): void;
  /** Called with every error a tool meets; token problems are remembered. */
  noteError(error: unknown): void;
  /** The last token problem any tool met, if any. */
  lastTokenError(): SeenTokenError | undefined;
}

const DAY_MS = 86_400_000;

/**
 * A tool call cannot wait out Energinet's one-minute back-off (assistants time out first), so the
 * server reports 429/503 at once with the wait in the message instead of retrying.
 */
const MCP_RETRY = { maxAttempts: 1 } as const;

/**
 * Data-access tokens shared by every context of the process (as the client's own default store
 * is), so that a restarted session or a second context does not spend a token call.
 */
const processTokenStore = createMemoryTokenStore();

function missingToken(): EloverblikError {
  return new EloverblikError({
    code: "TOKEN_MISSING",
    message: "ELOVERBLIK_REFRESH_TOKEN is not set in this server's environment.",
  });
}

function asEloverblikError(error: unknown): EloverblikError {
  if (isEloverblikError(error)) return error;
  return new EloverblikError({
    code: "UNAUTHORIZED",
    message: `The Eloverblik client could not be created: ${error instanceof Error ? error.message : String(error)}`,
  });
}

export function createServerContext(options: CreateServerOptions = {}): ServerContext {
  const now = options.now ?? (() => Date.now());
  const refreshToken = options.refreshToken?.trim() || undefined;
  const secrets: string[] = refreshToken ? [refreshToken] : [];
  const rememberSecret = (secret: string) => {
    const trimmed = secret.trim();
    if (trimmed.length >= 8 && !secrets.includes(trimmed)) secrets.push(trimmed);
  };
  let lastTokenError: SeenTokenError | undefined;
  let eds: EnergiDataService | undefined = options.energiDataService;
  const log = (message: string) => options.log?.(scrub(message, secrets));
  let client: Eloverblik | undefined = options.client;
  let problem: EloverblikError | undefined;
  const api: ApiKind = options.api ?? client?.api ?? "customer";
  const baseUrl = client?.baseUrl ?? options.baseUrl ?? DEFAULT_BASE_URL;

  if (!client && !refreshToken) problem = missingToken();
  // Created on first use, not at start: creating it costs a stdio server a good part of its
  // start-up (Node's fetch is loaded then), and `tools/list` does not need it.
  let created = client !== undefined || refreshToken === undefined;
  const ensureClient = () => {
    if (created) return;
    created = true;
    try {
      client = createEloverblik({
        now,
        ...options.clientOptions,
        retry: { ...MCP_RETRY, ...options.clientOptions?.retry },
        // The client remembers every token it holds and scrubs it from errors; the store is
        // passed as it is, so every context of the process shares one token state per token.
        tokenStore: options.clientOptions?.tokenStore ?? processTokenStore,
        api,
        refreshToken,
        baseUrl,
      });
    } catch (error) {
      problem = asEloverblikError(error);
    }
  };

  const tokenStatus = (): TokenStatus => {
    ensureClient();
    if (!refreshToken) {
      return client
        ? { configured: true, expired: false }
        : { configured: false, expired: false, problem: problem ?? missingToken() };
    }
    let info: ReturnType<typeof describeToken>;
    try {
      info = describeToken(refreshToken, now());
    } catch (error) {
      return { configured: true, expired: false, problem: problem ?? asEloverblikError(error) };
    }
    const status: TokenStatus = {
      configured: true,
      api: info.api,
      name: info.name,
      expiresAt: info.expiresAt,
      // Never negative: an expired token is reported by its date, not as "-1 days left".
      daysLeft:
        info.expiresAtMs === undefined
          ? undefined
          : Math.max(0, Math.floor((info.expiresAtMs - now()) / DAY_MS)),
      expired: info.expired,
    };
    if (problem) status.problem = problem;
    else if (info.expired) {
      // The token can run out while the server keeps running; say so instead of a bare 401.
      status.problem = new EloverblikError({
        code: "TOKEN_EXPIRED",
        message: `The refresh token${info.name ? ` "${info.name}"` : ""} expired on ${info.expiresAt ? `${localTime(info.expiresAt)} (Danish time)` : "an earlier date"}.`,
      });
    }
    return status;
  };

  return {
    api,
    baseUrl,
    readOnly: options.readOnly === true,
    now,
    secrets,
    log,
    tokenStatus,
    rememberSecret,
    noteError(error: unknown): void {
      if (isTokenError(error)) lastTokenError = { error, atMs: now() };
    },
    lastTokenError: () => lastTokenError,
    eds(): EnergiDataService {
      eds ??= createEnergiDataService({
        ...(options.edsBaseUrl ? { baseUrl: options.edsBaseUrl } : {}),
        // As for Eloverblik: a tool call cannot wait minutes for a 429 to pass.
        retry: { maxAttempts: 2, maxWaitMs: 65_000 },
      });
      return eds;
    },
    client(): Eloverblik {
      ensureClient();
      if (problem || !client) throw problem ?? missingToken();
      const late = refreshToken ? tokenStatus().problem : undefined;
      if (late) throw late;
      return client;
    },
  };
}

/** One paragraph for stderr at start: whether the tools can reach Eloverblik and, if not, why. */
export function startupTokenMessage(ctx: ServerContext): string {
  const status = ctx.tokenStatus();
  const apiName = ctx.api === "customer" ? "Customer" : "Third Party";
  if (status.problem) {
    return `eloverblik-mcp: the tools cannot reach Eloverblik yet. The server starts anyway so that your assistant can show this.\n${errorText(status.problem, ctx.secrets)}`;
  }
  const parts = [`eloverblik-mcp: ${apiName} API at ${ctx.baseUrl}`];
  if (status.name) parts.push(`token "${status.name}"`);
  if (status.expiresAt) parts.push(`expires ${localDate(status.expiresAt)} (${status.daysLeft} days left)`);
  let line = parts.join(", ");
  if (status.daysLeft !== undefined && status.daysLeft < 14) {
    line +=
      ". The token expires soon: create a new one on eloverblik.dk (Datadeling → Opret token) before it does.";
  }
  return line;
}
