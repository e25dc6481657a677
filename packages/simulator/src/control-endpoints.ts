import type { MeterRole } from "./model/catalogue.js";
import { type Scenario, validateScenario } from "./model/scenario.js";
import { SCENARIO_PRESETS, scenarioFromPresets } from "./scenario-presets.js";
import type { AuthorizationInfo, SimulatorCore } from "./simulator-core.js";

/** Where the HTTP server's control endpoints live: outside both API prefixes, so no API path collides. */
export const CONTROL_PATH = "/__simulator";

/** What `GET /__simulator` answers: everything a developer needs to drive the running simulator. */
export interface SimulatorState {
  url: string;
  seed: number;
  /** The simulator clock's current instant. */
  now: string;
  scenario: Required<Scenario>;
  presets: string[];
  /** `null` stands for "no limit" (limits `off`), which JSON cannot write as a number. */
  limits: {
    tokenPerWindow: number | null;
    perClientPerWindow: number | null;
    totalPerWindow: number | null;
    windowMs: number;
  };
  /** The ready-made refresh token of each API. */
  tokens: { customer: string; thirdparty: string };
  meteringPoints: Record<
    MeterRole,
    {
      id: string;
      typeOfMP: string;
      parentId: string | null;
      childIds: string[];
      webAccessCode: string;
      description: string;
    }
  >;
  authorizations: AuthorizationInfo[];
}

/** The parts of an HTTP request the control endpoints look at. */
export interface ControlRequest {
  method: string;
  /** Path without the query. */
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string | undefined;
  /** The peer address of the TCP connection (never a header). */
  socketAddress: string | undefined;
  /** Whether X-Forwarded-For is trusted; then every address it lists must be loopback too. */
  trustForwardedFor: boolean;
  /** The server's base URL; a page served from its origin (or the one in `Host`) is the simulator's own. */
  serverUrl?: string;
}

export interface ControlAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function isControlPath(path: string): boolean {
  return path === CONTROL_PATH || path.startsWith(`${CONTROL_PATH}/`);
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const plain = address.toLowerCase().replace(/^::ffff:/, "");
  return plain === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

/** Host names that can only mean this machine (RFC 6761 reserves `localhost` and `*.localhost`). */
function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return name === "localhost" || name.endsWith(".localhost") || isLoopbackAddress(name);
}

function hostnameOf(hostHeader: string): string {
  // "[::1]:8080" → "[::1]", "localhost:8080" → "localhost"
  const bracketed = /^(\[[^\]]*\])/.exec(hostHeader);
  return bracketed?.[1] ?? hostHeader.replace(/:\d*$/, "");
}

/**
 * Why a request may not use the control endpoints, or undefined when it may. Besides the loopback
 * peer, a web page open in the developer's browser must not drive them, not even one on another
 * localhost port: a cross-origin request carries an `Origin` other than the simulator's own (or
 * `Sec-Fetch-Site: same-site`/`cross-site`), and a DNS-rebound one a foreign `Host`.
 */
export function refusalReason(request: ControlRequest): string | undefined {
  if (!isLoopbackAddress(request.socketAddress)) {
    return `The control endpoints answer only callers on this machine (loopback); this request came from ${request.socketAddress ?? "an unknown address"}.`;
  }
  if (request.trustForwardedFor) {
    const forwarded = request.headers["x-forwarded-for"];
    const outside = forwarded
      ?.split(",")
      .map((part) => part.trim())
      .find((address) => address !== "" && !isLoopbackAddress(address));
    if (outside !== undefined) {
      return `The control endpoints answer only callers on this machine; X-Forwarded-For names ${outside}.`;
    }
  }
  const host = request.headers.host;
  if (host !== undefined && !isLoopbackHostname(hostnameOf(host))) {
    return `The control endpoints answer only requests addressed to localhost or a loopback address, not to ${host}.`;
  }
  // Browsers mark where a request comes from; another site's page, or another port on localhost
  // (same site, other origin), must not reset or reconfigure a simulator a developer is using.
  const fetchSite = request.headers["sec-fetch-site"]?.trim().toLowerCase();
  if (fetchSite === "cross-site" || fetchSite === "same-site") {
    return `The control endpoints do not answer requests sent by web pages from other origins (Sec-Fetch-Site: ${fetchSite}).`;
  }
  const origin = request.headers.origin;
  if (origin !== undefined) {
    const own = [host === undefined ? undefined : `http://${host}`, request.serverUrl].map(originOf);
    const sent = originOf(origin);
    if (sent === undefined || !own.includes(sent)) {
      return `The control endpoints do not answer requests sent by web pages from other origins (${origin}).`;
    }
  }
  return undefined;
}

