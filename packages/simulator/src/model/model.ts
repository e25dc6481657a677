import { utf8 } from "../auth/base64url.js";
import {
  type IssuedToken,
  type IssueOptions,
  TokenService,
  trimIssuedTokens,
} from "../auth/token-service.js";
import { MeterData } from "../data/meter-data.js";
import { type LimitsOption, resolveLimits, type SimulatorLimits } from "../limits/limits.js";
import { RateLimiter } from "../limits/rate-limiter.js";
import { todayInDenmark } from "../time/copenhagen.js";
import { type AuthorizationSpec, buildThirdParty, type ThirdParty } from "./authorizations.js";
import { buildCatalogue, type Catalogue, type MeteringPointSpec } from "./catalogue.js";
import { earlierDate, laterDate } from "./dates.js";
import { createStream, type RandomStream } from "./prng.js";
import { type Scenario, ScenarioState } from "./scenario.js";

export interface ModelOptions {
  seed?: number;
  clock?: () => number;
  limits?: LimitsOption;
  scenario?: Scenario;
  /** Most metering point ids accepted in one request (default 10, the documented recommendation). */
  maxMeteringPointsPerRequest?: number;
  /** Signing secret for tokens; defaults to one derived from the seed. */
  tokenSecret?: string;
  /**
   * Energi Data Service's limit: requests per dataset and client per window. Default one per minute
   * (Energinet's notice of 2025-08-26); "off" for none.
   */
  edsLimits?: EdsLimits | "off";
}

export interface EdsLimits {
  perDatasetPerWindow: number;
  windowMs: number;
}

export const EDS_LIMITS: EdsLimits = { perDatasetPerWindow: 1, windowMs: 60_000 };

export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  status: number | "reset";
  clientAddress: string;
  /** Name of the matched operation, e.g. "getTimeSeries"; undefined for unknown paths. */
  operation: string | undefined;
}

const REQUEST_LOG_LIMIT = 10_000;

/**
 * Everything one simulator instance knows: the fixed cast of metering points (from the seed), the
 * user's relations, issued tokens, rate-limit windows, the scenario and a log of requests. Two
 * instances never share any of it; `reset()` puts the mutable parts back to the initial state.
 */
export class SimulatorModel {
  readonly seed: number;
  readonly clock: () => number;
  readonly limits: SimulatorLimits;
  readonly maxMeteringPointsPerRequest: number;
  readonly catalogue: Catalogue;
  readonly thirdParty: ThirdParty;
  readonly meterData: MeterData;
  readonly tokenService: TokenService;
  readonly scenario: ScenarioState;
  readonly rateLimiter: RateLimiter;
  /** null: no Energi Data Service limit. */
  readonly edsLimits: EdsLimits | null;
  /** Start times of accepted Energi Data Service requests per client and dataset. */
  readonly edsWindows = new Map<string, number[]>();
  /** Metering point ids the customer has a relation to. */
  readonly relations = new Set<string>();
  /** Tokens issued so far, oldest first; at most `ISSUED_TOKEN_LIMIT`, expired ones dropped first. */
  readonly issuedTokens: IssuedToken[] = [];
  readonly requestLog: RequestLogEntry[] = [];
  private ids: RandomStream;

