#!/usr/bin/env node
// The main job: list metering points, then fetch details, charges and the last 30 days of hourly
// data for each, and print a short report. Uses the built-in simulator unless
// ELOVERBLIK_REFRESH_TOKEN is set. Run with `pnpm demo` (it builds first).
import { createEloverblik, isEloverblikError, localDateOf, tariffAt } from "@eloverblik-kit/client";

const token = process.env.ELOVERBLIK_REFRESH_TOKEN?.trim();
const api = process.env.ELOVERBLIK_API === "thirdparty" ? "thirdparty" : "customer";
const log = (line = "") => process.stdout.write(`${line}\n`);
const localDateTime = (iso) =>
  new Date(iso).toLocaleString("sv-SE", {
    timeZone: "Europe/Copenhagen",
    dateStyle: "short",
    timeStyle: "short",
  });

let simulator;
let refreshToken = token;
let baseUrl = process.env.ELOVERBLIK_BASE_URL;
if (!refreshToken) {
  const { startSimulator } = await import("@eloverblik-kit/simulator/server");
  simulator = await startSimulator({ seed: 1 });
  refreshToken = simulator.tokens[api];
  baseUrl = simulator.url;
  log(`No ELOVERBLIK_REFRESH_TOKEN given: using the built-in simulator at ${simulator.url}`);
} else {
  log(`Using the ${api} API at ${baseUrl ?? "https://api.eloverblik.dk"}`);
}

const waits = [];
try {
  const client = createEloverblik({
    api,
    refreshToken,
    ...(baseUrl ? { baseUrl } : {}),
    onProgress: (event) => {
      if (event.type === "wait") {
        waits.push(event);
        process.stderr.write(`  waiting ${Math.ceil(event.ms / 1000)} s (${event.reason})\n`);
      }
    },
  });
  log(`Eloverblik alive: ${await client.isAlive()}`);

  let ids;
  if (api === "customer") {
    const points = await client.listMeteringPoints({ includeAll: true });
    log(`\n${points.length} metering point(s):`);
    for (const p of points) {
      const address = [p.streetName, p.buildingNumber, p.postcode, p.cityName].filter(Boolean).join(" ");
      log(`  ${p.meteringPointId}  ${p.typeOfMP}  ${p.hasRelation ? "linked  " : "unlinked"}  ${address}`);
    }
    ids = points.filter((p) => p.hasRelation).map((p) => p.meteringPointId);
  } else {
    const authorizations = await client.listAuthorizations();
    log(`\n${authorizations.length} authorization(s)`);
    ids = [];
    for (const a of authorizations) {
      ids.push(...(await client.listAuthorizedMeteringPointIds("authorizationId", a.id)));
    }
  }

  if (ids.length === 0) {
    log(
      api === "customer"
        ? "\nNo linked metering points yet. Link one on eloverblik.dk, or with addRelationByWebAccessCode(id, code) / addRelations(ids)."
        : "\nNo authorized metering points yet: customers grant access on eloverblik.dk.",
    );
    process.exit(0);
  }
  const today = localDateOf(Date.now());
  const from = localDateOf(Date.now() - 30 * 86_400_000);
  const [series, charges] = await Promise.all([
    client.getTimeSeries(ids, { from, to: today, aggregation: "Hour" }),
    client.getCharges(ids),
  ]);
  log(`\nLast 30 days (${from} to ${today}, Danish days, hourly; times in Danish time):`);
  for (const [i, r] of series.entries()) {
    if (!r.ok) {
      log(`  ${r.id}  failed: ${r.error.code}: ${r.error.message}`);
      continue;
    }
    const values = r.data.points.filter((p) => p.quantity !== null);
    const last = r.data.points.at(-1);
    const total = values.reduce((sum, p) => sum + p.quantity, 0);
    const peak = values.reduce((best, p) => (best && best.quantity >= p.quantity ? best : p), undefined);
    const c = charges[i];
    const tariff = c?.ok ? tariffAt(c.data, new Date()).total : undefined;
    log(
      `  ${r.id}  ${total.toFixed(1)} ${values[0]?.unit ?? "KWH"} in ${r.data.points.length} points` +
        `, data until ${last ? localDateTime(last.end) : "—"}` +
        (peak ? `, peak ${peak.quantity} kWh at ${localDateTime(peak.start)}` : "") +
        (tariff !== undefined ? `, grid tariff now ${tariff.toFixed(4)} DKK/kWh excl. VAT` : ""),
    );
  }
  log(`\nDone. ${waits.length} wait(s) for rate limits or retries.`);
} catch (error) {
  if (isEloverblikError(error)) {
    process.stderr.write(`${error.code}: ${error.message}\n${error.hint ? `${error.hint}\n` : ""}`);
  } else {
    process.stderr.write(`${error?.stack ?? error}\n`);
  }
  process.exitCode = 1;
} finally {
  await simulator?.close();
}
