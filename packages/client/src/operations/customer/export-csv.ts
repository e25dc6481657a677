import { invalidInput } from "../../errors/eloverblik-error.js";
import { validateMeteringPointIds } from "../../plan/plan-requests.js";
import { resolveDateRange } from "../../time/date-range.js";
import type { Aggregation } from "../../types.js";
import { type CallOptions, callApi, type OperationContext } from "../context.js";
import { meteringPointsBody } from "../envelope-batches.js";
import { requireApi } from "../require-api.js";
import { validateAggregation } from "../validate-aggregation.js";

export type CsvExportKind = "timeseries" | "masterdata" | "charges";

export interface CsvExportRequest {
  kind: CsvExportKind;
  ids: readonly string[];
  /** Required for time series: Danish local dates, `to` exclusive. */
  from?: string | Date;
  to?: string | Date;
  aggregation?: Aggregation;
}

/**
 * Runs one of the three CSV exports (Customer API). The export is a single request, so it takes at
 * most the batch size of ids and, for time series, one period of at most 730 days.
 */
export async function exportCsv(
  ctx: OperationContext,
  request: CsvExportRequest,
  options?: CallOptions,
): Promise<string> {
  const operation = `export${request.kind === "timeseries" ? "TimeSeries" : request.kind === "masterdata" ? "MasterData" : "Charges"}Csv`;
  requireApi(ctx, "customer", operation);
  const ids = validateMeteringPointIds(request.ids);
  if (ids.length > ctx.batchSize) {
    throw invalidInput(
      `${operation} takes at most ${ctx.batchSize} metering points per call, got ${ids.length}.`,
    );
  }
  const body = meteringPointsBody(ids);
  const call = { operation, kind: "data" as const, meteringPointIds: ids };
  if (request.kind === "timeseries") {
    if (request.from === undefined) {
      throw invalidInput(`${operation} needs a period: give \`from\` (and optionally \`to\`).`);
    }
    const range = resolveDateRange(
      { from: request.from, ...(request.to === undefined ? {} : { to: request.to }) },
      { nowMs: ctx.ports.now(), historyYears: ctx.historyYears },
    );
    if (range.days > ctx.maxDays) {
      throw invalidInput(`${operation} covers at most ${ctx.maxDays} days per call, got ${range.days}.`);
    }
    const aggregation = validateAggregation(request.aggregation ?? "Actual");
    const { data } = await callApi(ctx, { ...call, period: range }, options, { period: range }, (fetchImpl) =>
      ctx.customer.POST("/customerapi/api/meterdata/timeseries/export/{dateFrom}/{dateTo}/{aggregation}", {
        params: { path: { dateFrom: range.from, dateTo: range.to, aggregation } },
        body,
        parseAs: "text",
        fetch: fetchImpl,
      }),
    );
    return data ?? "";
  }
  const path =
    request.kind === "masterdata"
      ? ("/customerapi/api/meteringpoints/masterdata/export" as const)
      : ("/customerapi/api/meteringpoints/charges/export" as const);
  const { data } = await callApi(ctx, call, options, {}, (fetchImpl) =>
    ctx.customer.POST(path, { body, parseAs: "text", fetch: fetchImpl }),
  );
  return data ?? "";
}
