// readResultItems parses a body item by item as its pieces arrive; whatever the body and however it
// is cut, the outcome must be JSON.parse of the whole text (items replaced by onItem's values), and
// a body JSON.parse refuses must be refused with a SyntaxError.
import { describe, expect, it } from "vitest";
import { readResultItems } from "../../src/envelope/read-items.js";

const encoder = new TextEncoder();

function streamOf(pieces: Uint8Array[]): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream({
    pull(controller) {
      const piece = pieces[next++];
      if (piece === undefined) controller.close();
      else controller.enqueue(piece);
    },
  });
}

/** The bytes of `text` cut at `cuts` (byte offsets). */
function cut(text: string, cuts: number[]): Uint8Array[] {
  const bytes = encoder.encode(text);
  const at = [0, ...[...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b)];
  return at.map((start, k) => bytes.subarray(start, at[k + 1] ?? bytes.length));
}

/** A deterministic source of cut points. */
function cutsFor(length: number, seed: number, count: number): number[] {
  let s = seed;
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
    out.push(s % (length + 1));
  }
  return out;
}

/** Marks every item onItem saw, so that the test sees which ones went through it. */
const mark = (item: unknown) => ({ seen: item });

/**
 * What readResultItems must give: JSON.parse of the text as `Response.text()` reads it (without a
 * byte-order mark), each object of a sole top-level result list marked.
 */
function expected(text: string): unknown {
  const value = JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
  const result = (value as { result?: unknown } | null)?.result;
  if (Array.isArray(result) && !Array.isArray(value))
    for (let i = 0; i < result.length; i++) {
      const item: unknown = result[i];
      if (typeof item === "object" && item !== null && !Array.isArray(item)) result[i] = mark(item);
    }
  return value;
}

const bodies: Record<string, string> = {
  plain: '{"result":[{"id":"a","n":1},{"id":"b","n":[1,{"x":"]}"}]}],"ok":true}',
  "escapes and brackets in strings": String.raw`{"result":[{"t":"a \"}]\\"},{"t":"\\\\"},{"u":"\u007d"}],"x":"result"}`,
  "non-ASCII text": '{"result":[{"navn":"Ærø – 5 kWh ✓ 𝄞"},{"n":"øst"}]}',
  "key after result, whitespace":
    ' \n{ "success" : true ,\t"result" : [ { "a" : [ ] } , null , 3 , { } ] , "after" : {"result":[{"n":1}]} } \n',
  "byte-order mark": '\uFEFF{"result":[{"a":1}]}',
  "no result key": '{"resulting":[{"a":1}],"res":[{"b":2}]}',
  "result not a list": '{"result":{"a":[{"b":1}]}}',
  "a value named result": '{"errorText":"result","list":[{"a":1}]}',
  "top-level list": '[{"result":[{"a":1}]}]',
  "empty list": '{"result":[]}',
  "a scalar": "42",
};

describe("readResultItems", () => {
  for (const [name, text] of Object.entries(bodies)) {
    it(`equals JSON.parse of the whole text, however it is cut: ${name}`, async () => {
      const length = encoder.encode(text).length;
      const cuttings = [
        [],
        Array.from({ length }, (_, i) => i + 1),
        ...[1, 2, 3, 4, 5].map((seed) => cutsFor(length, seed, 6)),
      ];
      for (const cuts of cuttings) {
        const value = await readResultItems(streamOf(cut(text, cuts)), mark);
        expect(value).toEqual(expected(text));
      }
    });
  }

  it("hands each item over parsed as soon as its last byte has arrived", async () => {
    const text = '{"result":[{"id":"a"},{"id":"b"}]}';
    const end = text.indexOf("},") + 1;
    const seen: unknown[] = [];
    const pieces = cut(text, [end]);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Before the second piece is handed over, the first item must already be through.
        if (pulled === 1) expect(seen).toEqual([{ id: "a" }]);
        const piece = pieces[pulled++];
        if (piece === undefined) controller.close();
        else controller.enqueue(piece);
      },
    });
    await readResultItems(body, (item) => {
      seen.push(item);
      return item;
    });
    expect(seen).toEqual([{ id: "a" }, { id: "b" }]);
  });

  it("takes the last of two result keys, as JSON.parse does", async () => {
    const text = '{"result":[{"a":1}],"result":[{"b":2}]}';
    expect(await readResultItems(streamOf(cut(text, [5, 13])), mark)).toEqual({ result: [{ b: 2 }] });
  });

  it("reads a key spelt with an escape correctly, only not item by item", async () => {
    const text = String.raw`{"res\u0075lt":[{"a":1}]}`;
    expect(await readResultItems(streamOf(cut(text, [3, 9])), mark)).toEqual({ result: [{ a: 1 }] });
  });

  it("gives undefined for an empty body", async () => {
    expect(await readResultItems(streamOf([]), mark)).toBeUndefined();
    expect(await readResultItems(null, mark)).toBeUndefined();
  });

  const broken = [
    '{"result":[{"a":1},{"b":',
    '{"result":[{"a":1}',
    '{"result":[{"a":1} {"b":2}]}',
    '{"result":[{"a":}]}',
    '{"result":[{"a":"b}]}',
    '{"result":[{"a":1}]}}',
    '{"result":[{"a":1}]} x',
    " ",
    "<html>Service Unavailable</html>",
  ];
  for (const text of broken) {
    it(`refuses what JSON.parse refuses, with a SyntaxError: ${JSON.stringify(text)}`, async () => {
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
      const length = encoder.encode(text).length;
      for (const cuts of [[], cutsFor(length, 7, 3), Array.from({ length }, (_, i) => i + 1)]) {
        await expect(readResultItems(streamOf(cut(text, cuts)), mark)).rejects.toThrow(SyntaxError);
      }
    });
  }
});
