import {
  type Aggregation,
  type ApiKind,
  addLocalDays,
  type Eloverblik,
  EloverblikError,
  type ItemResult,
  type TimeSeriesData,
  todayInDenmark,
} from "@eloverblik-kit/client/core";
import { getElectricityCost } from "@eloverblik-kit/client/energi-data-service";
import {
  chargesOverview,
  costNoteText,
  formatAddress,
  pointRecord,
  pointsWithTariffs,
  relativePeriod,
  summarizeTimeSeries,
  tariffTable,
} from "@eloverblik-kit/client/insights";
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from "n8n-workflow";
import { CREDENTIAL_TYPE } from "../../shared/constants";
import { edsBaseUrlOf, edsFor } from "../../shared/energi-data-service";
import { now } from "../../shared/ports";

export interface Params {
  api: ApiKind;
  resource: string;
  operation: string;
  itemIndex: number;
  /** Used as an AI agent's tool: compact output by default. */
  asTool: boolean;
}

type Emit = (json: IDataObject, binary?: INodeExecutionData["binary"]) => void;
/** A failure of one metering point or period: an error item, or the node's error. */
type Fail = (error: unknown) => void;

function param<T>(ctx: IExecuteFunctions, name: string, i: number, fallback?: T): T {
  return ctx.getNodeParameter(name, i, fallback) as T;
}

const ID = /^\d{18}$/;

/** Input the node refuses before any request, as the client's own INVALID_INPUT. */
function invalidInput(message: string): EloverblikError {
  return new EloverblikError({ code: "INVALID_INPUT", message });
}

/** Ids from a text or list: commas, spaces, semicolons or new lines between them. */
export function parseIds(value: unknown): string[] {
  const parts = Array.isArray(value)
    ? value.map((v) => String(v))
    : String(value ?? "")
        .split(/[\s,;]+/)
        .filter((s) => s !== "");
  const ids = parts.map((s) => s.trim()).filter((s) => s !== "");
  if (ids.length === 0) throw invalidInput("Give at least one 18-digit metering point ID.");
  const bad = ids.find((id) => !ID.test(id));
  if (bad !== undefined) {
    throw invalidInput(
      `"${bad.slice(0, 30)}" is not a metering point ID: an ID has exactly 18 digits, e.g. 571313180100000001.`,
    );
  }
  return [...new Set(ids)];
}

function locatorValue(value: unknown): string {
  if (value && typeof value === "object" && "value" in value)
    return String((value as { value: unknown }).value ?? "");
  return String(value ?? "");
}

export async function allIds(client: Eloverblik): Promise<string[]> {
  if (client.api === "customer") {
    const points = await client.listMeteringPoints();
    return points.map((p) => String(p.meteringPointId ?? "")).filter((id) => id !== "");
  }
  const ids = new Set<string>();
  for (const a of await client.listAuthorizations()) {
    const id = String((a as { id?: unknown }).id ?? "");
    if (id === "") continue;
    for (const m of await client.listAuthorizedMeteringPointIds("authorizationId", id)) ids.add(String(m));
  }
  return [...ids];
}

async function meteringPointIds(ctx: IExecuteFunctions, client: Eloverblik, i: number): Promise<string[]> {
  const selection = param<string>(ctx, "meteringPointSelection", i, "one");
  if (selection === "all") {
    const ids = await allIds(client);
    if (ids.length === 0) throw invalidInput("The account has no metering points linked yet.");
    return ids;
  }
  if (selection === "ids") return parseIds(param<string>(ctx, "meteringPointIds", i, ""));
  return parseIds(locatorValue(param(ctx, "meteringPoint", i, "")));
}

function dateOnly(value: unknown, name: string): string | undefined {
  const text = String(value ?? "").trim();
  if (text === "") return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$/.exec(text);
  if (!m) throw invalidInput(`"${name}" must be a date such as 2025-01-31; got "${text.slice(0, 40)}".`);
  return m[1];
}

function periodOf(ctx: IExecuteFunctions, i: number): { from: string; to?: string } {
  const period = param<string>(ctx, "period", i, "yesterday");
  if (period === "custom") {
    const from = dateOnly(param(ctx, "from", i, ""), "From");
    if (!from) throw invalidInput('"From" is required for custom dates, e.g. 2025-01-01.');
    const to = dateOnly(param(ctx, "to", i, ""), "To");
    return to ? { from, to } : { from };
  }
  if (period === "last-days")
    return relativePeriod({ kind: "lastDays", days: param<number>(ctx, "days", i, 7) }, now());
  return relativePeriod(period, now());
}

/** Each id's data (partial data included) and each failure, in the order asked. */
function settle<T>(results: ItemResult<T>[], use: (id: string, data: T) => void, fail: Fail): void {
  for (const r of results) {
    if (r.ok) use(r.id, r.data);
    else {
      if (r.partial !== undefined) use(r.id, r.partial);
      for (const e of r.errors ?? [r.error]) fail(e);
    }
  }
}

