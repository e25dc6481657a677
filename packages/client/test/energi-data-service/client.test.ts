import { createSimulator } from "@eloverblik-kit/simulator";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createEnergiDataServiceCore,
  createMemoryPriceCache,
  type EdsProgressEvent,
  ENERGINET_GLN,
  type EnergiDataServiceCoreOptions,
  isEloverblikError,
  pricelistPriceAt,
  pricelistRowAt,
} from "../../src/energi-data-service.js";
import { virtualClock } from "../support.js";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const RADIUS = "5790000705689";

function setup(
  options: { simLimits?: "off"; client?: Partial<EnergiDataServiceCoreOptions>; at?: string } = {},
) {
  const clock = virtualClock(Date.parse(options.at ?? "2026-01-15T10:00:00Z"));
  const sim = createSimulator({
    seed: 2,
    clock: clock.now,
    ...(options.simLimits ? { edsLimits: options.simLimits } : {}),
  });
  server.resetHandlers(...sim.handlers);
  const events: EdsProgressEvent[] = [];
  const eds = createEnergiDataServiceCore({
    ports: { fetch: (r) => fetch(r), sleep: clock.sleep, now: clock.now, random: () => 0.5 },
    onProgress: (e) => events.push(e),
    ...options.client,
    // The virtual clock's sleep returns at once, so a per-attempt timer would fire at once too.
    retry: { timeoutMs: 0, ...options.client?.retry },
  });
  const edsRequests = () => sim.requests.filter((r) => r.operation?.startsWith("eds:"));
  return { clock, sim, eds, events, edsRequests };
}

