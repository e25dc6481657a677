import type { Authorization, AuthorizationScope, ThirdPartyMeteringPoint } from "@eloverblik-kit/client";
import { EXIT, type ExitCode, UsageError } from "../exit-codes.js";
import { METERING_POINT_COLUMNS, meteringPointRow, THIRD_PARTY_COLUMNS } from "../metering-point-row.js";
import { render } from "../output.js";
import type { Runtime } from "../runtime.js";

export interface MeteringPointsOptions {
  all?: boolean;
  authorization?: string;
  cvr?: string;
  customerKey?: string;
}

function scopeOf(o: MeteringPointsOptions): { scope: AuthorizationScope; id: string } | undefined {
  const given = [
    o.authorization === undefined ? undefined : { scope: "authorizationId" as const, id: o.authorization },
    o.cvr === undefined ? undefined : { scope: "customerCVR" as const, id: o.cvr },
    o.customerKey === undefined ? undefined : { scope: "customerKey" as const, id: o.customerKey },
  ].filter((s) => s !== undefined);
  if (given.length > 1)
    throw new UsageError("Give at most one of --authorization, --cvr and --customer-key.");
  return given[0];
}

/** Customer API: the linked metering points. Third Party API: those of one or every authorization. */
export async function meteringPointsCommand(rt: Runtime, o: MeteringPointsOptions): Promise<ExitCode> {
  const scope = scopeOf(o);
  const api = await rt.api();
  if (api === "customer") {
    if (scope)
      throw new UsageError(
        "--authorization, --cvr and --customer-key are for the Third Party API (--api thirdparty).",
      );
    const client = await rt.client();
    const points = await client.listMeteringPoints({ includeAll: o.all === true, signal: rt.signal });
    const rows = points.map(meteringPointRow);
    await render(rt.io, rt.format, { json: rows, rows, columns: METERING_POINT_COLUMNS });
    if (rows.length === 0 && rt.format === "table") {
      rt.io.err(
        "eloverblik: no metering points linked. `eloverblik metering-points --all` shows those on your CPR/CVR; link one with `eloverblik relation add`.",
      );
    }
    return EXIT.ok;
  }
  if (o.all)
    throw new UsageError("--all is for the Customer API; the Third Party API lists by authorization.");
  const client = await rt.client();
  let points: ThirdPartyMeteringPoint[];
  if (scope) {
    points = await client.listAuthorizedMeteringPoints(scope.scope, scope.id, { signal: rt.signal });
  } else {
    const authorizations = await client.listAuthorizations({ signal: rt.signal });
    points = [];
    const seen = new Set<string>();
    for (const a of authorizations) {
      if (!a.id) continue;
      for (const p of await client.listAuthorizedMeteringPoints("authorizationId", a.id, {
        signal: rt.signal,
      })) {
        if (p.meteringPointId && seen.has(p.meteringPointId)) continue;
        if (p.meteringPointId) seen.add(p.meteringPointId);
        points.push(p);
      }
    }
  }
  const rows = points.map(meteringPointRow);
  await render(rt.io, rt.format, { json: rows, rows, columns: THIRD_PARTY_COLUMNS });
  return EXIT.ok;
}

function authorizationRow(a: Authorization): Record<string, unknown> {
  return {
    id: a.id ?? null,
    customerName: a.customerName ?? null,
    customerCVR: a.customerCVR ?? null,
    customerKey: a.customerKey ?? null,
    validFrom: a.validFrom ?? null,
    validTo: a.validTo ?? null,
    includeFutureMeteringPoints: a.includeFutureMeteringPoints ?? null,
  };
}

export async function authorizationsCommand(rt: Runtime): Promise<ExitCode> {
  if ((await rt.api()) !== "thirdparty") {
    throw new UsageError(
      "Authorizations belong to the Third Party API: add --api thirdparty (or use a third-party token).",
    );
  }
  const client = await rt.client();
  const rows = (await client.listAuthorizations({ signal: rt.signal })).map(authorizationRow);
  await render(rt.io, rt.format, {
    json: rows,
    rows,
    columns: [
      { key: "id", header: "authorization" },
      { key: "customerName", header: "customer" },
      { key: "customerCVR", header: "CVR" },
      { key: "customerKey", header: "key" },
      { key: "validFrom", header: "valid from" },
      { key: "validTo", header: "valid to" },
    ],
  });
  return EXIT.ok;
}
