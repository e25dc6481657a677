import {
  addLocalDays,
  daysBetween,
  type Eloverblik,
  isEloverblikError,
  isTokenError,
  todayInDenmark,
} from "@eloverblik-kit/client/core";
import { roundTo } from "@eloverblik-kit/client/insights";
import {
  type IDataObject,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
  type IPollFunctions,
  NodeConnectionTypes,
} from "n8n-workflow";
import { clientFor } from "../../shared/client";
import { apiOf } from "../../shared/constants";
import { toNodeError } from "../../shared/errors";
import { now } from "../../shared/ports";
import { allIds, parseIds } from "../Eloverblik/actions";
import { authenticationProperty, credentialsByApi } from "../Eloverblik/description";
import { type NewDay, newDays } from "./new-days";

interface Cursors {
  /** The last Danish day emitted, per metering point. */
  lastDay?: Record<string, string>;
}

/** Errors a later poll may not meet: no items now, the same days again next time. */
function isPassing(error: unknown): boolean {
  if (!isEloverblikError(error)) return false;
  const { code, retryable } = error;
  if (isTokenError(error)) return false;
  return retryable || ["RATE_LIMITED", "DATAHUB_UNAVAILABLE", "NETWORK", "TIMEOUT"].includes(code);
}

function dayItems(day: NewDay, output: string): IDataObject[] {
  const total = roundTo(
    day.points.reduce((sum, p) => sum + (p.quantity ?? 0), 0),
    3,
  );
  const summary = {
    meteringPointId: day.meteringPointId,
    date: day.date,
    total,
    unit: day.points[0]?.unit ?? "KWH",
    points: day.points.length,
    expectedPoints: day.expectedPoints,
    missingPoints: day.missingPoints,
    complete: day.complete,
  };
  if (output === "day" || day.points.length === 0) return [summary];
  return day.points.map((p) => ({ ...p }) as unknown as IDataObject);
}

