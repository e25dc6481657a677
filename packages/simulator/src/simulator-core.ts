import type { ApiKind } from "./auth/token-types.js";
import { handle } from "./core/handle.js";
import { Router } from "./core/router.js";
import type { SimRequest, SimResponse } from "./core/types.js";
import type { MeterRole } from "./model/catalogue.js";
import { type ModelOptions, type RequestLogEntry, SimulatorModel } from "./model/model.js";
import type { Scenario } from "./model/scenario.js";
import { ROUTES } from "./routes/index.js";
import { todayInDenmark } from "./time/copenhagen.js";

export type SimulatorOptions = ModelOptions;

/** What a test or demo needs to know about one of the fictional metering points. */
export interface MeteringPointInfo {
  id: string;
  role: MeterRole;
  typeOfMP: string;
  parentId: string | undefined;
  childIds: string[];
  webAccessCode: string;
  /** Local date from which the meter reads quarter hours (hours before); undefined: hours only. */
  quarterHourFrom: string | undefined;
  dataFrom: string;
  dataLagDays: number;
  description: string;
}

export interface AuthorizationInfo {
  id: string;
  customerName: string;
  customerCVR: string;
  customerKey: string;
  validFrom: string;
  validTo: string;
  meteringPointIds: string[];
  /** Whether it is in force on the clock's current day. */
  active: boolean;
}

const DESCRIPTIONS: Record<MeterRole, string> = {
  household: "Flat in Copenhagen; hourly until 2025-10-01, quarter-hourly after. Related.",
  production: "Solar panels (E18, 6 kW) at the summer house, with children D06 and D07. Related.",
  productionExport: "D06 child of the solar meter: surplus delivered to the grid.",
  productionImport: "D07 child of the solar meter: consumption taken from the grid.",
  flex: "House with electric heating (flex-settled D01, reduced tax), child D14. Related.",
  flexHeating: "D14 child of the heated house: the electric heating alone.",
  cprOnly:
    "Summer cottage registered to the user's CPR but not related: shown with includeAll=true, linkable with relation/add.",
  blocked: "Related but blocked: every data call answers 20001.",
  neighbour: "Someone else's flat: linkable only with its web access code.",
  business: "Bakery (CVR 10000009, quarter-hourly): reachable only through the third-party API.",
};

/** One simulator instance without any transport: the model plus the request pipeline. */
export interface SimulatorCore {
  readonly model: SimulatorModel;
  /** Ready-made refresh tokens (valid one year from creation). */
  readonly tokens: { customer: string; thirdparty: string };
  readonly meteringPoints: Record<MeterRole, MeteringPointInfo>;
  readonly authorizations: AuthorizationInfo[];
  /** Every request answered so far (newest last), cleared by `reset()`. */
  readonly requests: readonly RequestLogEntry[];
  readonly scenario: Readonly<Required<Scenario>>;
  handle(request: SimRequest): Promise<SimResponse>;
  reset(): void;
  setScenario(patch: Scenario): void;
  /** A refresh token for tests, e.g. `{ api: "customer", expiresInMs: -1000 }` for an expired one. */
  issueRefreshToken(options: { api: ApiKind; expiresInMs?: number; tokenName?: string }): string;
  /** A data access token without calling /api/token (and without using the token rate limit). */
  issueDataAccessToken(options: { api: ApiKind; expiresInMs?: number }): string;
}

export function createSimulatorCore(options: SimulatorOptions = {}): SimulatorCore {
  const model = new SimulatorModel(options);
  const router = new Router(ROUTES);
  const refresh = (api: ApiKind) => model.tokenService.issue({ api, kind: "refresh" }).token;
  const tokens = { customer: refresh("customer"), thirdparty: refresh("thirdparty") };
  const meteringPoints = Object.fromEntries(
    model.catalogue.meteringPoints.map((mp) => [
      mp.role,
      {
        id: mp.id,
        role: mp.role,
        typeOfMP: mp.typeOfMP,
        parentId: mp.parentId,
        childIds: [...mp.childIds],
        webAccessCode: mp.webAccessCode,
        quarterHourFrom: mp.quarterHourFrom,
        dataFrom: mp.dataFrom,
        dataLagDays: mp.dataLagDays,
        description: DESCRIPTIONS[mp.role],
      } satisfies MeteringPointInfo,
    ]),
  ) as Record<MeterRole, MeteringPointInfo>;
  return {
    model,
    tokens,
    meteringPoints,
    get authorizations() {
      const today = todayInDenmark(model.clock());
      return model.thirdParty.authorizations.map((a) => ({
        id: a.id,
        customerName: a.customerName,
        customerCVR: a.customerCVR,
        customerKey: a.customerKey,
        validFrom: a.validFrom,
        validTo: a.validTo,
        meteringPointIds: a.meteringPoints.map((g) => g.id),
        active: a.validFrom <= today && today <= a.validTo,
      }));
    },
    get requests() {
      return model.requestLog;
    },
    get scenario() {
      return model.scenario.value;
    },
    handle: (request) => handle(model, router, request),
    reset: () => model.reset(),
    setScenario: (patch) => model.scenario.set(patch),
    issueRefreshToken: ({ api, expiresInMs, tokenName }) =>
      model.issueToken({
        api,
        kind: "refresh",
        ...(expiresInMs === undefined ? {} : { expiresInMs }),
        ...(tokenName === undefined ? {} : { tokenName }),
      }).token,
    issueDataAccessToken: ({ api, expiresInMs }) =>
      model.issueToken({ api, kind: "dataAccess", ...(expiresInMs === undefined ? {} : { expiresInMs }) })
        .token,
  };
}