function timeSeriesItems(data: TimeSeriesData, output: string, emit: Emit): void {
  const points = data.points;
  if (output === "points") {
    for (const p of points) emit(pointRecord(p) as unknown as IDataObject);
    return;
  }
  if (output === "raw") {
    emit({
      meteringPointId: data.meteringPointId,
      from: data.from,
      to: data.to,
      documents: (data.documents ?? []) as unknown as IDataObject[],
    });
    return;
  }
  // One summary per business type (consumption, production): a metering point may have both.
  const summaries = summarizeTimeSeries(
    { meteringPointId: data.meteringPointId, points, from: data.from, to: data.to },
    output === "day" ? { breakdown: "day" } : output === "month" ? { breakdown: "month" } : {},
  );
  for (const summary of summaries) {
    if (output === "summary") {
      emit({
        ...(summary as unknown as IDataObject),
        from: data.from,
        to: data.to,
        aggregation: data.aggregation,
      });
      continue;
    }
    for (const total of summary.periods) {
      emit({
        meteringPointId: data.meteringPointId,
        businessType: summary.businessType,
        kind: summary.kind,
        unit: summary.unit,
        ...(total as unknown as IDataObject),
      });
    }
  }
}

export async function runOperation(
  ctx: IExecuteFunctions,
  client: Eloverblik,
  p: Params,
  emit: Emit,
  fail: Fail,
): Promise<void> {
  const { resource, operation, itemIndex: i } = p;
  const key = `${resource}:${operation}`;
  switch (key) {
    case "apiStatus:get": {
      emit({
        alive: await client.isAlive(),
        baseUrl: client.baseUrl,
        checkedAt: new Date(now()).toISOString(),
      });
      return;
    }
    case "meteringPoint:getMany": {
      const points = await client.listMeteringPoints({
        includeAll: param<boolean>(ctx, "includeAll", i, false),
      });
      for (const mp of points)
        emit({ ...(mp as unknown as IDataObject), address: formatAddress(mp) ?? null });
      return;
    }
    case "meteringPoint:getDetails": {
      const ids = await meteringPointIds(ctx, client, i);
      settle(await client.getDetails(ids), (_id, d) => emit(d as unknown as IDataObject), fail);
      return;
    }
    case "meteringPoint:addRelations": {
      const ids = await meteringPointIds(ctx, client, i);
      settle(
        await client.addRelations(ids),
        (id, d) => emit({ meteringPointId: id, added: true, result: d as unknown as IDataObject }),
        fail,
      );
      return;
    }
    case "meteringPoint:addByWebAccessCode": {
      const id = parseIds(locatorValue(param(ctx, "singleMeteringPoint", i, "")))[0] as string;
      const code = String(param(ctx, "webAccessCode", i, "") ?? "");
      const result = await client.addRelationByWebAccessCode(id, code);
      emit({ meteringPointId: id, added: true, result: result as unknown as IDataObject });
      return;
    }
    case "meteringPoint:deleteRelation": {
      const id = parseIds(locatorValue(param(ctx, "singleMeteringPoint", i, "")))[0] as string;
      const deleted = await client.deleteRelation(id);
      emit({ meteringPointId: id, deleted: deleted as unknown as boolean });
      return;
    }
    case "timeSeries:get": {
      const ids = await meteringPointIds(ctx, client, i);
      const period = periodOf(ctx, i);
      const aggregation = param<Aggregation>(ctx, "aggregation", i, "Hour");
      let output = param<string>(ctx, "output", i, "auto");
      if (output === "auto") output = p.asTool ? "summary" : "points";
      const results = await client.getTimeSeries(ids, {
        ...period,
        aggregation,
        ...(output === "raw" ? { includeDocuments: true } : {}),
      });
      if (output !== "tariffs") {
        settle(results, (_id, data) => timeSeriesItems(data, output, emit), fail);
        return;
      }
      // Today's tariffs of each metering point, joined to its points by time of day.
      const withData = results.flatMap((r) => (r.ok ? [r.id] : r.partial ? [r.id] : []));
      const charges = new Map<string, Parameters<typeof pointsWithTariffs>[1]>();
      if (withData.length > 0) settle(await client.getCharges(withData), (id, c) => charges.set(id, c), fail);
      settle(
        results,
        (id, data) => {
          const tariffs = charges.get(id);
          if (!tariffs) return;
          for (const { point, tariffDkkPerKwh, tariffCostDkk } of pointsWithTariffs(
            data.points,
            tariffs,
            now(),
          )) {
            emit({ ...(pointRecord(point) as unknown as IDataObject), tariffDkkPerKwh, tariffCostDkk });
          }
        },
        fail,
      );
      return;
    }
    case "charge:get": {
      const ids = await meteringPointIds(ctx, client, i);
      const output = param<string>(ctx, "chargeOutput", i, "overview");
      const date = dateOnly(param(ctx, "tariffDate", i, ""), "Date") ?? todayInDenmark(now());
      settle(
        await client.getCharges(ids),
        (id, charges) => {
          if (output === "all") {
            for (const [kind, list] of [
              ["subscription", charges.subscriptions],
              ["fee", charges.fees],
              ["tariff", charges.tariffs],
            ] as const) {
              for (const c of list) emit({ meteringPointId: id, kind, ...(c as unknown as IDataObject) });
            }
          } else if (output === "hourly") {
            const table = tariffTable(charges, date);
            for (const row of table.rows) {
              emit({
                meteringPointId: id,
                date: table.date,
                hours: table.hours,
                ...(row as unknown as IDataObject),
              });
            }
          } else {
            const overview = chargesOverview(charges, { nowMs: now(), date });
            emit(overview as unknown as IDataObject);
          }
        },
        fail,
      );
      return;
    }
    case "charge:getCost": {
      const ids = await meteringPointIds(ctx, client, i);
      const period = periodOf(ctx, i);
      // Custom dates without "To" are one day, as for the time series.
      const to = period.to ?? addLocalDays(period.from, 1);
      const area = param<string>(ctx, "priceArea", i, "auto");
      const markup = param<number | null>(ctx, "supplierMarkup", i, null);
      const subscription = param<number | null>(ctx, "supplierSubscription", i, null);
      const output = param<string>(ctx, "costOutput", i, "summary");
      const credentials = await ctx.getCredentials(CREDENTIAL_TYPE[p.api]);
      const results = await getElectricityCost(client, edsFor(ctx, edsBaseUrlOf(credentials)), ids, {
        from: period.from,
        to,
        includePoints: output === "points",
        ...(area === "DK1" || area === "DK2" ? { priceArea: area } : {}),
        ...(param<boolean>(ctx, "electricHeating", i, false) ? { electricHeating: true } : {}),
        ...(typeof markup === "number" || typeof subscription === "number"
          ? {
              supplier: {
                ...(typeof markup === "number" ? { markupDkkPerKwh: markup } : {}),
                ...(typeof subscription === "number" ? { subscriptionDkkPerMonth: subscription } : {}),
              },
            }
          : {}),
      });
      settle(
        results,
        (id, cost) => {
          const { days, points, notes, ...totals } = cost;
          if (output === "day") {
            for (const d of days) emit({ meteringPointId: id, ...(d as unknown as IDataObject) });
          } else if (output === "points") {
            for (const pt of points ?? []) emit({ meteringPointId: id, ...(pt as unknown as IDataObject) });
          } else {
            emit({
              ...(totals as unknown as IDataObject),
              notes: notes.map(costNoteText),
              noteKinds: notes.map((n) => n.kind),
            });
          }
        },
        fail,
      );
      return;
    }
    case "export:timeSeries":
    case "export:masterData":
    case "export:charges": {
      const ids = await meteringPointIds(ctx, client, i);
      let csv: string;
      let name: string;
      if (operation === "timeSeries") {
        const period = periodOf(ctx, i);
        const aggregation = param<Aggregation>(ctx, "aggregation", i, "Hour");
        csv = await client.exportTimeSeriesCsv(ids, { ...period, aggregation });
        name = `eloverblik-timeseries-${period.from}.csv`;
      } else if (operation === "masterData") {
        csv = await client.exportMasterDataCsv(ids);
        name = "eloverblik-masterdata.csv";
      } else {
        csv = await client.exportChargesCsv(ids);
        name = "eloverblik-charges.csv";
      }
      const binary = await ctx.helpers.prepareBinaryData(Buffer.from(csv, "utf8"), name, "text/csv");
      emit(
        { fileName: name, meteringPointIds: ids, bytes: Buffer.byteLength(csv, "utf8") },
        { data: binary },
      );
      return;
    }
    case "authorization:getMany": {
      for (const a of await client.listAuthorizations()) emit(a as unknown as IDataObject);
      return;
    }
    case "authorization:getMeteringPoints":
    case "authorization:getMeteringPointIds": {
      const scope = param<"authorizationId" | "customerCVR" | "customerKey">(
        ctx,
        "scope",
        i,
        "authorizationId",
      );
      const identifier = String(param(ctx, "identifier", i, "") ?? "").trim();
      if (operation === "getMeteringPoints") {
        for (const mp of await client.listAuthorizedMeteringPoints(scope, identifier)) {
          emit({ ...(mp as unknown as IDataObject), address: formatAddress(mp) ?? null });
        }
      } else {
        for (const id of await client.listAuthorizedMeteringPointIds(scope, identifier))
          emit({ meteringPointId: id });
      }
      return;
    }
    default:
      throw invalidInput(
        `The operation "${operation}" of "${resource}" is not available with the ${p.api === "customer" ? "Customer" : "Third Party"} API.`,
      );
  }
}