/** `scheme://host:port` in canonical form, or undefined for `null` and anything unreadable. */
function originOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const origin = new URL(text).origin;
    return origin === "null" ? undefined : origin;
  } catch {
    return undefined;
  }
}

const finiteOrNull = (value: number) => (Number.isFinite(value) ? value : null);

export function simulatorState(simulator: SimulatorCore, url: string): SimulatorState {
  const { model } = simulator;
  const meteringPoints = Object.fromEntries(
    Object.entries(simulator.meteringPoints).map(([role, mp]) => [
      role,
      {
        id: mp.id,
        typeOfMP: mp.typeOfMP,
        parentId: mp.parentId ?? null,
        childIds: mp.childIds,
        webAccessCode: mp.webAccessCode,
        description: mp.description,
      },
    ]),
  ) as SimulatorState["meteringPoints"];
  return {
    url,
    seed: model.seed,
    now: new Date(model.clock()).toISOString(),
    scenario: { ...simulator.scenario },
    presets: Object.keys(SCENARIO_PRESETS),
    limits: {
      tokenPerWindow: finiteOrNull(model.limits.tokenPerWindow),
      perClientPerWindow: finiteOrNull(model.limits.perClientPerWindow),
      totalPerWindow: finiteOrNull(model.limits.totalPerWindow),
      windowMs: model.limits.windowMs,
    },
    tokens: { ...simulator.tokens },
    meteringPoints,
    authorizations: simulator.authorizations,
  };
}

function answer(status: number, body: unknown, headers: Record<string, string> = {}): ControlAnswer {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
    body: `${JSON.stringify(body, null, 2)}\n`,
  };
}

const failure = (status: number, message: string, headers?: Record<string, string>) =>
  answer(status, { error: message }, headers);

/** Reads `{ "preset": "a,b", ...fields }` or a bare scenario patch; throws RangeError on bad input. */
function scenarioPatch(body: string | undefined): Scenario {
  if (body === undefined || body.trim() === "") {
    throw new RangeError(
      'Send a JSON object: a scenario patch such as {"unavailable":{"calls":3}} or {"preset":"outage"}.',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new RangeError(
      `The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new RangeError('The body must be a JSON object: a scenario patch or {"preset":"<name>"}.');
  }
  const { preset, ...fields } = parsed as Record<string, unknown>;
  validateScenario(fields);
  if (preset === undefined) return fields;
  if (typeof preset !== "string") {
    throw new RangeError(`"preset" must be a string such as "outage" or "outage,charge-links".`);
  }
  // Fields sent next to a preset override it.
  return { ...scenarioFromPresets(preset), ...fields };
}

/** Answers one request to a control path: 403 for callers not on this machine. */
export function answerControl(simulator: SimulatorCore, request: ControlRequest, url: string): ControlAnswer {
  const refused = refusalReason(request);
  if (refused !== undefined) return failure(403, refused);
  const path = request.path.replace(/\/+$/, "") || "/";
  const method = request.method.toUpperCase();
  const only = (allowed: "GET" | "POST", run: () => ControlAnswer) =>
    method === allowed
      ? run()
      : failure(405, `${method} is not allowed here; use ${allowed}.`, { allow: allowed });
  switch (path) {
    case CONTROL_PATH:
      return only("GET", () => answer(200, simulatorState(simulator, url)));
    case `${CONTROL_PATH}/scenario`:
      return only("POST", () => {
        try {
          simulator.setScenario(scenarioPatch(request.body));
        } catch (error) {
          if (error instanceof RangeError) return failure(400, error.message);
          throw error;
        }
        return answer(200, { scenario: simulator.scenario });
      });
    case `${CONTROL_PATH}/reset`:
      return only("POST", () => {
        simulator.reset();
        return answer(200, { scenario: simulator.scenario });
      });
    default:
      return failure(
        404,
        `No control endpoint at ${request.path}. There are GET ${CONTROL_PATH}, POST ${CONTROL_PATH}/scenario and POST ${CONTROL_PATH}/reset.`,
      );
  }
}
