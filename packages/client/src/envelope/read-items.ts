/**
 * Reads a `{"result":[ item, item, … ], …}` body piece by piece and parses each object of the
 * top-level `result` list on its own, the moment its last byte has arrived, so that the body is
 * never held as one text nor as one parsed tree: `onItem` turns each parsed item into what is
 * kept of it (a decoded chunk, say) and its text and tree can be collected at once.
 *
 * The outcome is what `JSON.parse` of the whole text would give, with each object of `result`
 * replaced by `onItem`'s value: the rest of the body (its "skeleton", the envelope without the
 * items, with a placeholder for each) is parsed at the end. A body that is not valid JSON throws a
 * SyntaxError, as `JSON.parse` would: an item that does not parse, or a skeleton that does not
 * (cut off, a missing comma). Anything unusual (no top-level object, `result` not a list, a second
 * `result` key) is still read correctly, only without parsing item by item. An empty body gives
 * `undefined`, as openapi-fetch makes of an empty JSON body.
 */
export async function readResultItems(
  body: ReadableStream<Uint8Array> | null,
  onItem: (item: unknown) => unknown,
): Promise<unknown> {
  const reader = new ResultItemsReader(onItem);
  if (body !== null) {
    const stream = body.getReader();
    for (;;) {
      const { done, value } = await stream.read();
      if (done) break;
      reader.push(value);
    }
  }
  return reader.end();
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
/** "result" as bytes. */
const RESULT = [0x72, 0x65, 0x73, 0x75, 0x6c, 0x74];

/**
 * `readResultItems` fed piece by piece: `push` each piece as it arrives, then `end()` gives the
 * value. `push` never throws: a body that does not parse is reported by `end()`, with the
 * SyntaxError `JSON.parse` gave, and the bytes after the fault are not looked at. A scanner over
 * the bytes that tracks strings and nesting, nothing more.
 */
export class ResultItemsReader {
  private depth = 0;
  /** The previous piece ended inside a string (`escaped`: right after a backslash). */
  private inString = false;
  private escaped = false;
  // Keys of the top-level object: whether the next string at depth 1 is a key, how far the current
  // one matches "result" (-1: not), whether the last key was "result" and how many were.
  private expectKey = false;
  private keyMatch = -1;
  private lastKeyIsResult = false;
  private resultKeys = 0;
  /** Inside the (first) top-level `result` list, at its own level. */
  private streaming = false;
  private element = 0;
  /** Inside an item of that list: its bytes so far (pieces it started in or crossed). */
  private inItem = false;
  private itemParts: Uint8Array[] = [];
  private readonly skeleton: Uint8Array[] = [];
  private readonly items: Array<{ index: number; value: unknown }> = [];
  private bytes = 0;
  private failure: SyntaxError | undefined;

  constructor(private readonly onItem: (item: unknown) => unknown) {}

  push(piece: Uint8Array): void {
    if (this.failure !== undefined) return;
    try {
      this.scan(piece);
    } catch (error) {
      // Only an item's JSON.parse throws here; onItem must not.
      this.failure = error instanceof SyntaxError ? error : new SyntaxError(String(error));
      this.itemParts = [];
      this.skeleton.length = 0;
    }
  }

  private scan(piece: Uint8Array): void {
    const n = piece.length;
    if (n === 0) return;
    this.bytes += n;
    let i = 0;
    if (this.inString) {
      // A string runs on from the previous piece (past its escaped character, if it ended on one).
      i = this.endOfString(piece, this.escaped ? 1 : 0, this.depth);
      if (i >= n) {
        this.escaped = i > n;
        if (this.inItem) this.itemParts.push(piece);
        else this.skeleton.push(piece.slice());
        return;
      }
      this.inString = false;
      i++;
    }
    // Where the current stretch of the skeleton (or of an item) starts in this piece.
    let from = 0;
    if (this.inItem) {
      const end = this.itemEnd(piece, i);
      if (end >= n) {
        this.itemParts.push(piece);
        return;
      }
      this.closeItem(piece, 0, end);
      from = end + 1;
      i = end + 1;
    }
    let depth = this.depth;
    for (; i < n; i++) {
      const c = piece[i] as number;
      if (c === QUOTE) {
        if (depth === 1) this.keyMatch = 0;
        i = this.endOfString(piece, i + 1, depth);
        if (i >= n) {
          this.inString = true;
          this.escaped = i > n;
          break;
        }
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (depth === 2 && this.streaming && c === OPEN_OBJECT) {
          // An item starts: the skeleton so far is kept (copied, so that it holds no piece).
          if (i > from) this.skeleton.push(piece.slice(from, i));
          from = i;
          this.inItem = true;
          this.depth = 3;
          const end = this.itemEnd(piece, i + 1);
          if (end >= n) {
            this.itemParts.push(piece.subarray(from));
            return;
          }
          this.closeItem(piece, from, end);
          from = end + 1;
          i = end;
          continue;
        }
        if (depth === 0 && c === OPEN_OBJECT) this.expectKey = true;
        else if (depth === 1 && c === OPEN_ARRAY && this.lastKeyIsResult && this.resultKeys === 1) {
          this.streaming = true;
          this.element = 0;
        }
        depth++;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        depth--;
        if (depth === 1 && this.streaming) this.streaming = false;
      } else if (depth === 1) {
        if (c === COMMA) this.expectKey = true;
        else if (c === COLON) this.expectKey = false;
      } else if (depth === 2 && c === COMMA && this.streaming) this.element++;
    }
    this.depth = depth;
    if (from < n) this.skeleton.push(piece.slice(from));
  }

  /**
   * Scans an item from `i`, nested `this.depth` deep: the index of the bracket that closes it, or
   * `piece.length` when the piece ends first (where it stands is then kept for the next piece).
   * The one loop every byte of the items goes through, so it tracks nothing but strings and depth.
   */
  private itemEnd(piece: Uint8Array, i: number): number {
    const n = piece.length;
    let depth = this.depth;
    for (; i < n; i++) {
      const c = piece[i];
      if (c === QUOTE) {
        for (i++; i < n; i++) {
          const s = piece[i];
          if (s === QUOTE) break;
          if (s === BACKSLASH) i++;
        }
        if (i >= n) {
          this.inString = true;
          this.escaped = i > n;
          break;
        }
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
      else if ((c === CLOSE_OBJECT || c === CLOSE_ARRAY) && --depth === 2) {
        this.depth = 2;
        return i;
      }
    }
    this.depth = depth;
    return n;
  }

  private closeItem(piece: Uint8Array, from: number, end: number): void {
    this.inItem = false;
    this.itemParts.push(piece.subarray(from, end + 1));
    this.item();
  }

  /**
   * The index of the quote that ends the string going on at `i`: `piece.length` when the piece
   * ends first, one more when it ends on a backslash (its escaped character is in the next piece).
   * A string of the top-level object is matched against "result" as a key on the way.
   */
  private endOfString(piece: Uint8Array, i: number, depth: number): number {
    const n = piece.length;
    if (depth !== 1) {
      for (; i < n; i++) {
        const c = piece[i];
        if (c === QUOTE) return i;
        if (c === BACKSLASH) i++;
      }
      return i;
    }
    for (; i < n; i++) {
      const c = piece[i] as number;
      if (c === QUOTE) {
        if (this.expectKey) {
          this.lastKeyIsResult = this.keyMatch === RESULT.length;
          if (this.lastKeyIsResult) this.resultKeys++;
        }
        return i;
      }
      if (c === BACKSLASH) {
        this.keyMatch = -1;
        i++;
      } else if (this.keyMatch >= 0) {
        this.keyMatch = this.keyMatch < RESULT.length && c === RESULT[this.keyMatch] ? this.keyMatch + 1 : -1;
      }
    }
    return i;
  }

  private item(): void {
    const text = decodeText(this.itemParts);
    this.itemParts = [];
    this.skeleton.push(PLACEHOLDER);
    this.items.push({ index: this.element, value: this.onItem(JSON.parse(text)) });
  }

  end(): unknown {
    if (this.failure !== undefined) throw this.failure;
    if (this.bytes === 0) return undefined;
    // Cut off inside an item: the skeleton ends inside the list, so parsing it fails as it should.
    this.itemParts = [];
    const value = JSON.parse(decodeText(this.skeleton)) as unknown;
    if (this.resultKeys !== 1 || this.items.length === 0) return value;
    const result = (value as { result: unknown[] }).result;
    for (const { index, value: item } of this.items) result[index] = item;
    return value;
  }
}

const PLACEHOLDER = new Uint8Array([0x30]); // "0"

const decoder = new TextDecoder();

/** UTF-8 pieces as one text (a leading byte-order mark dropped, as `Response.text()` does). */
function decodeText(parts: readonly Uint8Array[]): string {
  if (parts.length === 1) return decoder.decode(parts[0]);
  let length = 0;
  for (const part of parts) length += part.byteLength;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return decoder.decode(bytes);
}
