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

// 429/503 waits, dropped connections and cut-off bodies are tested against the simulator
// (test/against-simulator/retries.test.ts); what the simulator cannot send stays here.
describe("retries", () => {
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
