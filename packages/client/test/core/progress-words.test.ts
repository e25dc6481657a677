import { describe, expect, it } from "vitest";
import { type ProgressEvent, requestTally, waitReasonText } from "../../src/index.js";

const chunk = (operation: string, index: number, total: number): ProgressEvent => ({
  type: "chunk",
  operation,
  index,
  total,
  ok: true,
});

describe("requestTally", () => {
  it("adds the plans of several operations and of an operation called again; done and total only grow", () => {
    const tally = requestTally();
    const seen: Array<[number, number]> = [];
    const events = [
      chunk("getTimeSeries", 0, 2),
      chunk("getCharges", 0, 1),
      chunk("getTimeSeries", 1, 2),
      // getTimeSeries again: a new plan of three.
      chunk("getTimeSeries", 0, 3),
      { type: "wait", operation: "getTimeSeries", reason: "retry-after", ms: 1000, attempt: 1 } as const,
      chunk("getTimeSeries", 1, 3),
    ];
    for (const e of events) if (tally.add(e)) seen.push([tally.done, tally.total]);
    expect(seen).toEqual([
      [1, 2],
      [2, 3],
      [3, 3],
      [4, 6],
      [5, 6],
    ]);
  });

  it("words every wait reason, and passes an unknown one through", () => {
    for (const reason of [
      "rate-limit",
      "token-rate-limit",
      "retry-after",
      "datahub-unavailable",
      "network",
      "unreadable-answer",
    ]) {
      expect(waitReasonText(reason)).not.toBe(reason);
    }
    expect(waitReasonText("something-new")).toBe("something-new");
  });
});