export class EloverblikTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: "Eloverblik Trigger",
    name: "eloverblikTrigger",
    icon: { light: "file:eloverblik.svg", dark: "file:eloverblik.dark.svg" },
    group: ["trigger"],
    version: 1,
    subtitle: '={{"New data: " + $parameter["output"]}}',
    description:
      "Starts the workflow when new consumption or production data arrives in Eloverblik, one Danish day at a time",
    defaults: { name: "Eloverblik Trigger" },
    polling: true,
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: credentialsByApi,
    properties: [
      authenticationProperty,
      {
        displayName: "Metering Point IDs",
        name: "meteringPointIds",
        type: "string",
        default: "",
        placeholder: "571313180100000001, 571313180100000002",
        description:
          "18-digit metering point IDs separated by commas; empty for every metering point of the account (or of every authorization)",
      },
      {
        displayName: "Aggregation",
        name: "aggregation",
        type: "options",
        options: [
          { name: "Hour", value: "Hour" },
          { name: "As Metered (15 Min or Hour)", value: "Actual" },
        ],
        default: "Hour",
      },
      {
        displayName: "Output",
        name: "output",
        type: "options",
        options: [
          { name: "One Item per Point", value: "points" },
          { name: "One Item per Day", value: "day" },
        ],
        default: "points",
      },
      {
        displayName: "Days Back on First Poll",
        name: "initialDays",
        type: "number",
        typeOptions: { minValue: 1, maxValue: 365 },
        default: 3,
        description: "How many days before today the first poll emits; later polls emit only what is new",
      },
      {
        displayName: "Wait for Late Data (Days)",
        name: "maxWaitDays",
        type: "number",
        typeOptions: { minValue: 1, maxValue: 60 },
        default: 7,
        description:
          "A day is emitted once all its hours have arrived; a day still incomplete this many days after it ended is emitted as it is, with its missing points counted",
      },
    ],
  };

  async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
    const api = apiOf(this.getNodeParameter("authentication", "customerApi"));
    const output = this.getNodeParameter("output", "points") as string;
    const aggregation = this.getNodeParameter("aggregation", "Hour") as "Hour" | "Actual";
    const initialDays = Number(this.getNodeParameter("initialDays", 3));
    const maxWaitDays = Number(this.getNodeParameter("maxWaitDays", 7));
    const manual = this.getMode() === "manual";
    const listed = String(this.getNodeParameter("meteringPointIds", "") ?? "").trim();
    let ids: string[] = [];
    try {
      if (listed !== "") ids = parseIds(listed);
    } catch (error) {
      throw toNodeError(this.getNode(), error);
    }
    const state = this.getWorkflowStaticData("node") as Cursors;
    const lastDay = { ...(state.lastDay ?? {}) };
    const today = todayInDenmark(now());
    const firstDay = addLocalDays(today, -Math.max(1, Math.min(365, initialDays)));
    const startOf = (id: string) => {
      const last = manual ? undefined : lastDay[id];
      return last ? addLocalDays(last, 1) : firstDay;
    };
    // A 429 or 503 mid-poll would only be waited out here; the next poll tries again sooner.
    const client: Eloverblik = await clientFor(this, api, { retry: { maxAttempts: 2, maxWaitMs: 30_000 } });
    if (listed === "") {
      try {
        ids = await allIds(client);
      } catch (error) {
        if (isPassing(error)) {
          this.logger.warn(
            `Eloverblik Trigger: ${(error as Error).message} No items this time; the next poll asks again.`,
          );
          return null;
        }
        throw toNodeError(this.getNode(), error);
      }
    }
    const byStart = new Map<string, string[]>();
    for (const id of ids) {
      const start = startOf(id);
      if (daysBetween(start, today) <= 0) continue;
      byStart.set(start, [...(byStart.get(start) ?? []), id]);
    }
    const days: NewDay[] = [];
    const passing: unknown[] = [];
    const refused: unknown[] = [];
    for (const [start, group] of byStart) {
      let results: Awaited<ReturnType<Eloverblik["getTimeSeries"]>>;
      try {
        results = await client.getTimeSeries(group, { from: start, to: today, aggregation });
      } catch (error) {
        if (isPassing(error)) {
          passing.push(error);
          continue;
        }
        throw toNodeError(this.getNode(), error);
      }
      for (const r of results) {
        if (!r.ok) {
          // Nothing of this metering point now, all of it at a later poll: a 429 or 503 passes; a
          // refusal (blocked, no access) is told in n8n's log at every poll until it is solved,
          // while the other metering points go on.
          if (r.errors?.every(isPassing) ?? isPassing(r.error)) passing.push(r.error);
          else if (isTokenError(r.error)) throw toNodeError(this.getNode(), r.error);
          else refused.push(r.error);
          continue;
        }
        days.push(...newDays(r.id, r.data.points, start, today, maxWaitDays));
      }
    }
    for (const error of refused) {
      this.logger.warn(
        `Eloverblik Trigger: ${(error as Error).message} This metering point is skipped until that is solved.`,
      );
    }
    if (refused.length > 0 && refused.length === ids.length) throw toNodeError(this.getNode(), refused[0]);
    for (const error of passing) {
      this.logger.warn(
        `Eloverblik Trigger: ${isEloverblikError(error) ? error.message : "a request failed"} No items this time; the next poll asks again.`,
      );
    }
    if (manual) {
      // A sample: the latest day of each metering point, the cursor untouched.
      const latest = new Map<string, NewDay>();
      for (const day of days) if (day.points.length > 0) latest.set(day.meteringPointId, day);
      const sample = [...latest.values()].flatMap((d) => dayItems(d, output));
      return sample.length > 0 ? [this.helpers.returnJsonArray(sample)] : null;
    }
    if (days.length === 0) return null;
    // n8n saves static data only when a poll returns items: the cursor moves with them.
    for (const day of days) lastDay[day.meteringPointId] = day.date;
    state.lastDay = lastDay;
    return [this.helpers.returnJsonArray(days.flatMap((d) => dayItems(d, output)))];
  }
}
