import { startSimulator } from "@eloverblik-kit/simulator";
import type { IDataObject } from "n8n-workflow";
import { Eloverblik } from "../nodes/Eloverblik/Eloverblik.node";
import { EloverblikTrigger } from "../nodes/EloverblikTrigger/EloverblikTrigger.node";
import { CredentialsDb } from "./harness";

export type Running = Awaited<ReturnType<typeof startSimulator>>;

export const node = new Eloverblik();
export const trigger = new EloverblikTrigger();

/** A simulator on loopback and n8n's credentials table with both credentials pointing at it. */
export async function setup(options: Parameters<typeof startSimulator>[0] = {}) {
  const sim = await startSimulator({ port: 0, seed: 7, ...options });
  const db = new CredentialsDb();
  db.set("eloverblikCustomerApi", { refreshToken: sim.tokens.customer, baseUrl: sim.url, accessToken: "" });
  db.set("eloverblikThirdPartyApi", {
    refreshToken: sim.tokens.thirdparty,
    baseUrl: sim.url,
    accessToken: "",
  });
  const ids = sim.simulator.meteringPoints as unknown as Record<
    string,
    { id: string; webAccessCode?: string }
  >;
  return { sim, db, ids };
}

/** The calls the simulator answered, by operation (`token`, `timeseries`, …). */
export function calls(sim: Running, operation?: string) {
  const log = sim.simulator.requests;
  return operation ? log.filter((r) => r.operation === operation) : [...log];
}

/** Every string anywhere in a value (items, errors, logs), to look for secrets. */
export function allText(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v instanceof Error
      ? {
          message: v.message,
          description: (v as { description?: unknown }).description,
          cause: String(v.cause),
        }
      : v,
  );
}

export const json = (items: Array<{ json: IDataObject }>) => items.map((i) => i.json);