describe("the Energi Data Service client against the simulator", () => {
  it("pages to the total instead of taking the 100-row default", async () => {
    const { eds, edsRequests } = setup({ simLimits: "off", client: { pageSize: 500 } });
    const answer = await eds.dataset("Elspotprices", {
      start: "2025-01-01",
      end: "2025-02-01",
      filter: { PriceArea: ["DK1"] },
      sort: "HourUTC asc",
    });
    expect(answer.total).toBe(744);
    expect(answer.records).toHaveLength(744);
    expect(answer.requests).toBe(2);
    expect(edsRequests()).toHaveLength(2);
    expect(new Set(answer.records.map((r) => r.HourUTC)).size).toBe(744);
    const some = await eds.dataset("Elspotprices", { limit: 120, sort: "HourUTC desc" });
    expect(some.records).toHaveLength(120);
  });

  it("paces each dataset within one request a minute, so the server never has to refuse", async () => {
    const { eds, clock, edsRequests, events } = setup();
    const t0 = clock.now();
    const q = { start: "2025-01-01", end: "2025-01-02" };
    await Promise.all([
      eds.dataset("Elspotprices", q),
      eds.dataset("Elspotprices", q),
      eds.dataset("DatahubPricelist", { limit: 5 }),
    ]);
    expect(edsRequests().map((r) => r.status)).toEqual([200, 200, 200]);
    expect(clock.now() - t0).toBe(60_000);
    expect(events.filter((e) => e.type === "wait" && e.reason === "pacing")).toHaveLength(1);
  });

  it("waits out a JSON 429 by its Retry-After, and reports RATE_LIMITED when out of attempts", async () => {
    const { eds, clock, edsRequests } = setup({ client: { limits: "off" } });
    const q = { start: "2025-01-01", end: "2025-01-02" };
    await eds.dataset("Elspotprices", q);
    clock.advance(15_000);
    const t = clock.now();
    await eds.dataset("Elspotprices", q);
    expect(edsRequests().map((r) => r.status)).toEqual([200, 429, 200]);
    expect(clock.now() - t).toBe(45_000);
    const once = setup({ client: { limits: "off", retry: { maxAttempts: 1 } } });
    await once.eds.dataset("Elspotprices", q);
    const error = await once.eds.dataset("Elspotprices", q).catch((e: unknown) => e);
    expect(isEloverblikError(error) && [error.code, error.status, error.retryAfterMs]).toEqual([
      "RATE_LIMITED",
      429,
      60_000,
    ]);
  });

  it("maps the plain-text 400 and 404 to typed errors, and refuses bad input before any request", async () => {
    const { eds, edsRequests } = setup({ simLimits: "off" });
    const bad = await eds.dataset("Elspotprices", { columns: ["HourUTC", "Nope"] }).catch((e: unknown) => e);
    expect(isEloverblikError(bad) && [bad.code, bad.status, bad.message]).toEqual([
      "BAD_REQUEST",
      400,
      "Energi Data Service answered 400 for Elspotprices: Invalid column Nope",
    ]);
    const missing = await eds.dataset("Elspotpricez").catch((e: unknown) => e);
    expect(isEloverblikError(missing) && missing.code).toBe("NOT_FOUND");
    const before = edsRequests().length;
    for (const attempt of [
      () => eds.dayAheadPrices({ from: "2025-02-01", to: "2025-01-01" }),
      () => eds.dayAheadPrices({ from: "2025-01-01", to: "2025-02-01", areas: ["dk1"] }),
      () => eds.pricelist({ owners: ["57900"] }),
      () => eds.dataset("../x"),
      () => eds.dataset("Elspotprices", { limit: -1 }),
    ]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(isEloverblikError(error) && error.code).toBe("INVALID_INPUT");
    }
    expect(edsRequests()).toHaveLength(before);
  });

  it("joins Elspotprices and DayAheadPrices into one continuous series across 2025-10-01", async () => {
    const { eds, edsRequests } = setup({ simLimits: "off" });
    const prices = await eds.dayAheadPrices({ from: "2025-09-30", to: "2025-10-02", areas: ["DK1"] });
    expect(prices.points.map((p) => p.resolution)).toEqual([
      ...Array(24).fill("PT1H"),
      ...Array(96).fill("PT15M"),
    ]);
    for (let i = 1; i < prices.points.length; i++)
      expect(prices.points[i]?.start).toBe(prices.points[i - 1]?.end);
    expect(prices.points[0]?.start).toBe("2025-09-29T22:00:00.000Z");
    expect(prices.points.at(-1)?.end).toBe("2025-10-01T22:00:00.000Z");
    expect(new Set(edsRequests().map((r) => r.operation))).toEqual(
      new Set(["eds:Elspotprices", "eds:DayAheadPrices"]),
    );
  });

  it("keeps unpublished prices as missing (null), and does not cache them", async () => {
    const cache = createMemoryPriceCache();
    const { eds, edsRequests } = setup({ simLimits: "off", client: { cache } });
    const first = await eds.dayAheadPrices({ from: "2026-01-15", to: "2026-01-17", areas: ["DK2"] });
    expect(first.points).toHaveLength(192);
    expect(first.points.slice(96).every((p) => p.dkkPerMwh === null)).toBe(true);
    expect(first.points.slice(0, 96).every((p) => typeof p.dkkPerMwh === "number")).toBe(true);
    await eds.dayAheadPrices({ from: "2026-01-15", to: "2026-01-17", areas: ["DK2"] });
    expect(edsRequests()).toHaveLength(2);
  });

  it("makes no request for a period it has cached", async () => {
    const cache = createMemoryPriceCache();
    const { eds, edsRequests, sim, clock } = setup({ client: { cache } });
    const a = await eds.dayAheadPrices({ from: "2025-01-01", to: "2026-01-01", areas: ["DK1", "DK2"] });
    const rows = await eds.pricelist({ owners: [RADIUS, ENERGINET_GLN] });
    expect([a.requests, rows.requests]).toEqual([2, 1]);
    expect(edsRequests()).toHaveLength(3);
    clock.advance(3_600_000);
    // A second client over the same cache (a second run of the CLI with its file cache).
    const again = createEnergiDataServiceCore({
      ports: { fetch: (r) => fetch(r), sleep: clock.sleep, now: clock.now, random: () => 0.5 },
      cache,
      retry: { timeoutMs: 0 },
    });
    const b = await again.dayAheadPrices({ from: "2025-03-01", to: "2025-11-01", areas: ["DK1"] });
    const rows2 = await again.pricelist({ owners: [ENERGINET_GLN, RADIUS] });
    expect([b.requests, rows2.requests, b.cachedMonths]).toEqual([0, 0, 8]);
    expect(b.points).toEqual(
      a.points.filter((p) => p.area === "DK1" && p.start >= "2025-02-28T23" && p.start < "2025-10-31T23"),
    );
    expect(sim.requests.filter((r) => r.operation?.startsWith("eds:"))).toHaveLength(3);
  });

  it("normalises DatahubPricelist rows: local-midnight validity, Price1 for empty positions, later ValidFrom wins", async () => {
    const { eds } = setup({ simLimits: "off" });
    const { rows } = await eds.pricelist({ owners: [ENERGINET_GLN] });
    const tax = rows.filter((r) => r.code === "EA-001");
    const july = pricelistRowAt(tax, Date.parse("2023-07-01T00:30:00Z"));
    // 2023-07-01 00:00 Danish summer time is 2023-06-30T22:00Z.
    expect(july?.validFrom).toBe("2023-06-30T22:00:00.000Z");
    expect(july && pricelistPriceAt(july, Date.parse("2023-07-01T15:00:00Z"))).toBe(0.697);
    expect(july?.flat).toBe(true);
    expect(pricelistRowAt(tax, Date.parse("2023-06-30T21:59:59Z"))?.prices[0]).toBe(0.008);
    const overlap = [
      { validFrom: "2024-12-31T23:00:00.000Z", validTo: null, prices: [1] },
      { validFrom: "2025-06-30T22:00:00.000Z", validTo: null, prices: [2] },
    ];
    expect(pricelistRowAt(overlap, Date.parse("2025-05-01T00:00:00Z"))?.prices).toEqual([1]);
    expect(pricelistRowAt(overlap, Date.parse("2025-08-01T00:00:00Z"))?.prices).toEqual([2]);
  });

  it("stops at once when its signal aborts", async () => {
    const controller = new AbortController();
    const { eds } = setup();
    await eds.dataset("Elspotprices", { start: "2025-01-01", end: "2025-01-02" });
    const pending = eds.dataset(
      "Elspotprices",
      { start: "2025-01-01", end: "2025-01-02" },
      { signal: controller.signal },
    );
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(isEloverblikError(error) && error.code).toBe("ABORTED");
  });
});
