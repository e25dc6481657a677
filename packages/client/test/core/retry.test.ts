import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createEloverblik,
  createMemoryTokenStore,
  isEloverblikError,
  type ProgressEvent,
} from "../../src/index.js";
import { BASE, refreshToken, tokenHandlers, virtualClock } from "../support.js";

const clock = virtualClock();
const state = { tokenCalls: 0, issued: [] as string[], now: clock.now };
const server = setupServer(...tokenHandlers(state));
const LIST = `${BASE}/customerapi/api/meteringpoints/meteringpoints`;

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function client(events: ProgressEvent[] = [], extra: Record<string, unknown> = {}) {
  clock.waits.length = 0;
  return createEloverblik({
    api: "customer",
    refreshToken: refreshToken(),
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    tokenStore: createMemoryTokenStore(),
    retry: { timeoutMs: 0 },
    onProgress: (e) => events.push(e),
    ...extra,
  });
}

/** Answers with the given statuses in turn, then 200. */
function sequence(statuses: Array<number | "reset" | "malformed">, headers: Record<string, string> = {}) {
  let calls = 0;
  const seen = { calls: 0 };
  server.use(
    http.get(LIST, () => {
      seen.calls = ++calls;
      const next = statuses[calls - 1];
      if (next === undefined) return HttpResponse.json({ result: [] });
      if (next === "reset") return HttpResponse.error();
      if (next === "malformed") return new HttpResponse('{"result":[{"meteringPointId":', { status: 200 });
      if (next === 400)
        return HttpResponse.json("#30002: Period not allowed, ToDate is equal to FromDate.", { status: 400 });
      return HttpResponse.json("DataHub unavailable", { status: next, headers });
    }),
  );
  return seen;
}

describe("retries", () => {
  it("waits out a 429 storm honouring Retry-After, then succeeds", async () => {
    const seen = sequence([429, 429, 429], { "Retry-After": "17" });
    const events: ProgressEvent[] = [];
    await expect(client(events).listMeteringPoints()).resolves.toEqual([]);
    expect(seen.calls).toBe(4);
    const waits = events.filter((e) => e.type === "wait" && e.reason === "retry-after");
    expect(waits.map((w) => (w.type === "wait" ? w.ms : 0))).toEqual([17_000, 17_000, 17_000]);
  });

  it("waits a minute plus jitter after a 503 without Retry-After", async () => {
    const seen = sequence([503, 503]);
    const events: ProgressEvent[] = [];
    await client(events).listMeteringPoints();
    expect(seen.calls).toBe(3);
    const waits = events.flatMap((e) =>
      e.type === "wait" && e.reason === "datahub-unavailable" ? [e.ms] : [],
    );
    expect(waits).toEqual([62_500, 62_500]);
  });

  it("stops after maxAttempts and reports RATE_LIMITED with retryAfterMs", async () => {
    const seen = sequence([429, 429, 429, 429, 429], { "Retry-After": "5" });
    const error = await client()
      .listMeteringPoints()
      .catch((e: unknown) => e);
    expect(seen.calls).toBe(4);
    expect(isEloverblikError(error)).toBe(true);
    if (!isEloverblikError(error)) return;
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(5000);
    expect(error.message).toMatch(/Retry after 5 s/);
  });

  it("does not wait when Retry-After is longer than maxWaitMs", async () => {
    const seen = sequence([429], { "Retry-After": "3600" });
    const error = await client()
      .listMeteringPoints()
      .catch((e: unknown) => e);
    expect(seen.calls).toBe(1);
    expect(isEloverblikError(error) && error.retryAfterMs).toBe(3_600_000);
  });

  it("never retries a 400 and parses the bare-string body", async () => {
    const seen = sequence([400, 400, 400]);
    const error = await client()
      .listMeteringPoints()
      .catch((e: unknown) => e);
    expect(seen.calls).toBe(1);
    expect(isEloverblikError(error)).toBe(true);
    if (!isEloverblikError(error)) return;
    expect(error.status).toBe(400);
    expect(error.apiCode).toBe(30002);
    expect(error.apiCodeName).toBe("ToDateCanNotBeEqualToFromDate");
    expect(error.retryable).toBe(false);
  });

  it("retries a connection reset and then succeeds", async () => {
    const seen = sequence(["reset", "reset"]);
    const events: ProgressEvent[] = [];
    await expect(client(events).listMeteringPoints()).resolves.toEqual([]);
    expect(seen.calls).toBe(3);
    expect(events.filter((e) => e.type === "wait" && e.reason === "network")).toHaveLength(2);
  });

  it("reports NETWORK after repeated resets", async () => {
    sequence(["reset", "reset", "reset", "reset"]);
    const error = await client()
      .listMeteringPoints()
      .catch((e: unknown) => e);
    expect(isEloverblikError(error) && error.code).toBe("NETWORK");
    expect(isEloverblikError(error) && error.status).toBe(0);
  });

  it("sends a call again when its 200 answer cannot be read, within the retry budget", async () => {
    const seen = sequence(["malformed", "malformed"]);
    const events: ProgressEvent[] = [];
    await expect(client(events).listMeteringPoints()).resolves.toEqual([]);
    expect(seen.calls).toBe(3);
    expect(events.filter((e) => e.type === "wait" && e.reason === "unreadable-answer")).toHaveLength(2);
  });

  it("turns malformed JSON into UNEXPECTED_RESPONSE once the budget is spent", async () => {
    const seen = sequence(["malformed", "malformed", "malformed", "malformed", "malformed"]);
    const error = await client()
      .listMeteringPoints()
      .catch((e: unknown) => e);
    expect(isEloverblikError(error) && error.code).toBe("UNEXPECTED_RESPONSE");
    expect(isEloverblikError(error) && error.operation).toBe("listMeteringPoints");
    expect(String((error as Error).message)).toContain("4 times");
    expect(seen.calls).toBe(4);
  });

  it("aborts during a retry wait with ABORTED and sends nothing more", async () => {
    const seen = sequence([503, 503, 503]);
    const controller = new AbortController();
    const c = client([], {
      sleep: (ms: number, signal?: AbortSignal) => {
        controller.abort(new Error("user cancelled"));
        return clock.sleep(ms, signal);
      },
    });
    const error = await c.listMeteringPoints({ signal: controller.signal }).catch((e: unknown) => e);
    expect(isEloverblikError(error) && error.code).toBe("ABORTED");
    expect(seen.calls).toBe(1);
  });

  it("refuses to start when the client's signal is already aborted", async () => {
    const seen = sequence([]);
    const controller = new AbortController();
    controller.abort();
    const error = await client([], { signal: controller.signal })
      .listMeteringPoints()
      .catch((e: unknown) => e);
    expect(isEloverblikError(error) && error.code).toBe("ABORTED");
    expect(seen.calls).toBe(0);
  });
});