  constructor(options: ModelOptions = {}) {
    this.seed = (options.seed ?? 1) >>> 0;
    this.clock = options.clock ?? Date.now;
    this.limits = resolveLimits(options.limits);
    this.maxMeteringPointsPerRequest = options.maxMeteringPointsPerRequest ?? 10;
    if (!(Number.isInteger(this.maxMeteringPointsPerRequest) && this.maxMeteringPointsPerRequest >= 1)) {
      throw new RangeError("maxMeteringPointsPerRequest must be a whole number ≥ 1");
    }
    this.catalogue = buildCatalogue(this.seed);
    this.thirdParty = buildThirdParty(this.seed, this.catalogue, todayInDenmark(this.clock()));
    this.meterData = new MeterData(this.seed);
    this.ids = createStream(this.seed ^ 0x1d5);
    this.scenario = new ScenarioState(options.scenario ?? {}, createStream(this.seed ^ 0xfa17));
    this.rateLimiter = new RateLimiter(this.limits);
    const eds = options.edsLimits ?? EDS_LIMITS;
    if (
      eds !== "off" &&
      !(Number.isInteger(eds.perDatasetPerWindow) && eds.perDatasetPerWindow >= 1 && eds.windowMs > 0)
    ) {
      throw new RangeError('edsLimits must be "off" or { perDatasetPerWindow ≥ 1, windowMs > 0 }');
    }
    this.edsLimits = eds === "off" ? null : eds;
    // The key of the simulator's keyed token hash (auth/keyed-hash.ts), which takes a key of any length.
    const secret = utf8.encode(`eloverblik-simulator:${options.tokenSecret ?? String(this.seed)}`);
    const customer = this.catalogue.customer;
    const tp = this.thirdParty;
    this.tokenService = new TokenService(secret, this.clock, createStream(this.seed ^ 0x70ce), {
      customer: {
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name": customer.name,
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier": customer.nameIdentifier,
        userId: customer.userId,
        webApp: "CustomerApp",
        loginType: "MitID",
      },
      thirdparty: {
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname": "Simulator Bruger",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier": tp.nameIdentifier,
        userId: tp.userId,
        cvr: tp.cvr,
        company: tp.name,
        tpid: tp.thirdPartyId,
        roles: "ReadPrivate, ReadBusiness",
        webApp: "ThirdPartyApp",
        loginType: "Certificate",
      },
    });
    this.resetState();
  }

  /** Restores relations, rate-limit windows, scenario, id streams and logs to their initial state. */
  reset(): void {
    this.resetState();
  }

  private resetState(): void {
    this.relations.clear();
    for (const mp of this.catalogue.meteringPoints) if (mp.relatedAtStart) this.relations.add(mp.id);
    this.rateLimiter.reset();
    this.edsWindows.clear();
    this.scenario.reset();
    this.ids = createStream(this.seed ^ 0x1d5);
    this.issuedTokens.length = 0;
    this.requestLog.length = 0;
  }

  issueToken(options: IssueOptions): IssuedToken {
    const issued = this.tokenService.issue(options);
    this.issuedTokens.push(issued);
    trimIssuedTokens(this.issuedTokens, this.clock());
    return issued;
  }

  uuid(): string {
    return this.ids.uuid();
  }

  /** W3C trace-context id, the form ASP.NET puts in ProblemDetails.traceId. */
  traceId(): string {
    return `00-${this.ids.hex(32)}-${this.ids.hex(16)}-00`;
  }

  logRequest(entry: RequestLogEntry): void {
    if (this.requestLog.length >= REQUEST_LOG_LIMIT) this.requestLog.shift();
    this.requestLog.push(entry);
  }

  meteringPoint(id: string): MeteringPointSpec | undefined {
    return this.catalogue.byId.get(id);
  }

  /** Related metering points and their children: what the customer may read. */
  customerCanRead(mp: MeteringPointSpec): boolean {
    return this.relations.has(mp.parentId ?? mp.id);
  }

  /** Authorizations in force today (only these exist for the third party, SPEC-T). */
  activeAuthorizations(): AuthorizationSpec[] {
    const today = todayInDenmark(this.clock());
    return this.thirdParty.authorizations.filter((a) => a.validFrom <= today && today <= a.validTo);
  }

  /** The third party's access to a metering point (a child inherits its parent's), if any. */
  thirdPartyAccess(mp: MeteringPointSpec): { from: string; to: string } | undefined {
    const target = mp.parentId ?? mp.id;
    for (const auth of this.activeAuthorizations()) {
      const grant = auth.meteringPoints.find((g) => g.id === target);
      if (grant === undefined) continue;
      return {
        from: laterDate(grant.accessFrom, auth.validFrom),
        to: earlierDate(grant.accessTo, auth.validTo),
      };
    }
    return undefined;
  }
}
