import { EDS_PATH, handleEds } from "../eds/handle-eds.js";
import type { SimulatorModel } from "../model/model.js";
import type { CallTarget } from "../model/scenario.js";
import { authenticate } from "./authenticate.js";
import { json, problem } from "./responses.js";
import { normalizePath, pathAndQuery, type RouteMatch, type Router } from "./router.js";
import type { RequestContext, RouteResult, SimRequest, SimResponse } from "./types.js";

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) out[key.toLowerCase()] = value;
  return out;
}

function apiOf(path: string): "customer" | "thirdparty" {
  return path.toLowerCase().startsWith("/thirdpartyapi") ? "thirdparty" : "customer";
}

/**
 * The one request pipeline both faces share: connection faults, scenario 429s, rate limits, routing,
 * DataHub outages, authentication, the route itself, then correlation headers, truncation and delay.
 */
export async function handle(
  model: SimulatorModel,
  router: Router,
  request: SimRequest,
): Promise<SimResponse> {
  const nowMs = model.clock();
  const headers = lowerKeys(request.headers);
  const url = pathAndQuery(request.url);
  const path = normalizePath(url.pathname);
  // Energi Data Service, the second (tokenless) API, on the same server.
  if (EDS_PATH.test(path)) return handleEds(model, request, path, url.searchParams);
  const method = request.method.toUpperCase();
  const match = router.match(method, path, model);
  const operation = match.kind === "found" ? match.route.operation : undefined;
  const call: CallTarget = { path, kind: callKind(match) };
  const ctx: RequestContext = {
    model,
    api: match.kind === "found" ? match.route.api : apiOf(path),
    method,
    path,
    query: url.searchParams,
    headers,
    body: request.body,
    params: match.kind === "found" ? match.params : {},
    nowMs,
    traceId: model.traceId(),
    token: undefined,
  };
  const delayMs = model.scenario.delayFor(call);
  const log = (status: number | "reset") =>
    model.logRequest({ at: nowMs, method, path, status, clientAddress: request.clientAddress, operation });

  if (model.scenario.hits("connectionReset", call)) {
    log("reset");
    return { kind: "reset", ...(delayMs > 0 ? { delayMs } : {}) };
  }

  const result = await route(ctx, match, call, request.clientAddress);
  const responseHeaders: Record<string, string> = {
    "content-type": result.contentType,
    "x-correlation-id": model.uuid(),
    ...result.headers,
  };
  const userCorrelation = headers["x-user-correlation-id"];
  if (userCorrelation !== undefined) responseHeaders["x-user-correlation-id"] = userCorrelation;
  let body = result.body;
  if (result.contentType.includes("json") && model.scenario.hits("malformedJson", call)) {
    body = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
  }
  log(result.status);
  return {
    kind: "response",
    status: result.status,
    headers: responseHeaders,
    body,
    ...(delayMs > 0 ? { delayMs } : {}),
  };
}

/** What fault selectors call `operation`: the token exchange, a data call or neither. */
function callKind(match: RouteMatch): CallTarget["kind"] {
  if (match.kind !== "found") return "other";
  if (match.route.operation === "getToken") return "token";
  return match.route.auth === "dataAccess" ? "data" : "other";
}

/** The `rateLimited` scenario's 429: the rate limiter's ProblemDetails, `Retry-After` as chosen. */
function rateLimitedByScenario(ctx: RequestContext): RouteResult {
  const seconds = ctx.model.scenario.retryAfterSeconds();
  if (seconds === null) return problem(ctx, 429, "Rate limit exceeded.");
  const result = problem(ctx, 429, `Rate limit exceeded. Try again in ${seconds} seconds.`);
  result.headers = { "retry-after": String(seconds) };
  return result;
}

async function route(
  ctx: RequestContext,
  match: RouteMatch,
  call: CallTarget,
  clientAddress: string,
): Promise<RouteResult> {
  const { model } = ctx;
  const operation = match.kind === "found" ? match.route.operation : undefined;
  // Before the real limiter, so a call refused by the scenario does not count towards a window.
  if (model.scenario.hits("rateLimited", call)) return rateLimitedByScenario(ctx);
  const verdict = model.rateLimiter.check(clientAddress, operation === "getToken", ctx.nowMs);
  if (!verdict.ok) {
    const what = { token: "token calls per client", client: "calls per client", total: "calls in total" }[
      verdict.scope
    ];
    const result = problem(
      ctx,
      429,
      `Rate limit exceeded: at most ${verdict.limit} ${what} per ${model.limits.windowMs / 1000} seconds. Try again in ${verdict.retryAfterSeconds} seconds.`,
    );
    result.headers = { "retry-after": String(verdict.retryAfterSeconds) };
    return result;
  }
  if (match.kind === "none") return problem(ctx, 404, `No endpoint answers ${ctx.method} ${ctx.path}.`);
  if (match.kind === "wrongMethod") {
    const result = problem(ctx, 405, `${ctx.method} is not allowed here.`);
    result.headers = { allow: match.allow.join(", ") };
    return result;
  }
  if (model.scenario.hits("unavailable", call)) {
    // isalive reports the outage in its body too; EDDIE reads the body of a 503 (reference §3).
    return match.route.operation === "isAlive"
      ? { ...json(false), status: 503 }
      : problem(ctx, 503, "DataHub unavailable.");
  }
  if (match.route.auth !== "none") {
    const auth = authenticate(ctx, match.route.auth);
    if (!auth.ok) return auth.result;
    ctx.token = auth.token;
  }
  try {
    return await match.route.handler(ctx);
  } catch (error) {
    // A bug in the simulator must not take a test run or a demo server down with it.
    return problem(
      ctx,
      500,
      `The simulator failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
