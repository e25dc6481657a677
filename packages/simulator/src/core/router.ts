import type { ApiKind, TokenKind } from "../auth/token-types.js";
import type { SimulatorModel } from "../model/model.js";
import type { RequestContext, RouteResult } from "./types.js";

export interface RouteDefinition {
  api: ApiKind;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path with `{name}` parameters, e.g. `/customerapi/api/meteringpoints/meteringpoint/relation/{meteringPointId}`. */
  template: string;
  /** Our operation name, matching the contract's operationId. */
  operation: string;
  /** Which token the route needs; "none" for isalive. */
  auth: "none" | TokenKind;
  /** When this returns false the path is answered as unknown (404), like an undeployed endpoint. */
  deployed?: (model: SimulatorModel) => boolean;
  handler: (ctx: RequestContext) => RouteResult | Promise<RouteResult>;
}

interface CompiledRoute extends RouteDefinition {
  pattern: RegExp;
  names: string[];
}

export type RouteMatch =
  | { kind: "found"; route: RouteDefinition; params: Record<string, string> }
  | { kind: "wrongMethod"; allow: string[] }
  | { kind: "none" };

/** Collapses repeated slashes and drops a trailing one: the live API accepts `/CustomerApi//api/...` (HA #90). */
export function normalizePath(pathname: string): string {
  const collapsed = pathname.replace(/\/{2,}/g, "/");
  return collapsed.length > 1 ? collapsed.replace(/\/$/, "") : collapsed;
}

const PARSE_BASE = "http://simulator.invalid";

/**
 * Pathname and query of a request target, which may be an absolute URL or a path. A path is never
 * resolved as a reference: `new URL("//customerapi/api/token", base)` would read `customerapi` as
 * a host and leave `/api/token`, yet the live API answers a doubled leading slash like a single one.
 */
export function pathAndQuery(target: string): URL {
  return target.startsWith("/") ? new URL(`${PARSE_BASE}${target}`) : new URL(target, PARSE_BASE);
}

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(definitions: RouteDefinition[]) {
    this.routes = definitions.map((definition) => {
      const names: string[] = [];
      const source = definition.template
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const param = /^\{(.+)\}$/.exec(part);
          if (param === null) return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
          names.push(param[1] as string);
          return "([^/]+)";
        })
        .join("");
      // Paths are case-insensitive on the live API (reference §1); parameters keep their case.
      return { ...definition, pattern: new RegExp(`^${source}$`, "i"), names };
    });
  }

  match(method: string, path: string, model: SimulatorModel): RouteMatch {
    const allow: string[] = [];
    for (const route of this.routes) {
      const found = route.pattern.exec(path);
      if (found === null || (route.deployed !== undefined && !route.deployed(model))) continue;
      if (route.method !== method.toUpperCase()) {
        allow.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => {
        const raw = found[index + 1] as string;
        try {
          params[name] = decodeURIComponent(raw);
        } catch {
          params[name] = raw;
        }
      });
      return { kind: "found", route, params };
    }
    return allow.length > 0 ? { kind: "wrongMethod", allow } : { kind: "none" };
  }
}
