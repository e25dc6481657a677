import { EloverblikError } from "@eloverblik-kit/client";
import { getElectricityCost } from "@eloverblik-kit/client/energi-data-service";
import {
  chargesOverview,
  costNoteText,
  estimateGridCharges,
  type TimeSeriesPoint,
} from "@eloverblik-kit/client/insights";
import { choice, period, pick, text } from "../inputs.js";
import { type OperationContext, type OperationResult, registerOperationNode } from "../operation-node.js";
import type { NodeAPI } from "../red.js";
import { idsOrAll } from "./all-metering-point-ids.js";
import { splitResults } from "./item-results.js";

export const CHARGES_TYPE = "eloverblik-charges";

const OUTPUTS = ["charges", "tariffs", "overview", "estimate", "cost", "chargeLinks"] as const;

/** A number from the message or the node (`msg.supplierMarkup`, …); empty: not given. */
function amount(ctx: OperationContext, key: string): number | undefined {
  const value = text(pick(ctx.msg, key, ctx.definition));
  if (value === undefined) return undefined;
  const n = Number(value.replace(",", "."));
  if (!Number.isFinite(n)) {
    throw new EloverblikError({
      code: "INVALID_INPUT",
      message: `${key} must be a number of DKK; got ${JSON.stringify(value.slice(0, 30))}.`,
    });
  }
  return n;
}

/** What electricity really cost (Energi Data Service prices and tariff history joined with consumption). */
async function cost(ctx: OperationContext): Promise<OperationResult> {
  const p = period(ctx.msg, ctx.definition, ctx.now());
  const area = text(pick(ctx.msg, "priceArea", ctx.definition));
  if (area !== undefined && area !== "DK1" && area !== "DK2") {
    throw new EloverblikError({
      code: "INVALID_INPUT",
      message: `priceArea must be DK1 or DK2 (empty: from the postcode); got ${JSON.stringify(area.slice(0, 20))}.`,
    });
  }
  const markup = amount(ctx, "supplierMarkup");
  const subscription = amount(ctx, "supplierSubscription");
  const heating = pick(ctx.msg, "electricHeating", ctx.definition);
  const ids = await idsOrAll(ctx);
  const results = await getElectricityCost(ctx.client, ctx.config.eds(), ids, {
    ...p,
    ...(area ? { priceArea: area } : {}),
    ...(heating === true || heating === "true" ? { electricHeating: true } : {}),
    ...(markup === undefined && subscription === undefined
      ? {}
      : {
          supplier: {
            ...(markup === undefined ? {} : { markupDkkPerKwh: markup }),
            ...(subscription === undefined ? {} : { subscriptionDkkPerMonth: subscription }),
          },
        }),
    signal: ctx.signal,
  });
  const { data, failed } = splitResults(results);
  const costs = data.map((c) => ({ ...c, noteTexts: c.notes.map(costNoteText) }));
  const total = costs.reduce((sum, c) => sum + c.totalDkk, 0);
  return {
    payload: { costs, failed },
    summary: `${costs.length} costs, ${total.toFixed(2)} DKK incl. VAT`,
    failed: failed.length,
    set: { meteringPointIds: ids, from: p.from, to: p.to },
  };
}

/** The consumption points a time series node (output points) put in `msg.payload.points`. */
function incomingPoints(ctx: OperationContext): TimeSeriesPoint[] {
  const payload = ctx.msg.payload as { points?: unknown } | undefined;
  if (payload && Array.isArray(payload.points)) return payload.points as TimeSeriesPoint[];
  throw new EloverblikError({
    code: "INVALID_INPUT",
    message:
      "A cost estimate needs consumption in msg.payload.points: put a time series node (output points) before this node.",
  });
}

async function run(ctx: OperationContext): Promise<OperationResult> {
  const out = choice(ctx.msg, ctx.definition, "output", OUTPUTS);
  const call = { signal: ctx.signal, onProgress: ctx.onProgress };
  const nowMs = ctx.now();

  if (out === "chargeLinks") {
    // Energinet has published it, but the live API answers 404: the client says so (NOT_AVAILABLE).
    const p = period(ctx.msg, ctx.definition, nowMs);
    const ids = await idsOrAll(ctx);
    const links = await ctx.client.getChargeLinks(
      ids.map((meteringPointId) => ({ meteringPointId, from: p.from, to: p.to })),
      call,
    );
    return { payload: { chargeLinks: links }, summary: "charge links" };
  }

  if (out === "cost") return cost(ctx);
  const points = out === "estimate" ? incomingPoints(ctx) : [];
  const ids =
    out === "estimate" && !ctx.msg.meteringPointIds && !ctx.definition.meteringPointIds
      ? [...new Set(points.map((p) => p.meteringPointId))]
      : await idsOrAll(ctx);
  const { data: charges, failed } = splitResults(await ctx.client.getCharges(ids, call));
  const set = { meteringPointIds: ids };

  switch (out) {
    case "charges":
      return {
        payload: { charges, failed },
        summary: `${charges.length} metering points`,
        failed: failed.length,
        set,
      };
    case "tariffs": {
      // A date in msg.date or the node; default today in Denmark.
      const date = text(ctx.msg.date) ?? text(ctx.definition.date);
      const tables = charges.map((c) => {
        const overview = chargesOverview(c, { nowMs, ...(date ? { date } : {}) });
        return { meteringPointId: c.meteringPointId, ...overview.table };
      });
      return {
        payload: { tables, failed },
        summary: `${tables.length} tariff tables`,
        failed: failed.length,
        set,
      };
    }
    case "overview": {
      const overviews = charges.map((c) => chargesOverview(c, { nowMs }));
      return {
        payload: { overviews, failed },
        summary: `${overviews.length} overviews`,
        failed: failed.length,
        set,
      };
    }
    default: {
      const p = period(ctx.msg, ctx.definition, nowMs);
      const estimates = charges.map((c) =>
        estimateGridCharges({
          meteringPointId: c.meteringPointId,
          from: p.from,
          to: p.to,
          points: points.filter((pt) => pt.meteringPointId === c.meteringPointId),
          charges: c,
          nowMs,
        }),
      );
      const total = estimates.reduce((sum, e) => sum + e.totalDkk, 0);
      return {
        payload: { estimates, failed },
        summary: `${estimates.length} estimates, ${total.toFixed(2)} DKK`,
        failed: failed.length,
        set,
      };
    }
  }
}

export function registerChargesNode(RED: NodeAPI): void {
  registerOperationNode(RED, CHARGES_TYPE, run);
}
